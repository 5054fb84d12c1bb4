/**
 * Seeds a ledger with N sales over a year, set-based (recursive CTEs inside SQLite, one transaction), the
 * way a ledger of an older version would hold them; the caller then runs migration 10, whose backfill
 * builds history, the hourly totals and the name index exactly as the triggers would have (a test checks
 * that the two agree). Mix: 3% declined, 2% reversed, 3% paid after a decline, ~1% partly refunded;
 * three wallets; twelve products plus forty variants each.
 */
import type { Db } from '../main/core/ledger/open'

export const BENCH_PRODUCTS = [
  'Latte',
  'Flat White',
  'Oolong Tea',
  'Jasmine Tea',
  '乌龙茶',
  '珍珠奶茶',
  'Blueberry Muffin',
  'Croissant',
  'Bagel',
  'Sparkling Water',
  'Café Mocha',
  'Matcha Latte'
]

/** Inserts `n` sales between `start` and `end` (ms) into a ledger at schema version 2. */
export function seedSalesSetBased(db: Db, n: number, start: number, end: number): void {
  const step = (end - start) / n
  const products = BENCH_PRODUCTS.map((p, i) => `(${i}, '${p.replace(/'/g, "''")}')`).join(', ')
  const params = { n, start, step }
  const series = `WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < @n - 1)`
  db.transaction(() => {
    // line 1: product i % 12, 1.50-10.49, quantity 1-3; line 2 (odd i): a variant at 2.00
    db.prepare(
      `${series}
       INSERT INTO sales (id, terminal_id, status, currency, items_minor, tax_minor, total_minor, created_at, updated_at)
       SELECT i + 1, 'T1', 'draft', 'USD', t, 0, t, at - 30000, at - 30000 FROM (
         SELECT i, CAST(@start + i * @step AS INTEGER) AS at,
           (150 + (i * 7919) % 900) * (1 + i % 3) + CASE WHEN i % 2 = 1 THEN 200 ELSE 0 END AS t FROM c)`
    ).run(params)
    db.prepare(
      `WITH p(k, name) AS (VALUES ${products})
       INSERT INTO sale_lines (sale_id, position, name, unit_price_minor, quantity, tax_rate_bp, tax_minor, total_minor)
       SELECT s.id, 1, p.name, 150 + ((s.id - 1) * 7919) % 900, 1 + (s.id - 1) % 3, 0, 0,
         (150 + ((s.id - 1) * 7919) % 900) * (1 + (s.id - 1) % 3)
       FROM sales s JOIN p ON p.k = (s.id - 1) % 12`
    ).run()
    db.prepare(
      `WITH p(k, name) AS (VALUES ${products})
       INSERT INTO sale_lines (sale_id, position, name, unit_price_minor, quantity, tax_rate_bp, tax_minor, total_minor)
       SELECT s.id, 2, p.name || ' ' || ((s.id - 1) % 40), 200, 1, 0, 0, 200
       FROM sales s JOIN p ON p.k = ((s.id - 1) * 7) % 12 WHERE (s.id - 1) % 2 = 1`
    ).run()
    // outcome by id % 100: 0-2 declined, 3-4 reversed, 5-7 declined then paid, else paid
    const payment = (state: string, where: string, offsetMs: number, tag: string) =>
      db
        .prepare(
          `INSERT INTO payments (sale_id, terminal_id, reference, transaction_no, state, vendor, amount_minor, currency,
             code_masked, code_last4, remote_status, created_at, updated_at, pay_sent_at, final_at)
           SELECT id, 'T1', 'Qb${tag}-' || id, '2975536${tag}' || printf('%010d', id), '${state}',
             CASE id % 3 WHEN 0 THEN 'wechatpay' WHEN 1 THEN 'alipay' ELSE 'unionpay' END,
             total_minor, 'USD', '**************' || printf('%04d', id % 10000), printf('%04d', id % 10000),
             ${state === 'succeeded' ? "'success'" : 'NULL'}, created_at + 30000 + ${offsetMs},
             created_at + 30000 + ${offsetMs}, created_at + 30000 + ${offsetMs}, created_at + 30500 + ${offsetMs}
           FROM sales WHERE ${where}`
        )
        .run()
    payment('failed', 'id % 100 < 3 OR id % 100 BETWEEN 5 AND 7', 0, '1')
    payment('reversed', 'id % 100 BETWEEN 3 AND 4', 0, '1')
    payment('succeeded', 'id % 100 BETWEEN 5 AND 7', 1000, '2')
    payment('succeeded', 'id % 100 >= 8', 0, '1')
    db.prepare(
      `UPDATE sales SET status = 'paid', paid_at = (SELECT final_at FROM payments WHERE sale_id = sales.id AND state = 'succeeded')
       WHERE id % 100 >= 5`
    ).run()
    // ~1% partly refunded (1.00), an hour later
    db.prepare(
      `INSERT INTO refunds (payment_id, sale_id, refund_reference, refund_transaction_no, amount_minor, currency,
         state, reason, created_at, updated_at, final_at)
       SELECT p.id, p.sale_id, 'Rb-' || p.sale_id, '2975537' || printf('%011d', p.sale_id), 100, 'USD',
         'created', 'bench', p.final_at + 3600000, p.final_at + 3600000, NULL
       FROM payments p WHERE p.state = 'succeeded' AND p.sale_id % 97 = 0`
    ).run()
    db.prepare(`UPDATE refunds SET state = 'succeeded', final_at = created_at + 500`).run()
    db.prepare(
      `UPDATE sales SET refunded_minor = 100, status = 'partially_refunded' WHERE id % 97 = 0 AND status = 'paid'`
    ).run()
  })()
}
