/**
 * One test per migration: open at N-1 with fixture rows, migrate to N, check the rows survived and the
 * new schema's rules hold. Plus the guarantees the 0001 schema carries on its own.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../main/core/ledger/migrations'
import { openLedger, type Db } from '../../main/core/ledger/open'

const [m0001, m0002] = MIGRATIONS
let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qrc-mig-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))
const file = () => join(dir, 'ledger.sqlite3')

/** A paid sale with two lines, a failed and a succeeded payment, and their journal: the v1 fixture. */
function fixtureV1(db: Db) {
  db.exec(`
    INSERT INTO sales (id, terminal_id, created_at, updated_at) VALUES (1, 'T1', 1000, 1000);
    INSERT INTO sale_lines (sale_id, position, name, sku, unit_price_minor, quantity, tax_rate_bp, tax_minor, total_minor)
      VALUES (1, 1, 'Latte', 'L1', 475, 2, 825, 78, 1028), (1, 2, '茶 tea', NULL, 300, 1, 0, 0, 300);
    UPDATE sales SET items_minor = 1250, tax_minor = 78, total_minor = 1328 WHERE id = 1;
    UPDATE sales SET status = 'open' WHERE id = 1;
    INSERT INTO payments (id, sale_id, terminal_id, reference, transaction_no, state, amount_minor, currency,
      created_at, updated_at, final_at, code_last4, decline_reason)
      VALUES (1, 1, 'T1', 'QTRAINT1-a-1', '297553640000000001', 'failed', 1328, 'USD', 1100, 1200, 1200, '1902', 'declined');
    INSERT INTO payments (id, sale_id, terminal_id, reference, transaction_no, state, amount_minor, currency,
      created_at, updated_at, final_at, code_last4)
      VALUES (2, 1, 'T1', 'QTRAINT1-a-2', '297553640000000002', 'succeeded', 1328, 'USD', 1300, 1400, 1400, '1844');
    INSERT INTO payment_events (payment_id, at, kind, from_state, to_state, request, answer)
      VALUES (2, 1400, 'transition', 'pending', 'succeeded', '{"op":"query"}', '{"kind":"ok","status":"success"}');
    UPDATE sales SET status = 'paid', paid_at = 1400 WHERE id = 1;
  `)
}

describe('migration 0001 (ledger core)', () => {
  it('creates STRICT tables whose constraints carry the money guarantees', () => {
    const ledger = openLedger(file(), { migrations: [m0001!] })
    const db = ledger.db
    const strict = db
      .prepare(`SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'`)
      .all()
    expect(strict).toEqual(
      expect.arrayContaining(
        ['sales', 'sale_lines', 'payments', 'payment_events', 'refunds'].map((name) => ({ name, strict: 1 }))
      )
    )
    fixtureV1(db)
    // STRICT: a string in an INTEGER column is refused, not coerced
    expect(() => db.prepare(`UPDATE payments SET query_count = 'many' WHERE id = 2`).run()).toThrow(/cannot store TEXT/)
    // a second succeeded payment for the same sale is impossible
    expect(() =>
      db.exec(`INSERT INTO payments (sale_id, terminal_id, reference, state, amount_minor, currency, created_at, updated_at, final_at)
               VALUES (1, 'T2', 'QTRAINT2-b-1', 'succeeded', 1328, 'USD', 1, 1, 1)`)
    ).toThrow(/UNIQUE constraint failed: payments.sale_id/)
    // final states stay final, and identity/amount never change
    expect(() => db.exec(`UPDATE payments SET state = 'pending', final_at = NULL WHERE id = 1`)).toThrow(/final state/)
    expect(() => db.exec(`UPDATE payments SET amount_minor = 1 WHERE id = 2`)).toThrow(/never change/)
    expect(() => db.exec(`UPDATE payments SET transaction_no = '1' WHERE id = 2`)).toThrow(/never change/)
    expect(() => db.exec(`DELETE FROM payments WHERE id = 1`)).toThrow(/never deleted/)
    // the journal is append-only
    expect(() => db.exec(`UPDATE payment_events SET note = 'x'`)).toThrow(/append-only/)
    expect(() => db.exec(`DELETE FROM payment_events`)).toThrow(/append-only/)
    // a paid sale's lines and amounts are frozen; it cannot be deleted
    expect(() => db.exec(`UPDATE sale_lines SET quantity = 5 WHERE sale_id = 1`)).toThrow(/draft/)
    expect(() => db.exec(`DELETE FROM sale_lines WHERE sale_id = 1`)).toThrow(/draft/)
    expect(() => db.exec(`UPDATE sales SET total_minor = 1, items_minor = 1, tax_minor = 0 WHERE id = 1`)).toThrow(
      /frozen/
    )
    expect(() => db.exec(`DELETE FROM sales WHERE id = 1`)).toThrow(/only draft/)
    // references follow Pockyt's rule
    expect(() =>
      db.exec(`INSERT INTO payments (sale_id, terminal_id, reference, state, amount_minor, currency, created_at, updated_at)
               VALUES (1, 'T9', 'bad reference!', 'failed', 1, 'USD', 1, 1)`)
    ).toThrow(/CHECK/)
    // refunds: only of a succeeded payment, never more than was paid
    expect(() =>
      db.exec(`INSERT INTO refunds (payment_id, sale_id, refund_reference, amount_minor, currency, state, created_at, updated_at)
               VALUES (1, 1, 'R1', 100, 'USD', 'created', 1, 1)`)
    ).toThrow(/only a succeeded payment/)
    db.exec(`INSERT INTO refunds (payment_id, sale_id, refund_reference, amount_minor, currency, state, created_at, updated_at)
             VALUES (2, 1, 'R2', 1000, 'USD', 'created', 1, 1)`)
    expect(() =>
      db.exec(`INSERT INTO refunds (payment_id, sale_id, refund_reference, amount_minor, currency, state, created_at, updated_at)
               VALUES (2, 1, 'R3', 329, 'USD', 'created', 1, 1)`)
    ).toThrow(/exceed/)
    ledger.close()
  })

  it('a draft whose amounts do not add up cannot start a payment', () => {
    const ledger = openLedger(file(), { migrations: [m0001!] })
    const db = ledger.db
    db.exec(`INSERT INTO sales (id, terminal_id, created_at, updated_at) VALUES (1, 'T1', 1, 1);
             INSERT INTO sale_lines (sale_id, position, name, unit_price_minor, quantity, tax_rate_bp, total_minor)
               VALUES (1, 1, 'X', 500, 2, 0, 1000);
             UPDATE sales SET items_minor = 900, total_minor = 900 WHERE id = 1;`)
    expect(() => db.exec(`UPDATE sales SET status = 'open' WHERE id = 1`)).toThrow(/do not add up/)
    db.exec(`UPDATE sales SET items_minor = 1000, total_minor = 1000 WHERE id = 1`)
    db.exec(`UPDATE sales SET status = 'open' WHERE id = 1`)
    ledger.close()
  })
})

describe('migration 0002 (catalog)', () => {
  it('v1 -> v2: existing sales, lines, payments and journal survive; lines gain a product link', () => {
    const v1 = openLedger(file(), { migrations: [m0001!] })
    fixtureV1(v1.db)
    const before = {
      sales: v1.db.prepare('SELECT * FROM sales').all(),
      payments: v1.db.prepare('SELECT * FROM payments').all(),
      events: v1.db.prepare('SELECT * FROM payment_events').all(),
      lines: v1.db.prepare('SELECT * FROM sale_lines').all() as Record<string, unknown>[]
    }
    v1.close()

    const v2 = openLedger(file(), { migrations: [m0001!, m0002!] })
    const db = v2.db
    expect(v2.version).toBe(2)
    expect(db.prepare('SELECT * FROM sales').all()).toEqual(before.sales)
    expect(db.prepare('SELECT * FROM payments').all()).toEqual(before.payments)
    expect(db.prepare('SELECT * FROM payment_events').all()).toEqual(before.events)
    expect(db.prepare('SELECT * FROM sale_lines').all()).toEqual(before.lines.map((l) => ({ ...l, product_id: null })))

    // products: STRICT, unique barcode and sku, sane prices and tax rates
    const add = db.prepare(
      `INSERT INTO products (name, sku, barcode, price_minor, tax_rate_bp, category, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'Coffee', 1, 1)`
    )
    const id = Number(add.run('Latte', 'L1', '2000000000015', 475, 825).lastInsertRowid)
    expect(() => add.run('Other', 'L2', '2000000000015', 100, 0)).toThrow(/UNIQUE/)
    expect(() => add.run('Other', 'L1', null, 100, 0)).toThrow(/UNIQUE/)
    expect(() => add.run('Negative', null, null, -1, 0)).toThrow(/CHECK/)
    expect(() => add.run('Tax', null, null, 1, 10_001)).toThrow(/CHECK/)
    add.run('No codes 1', null, null, 1, 0)
    add.run('No codes 2', null, null, 1, 0) // many products without sku/barcode
    // a new line may point to a product; a dangling link is refused
    db.exec(`INSERT INTO sales (id, terminal_id, created_at, updated_at) VALUES (2, 'T1', 1, 1)`)
    db.prepare(
      `INSERT INTO sale_lines (sale_id, position, product_id, name, unit_price_minor, quantity, tax_rate_bp) VALUES (2, 1, ?, 'Latte', 475, 1, 825)`
    ).run(id)
    expect(() =>
      db.exec(`INSERT INTO sale_lines (sale_id, position, product_id, name, unit_price_minor, quantity, tax_rate_bp)
               VALUES (2, 2, 999, 'Ghost', 1, 1, 0)`)
    ).toThrow(/FOREIGN KEY/)
    v2.close()
  })
})
