import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createHistoryQueries,
  HOUR_MS,
  type HistoryFilter,
  type HistoryRow
} from '../../main/core/reports/history-query'
import { createSeeder, tempLedger, type Seeder } from './seed'

const DAY = 24 * HOUR_MS
const T0 = Date.UTC(2026, 10, 20, 9, 0, 0)

let ledger: ReturnType<typeof tempLedger>
let seeder: Seeder
let q: ReturnType<typeof createHistoryQueries>

/**
 * Every test runs with SQLite's index choice left free, and again with each plan forced (the history
 * list picks "ordered" or "indexed" by how many rows match; small test ledgers would never reach it).
 */
const PLANS = [undefined, 1, Number.MAX_SAFE_INTEGER] as const

beforeEach(() => {
  ledger = tempLedger()
  seeder = createSeeder(ledger.db)
  q = createHistoryQueries(ledger.db)
})
afterEach(() => ledger.dispose())

/** Every page of a filter, following the keyset cursor. */
function allPages(f: HistoryFilter, limit: number): HistoryRow[] {
  const out: HistoryRow[] = []
  let page = q.page(f, null, limit)
  out.push(...page.rows)
  while (page.nextCursor) {
    page = q.page(f, page.nextCursor, limit)
    expect(Object.keys(page).sort()).toEqual(['nextCursor', 'rows'])
    out.push(...page.rows)
  }
  return out
}

describe.each(PLANS)('history list (broad threshold %s)', (broadThreshold) => {
  beforeEach(() => {
    q = createHistoryQueries(ledger.db, { broadThreshold })
  })

  it('is empty on an empty ledger, with zero totals', () => {
    expect(q.page({}, null)).toEqual({ rows: [], nextCursor: null })
    expect(q.totals({})).toEqual({ count: 0, totalMinor: 0, refundedMinor: 0 })
  })

  it('lists newest first and pages through rows sharing one timestamp without gaps or repeats', () => {
    const ids: number[] = []
    for (let i = 0; i < 7; i++) ids.push(seeder.seed({ at: T0, lines: [{ name: 'Tea', unitPriceMinor: 100 + i }] }))
    ids.push(seeder.seed({ at: T0 + 1000, lines: [{ name: 'Tea', unitPriceMinor: 500 }] }))
    ids.push(seeder.seed({ at: T0 - 1000, lines: [{ name: 'Tea', unitPriceMinor: 500 }] }))
    const rows = allPages({}, 3)
    expect(rows.map((r) => r.saleId)).toEqual([ids[7], ...ids.slice(0, 7).reverse(), ids[8]])
    expect(new Set(rows.map((r) => r.saleId)).size).toBe(9)
    expect(q.totals({})).toEqual({ count: 9, totalMinor: 7 * 100 + 21 + 1000, refundedMinor: 0 })
  })

  it('shows the payment facts of the succeeded attempt and a line summary', () => {
    seeder.seed({
      at: T0,
      attempts: ['failed', 'succeeded'],
      vendor: 'alipay',
      last4: '4321',
      lines: [
        { name: 'Latte', unitPriceMinor: 450, quantity: 2 },
        { name: 'Muffin', unitPriceMinor: 300 },
        { name: 'Water', unitPriceMinor: 100 },
        { name: 'Gum', unitPriceMinor: 50 }
      ]
    })
    const [row] = q.page({}, null).rows
    expect(row).toMatchObject({ status: 'paid', vendor: 'alipay', attempts: 2, codeLast4: '4321', totalMinor: 1350 })
    expect(row!.summary).toBe('Latte ×2, Muffin, Water +1')
    expect(row!.transactionNo).toMatch(/^\d{18}$/)
  })

  it('filters by date range: an empty day has no rows and zero totals', () => {
    seeder.seed({ at: T0, lines: [{ name: 'Tea', unitPriceMinor: 100 }] })
    seeder.seed({ at: T0 + 2 * DAY, lines: [{ name: 'Tea', unitPriceMinor: 200 }] })
    const emptyDay = { from: T0 + DAY - 9 * HOUR_MS, to: T0 + 2 * DAY - 9 * HOUR_MS }
    expect(q.page(emptyDay, null)).toEqual({ rows: [], nextCursor: null })
    expect(q.totals(emptyDay)).toEqual({ count: 0, totalMinor: 0, refundedMinor: 0 })
    const day2 = { from: T0 + 2 * DAY - 9 * HOUR_MS, to: T0 + 3 * DAY - 9 * HOUR_MS }
    expect(q.page(day2, null).rows.map((r) => r.totalMinor)).toEqual([200])
    // `to` is exclusive, `from` inclusive
    expect(q.page({ from: T0, to: T0 + 1 }, null).rows).toHaveLength(1)
    expect(q.page({ from: T0 + 1, to: T0 + DAY }, null).rows).toHaveLength(0)
  })

  it('filters by status, including unresolved, reversed and failed attempts', () => {
    seeder.seed({ at: T0, lines: [{ name: 'A', unitPriceMinor: 100 }] })
    seeder.seed({ at: T0 + 1, attempts: ['reversed'], lines: [{ name: 'B', unitPriceMinor: 200 }] })
    seeder.seed({ at: T0 + 2, attempts: ['reversing'], lines: [{ name: 'C', unitPriceMinor: 300 }] })
    seeder.seed({ at: T0 + 3, attempts: ['failed'], lines: [{ name: 'D', unitPriceMinor: 400 }] })
    seeder.seed({ at: T0 + 4, attempts: ['pending'], lines: [{ name: 'E', unitPriceMinor: 500 }] })
    const status = (statuses: HistoryFilter['statuses']) => q.page({ statuses }, null).rows.map((r) => r.totalMinor)
    expect(status(['paid'])).toEqual([100])
    expect(status(['reversed'])).toEqual([200])
    expect(status(['unresolved'])).toEqual([300])
    expect(status(['failed'])).toEqual([400])
    expect(status(['in_progress'])).toEqual([500])
    expect(status(['unresolved', 'reversed'])).toEqual([300, 200])
  })

  it('filters by wallet and amount range', () => {
    seeder.seed({ at: T0, vendor: 'alipay', lines: [{ name: 'A', unitPriceMinor: 100 }] })
    seeder.seed({ at: T0 + 1, vendor: 'wechatpay', lines: [{ name: 'B', unitPriceMinor: 250 }] })
    seeder.seed({ at: T0 + 2, vendor: 'alipay', lines: [{ name: 'C', unitPriceMinor: 900 }] })
    seeder.seed({ at: T0 + 3, vendor: null, attempts: ['failed'], lines: [{ name: 'D', unitPriceMinor: 50 }] })
    expect(q.page({ wallets: ['alipay'] }, null).rows.map((r) => r.totalMinor)).toEqual([900, 100])
    expect(q.page({ wallets: [''] }, null).rows.map((r) => r.vendor)).toEqual([null])
    const ranged = q.page({ minMinor: 100, maxMinor: 250 }, null)
    expect(ranged.rows.map((r) => r.totalMinor)).toEqual([250, 100])
    expect(q.totals({ minMinor: 100, maxMinor: 250 })).toEqual({ count: 2, totalMinor: 350, refundedMinor: 0 })
  })

  it('searches our reference, the transactionNo, the last 4 digits and the sale number', () => {
    const a = seeder.seed({ at: T0, last4: '7788', lines: [{ name: 'A', unitPriceMinor: 100 }] })
    const b = seeder.seed({ at: T0 + 1, last4: '1122', lines: [{ name: 'B', unitPriceMinor: 200 }] })
    const pay = (id: number) =>
      ledger.db.prepare('SELECT reference, transaction_no FROM payments WHERE sale_id = ?').get(id) as {
        reference: string
        transaction_no: string
      }
    const ids = (text: string) => q.page({ text }, null).rows.map((r) => r.saleId)
    expect(ids(pay(b).reference)).toEqual([b])
    expect(ids(pay(a).transaction_no)).toEqual([a])
    expect(ids(pay(a).transaction_no.slice(0, 15))).toEqual([b, a])
    expect(ids('7788')).toEqual([a])
    expect(ids(`#${b}`)).toEqual([b])
    expect(ids('no-such-thing')).toEqual([])
  })

  it('searches product names: case, accents, CJK, short text and quotes', () => {
    const latte = seeder.seed({ at: T0, lines: [{ name: 'Caffè Latte', unitPriceMinor: 450 }] })
    const tea = seeder.seed({ at: T0 + 1, lines: [{ name: '乌龙茶 Oolong', unitPriceMinor: 300 }] })
    const quote = seeder.seed({ at: T0 + 2, lines: [{ name: 'The "Big" Muffin_50%', unitPriceMinor: 300 }] })
    const ids = (text: string) => q.page({ text }, null).rows.map((r) => r.saleId)
    expect(ids('LATTE')).toEqual([latte])
    expect(ids('caffe')).toEqual([latte])
    expect(ids('乌龙茶')).toEqual([tea])
    expect(ids('茶')).toEqual([tea])
    expect(ids('龙茶')).toEqual([tea])
    expect(ids('"Big"')).toEqual([quote])
    expect(ids('_5')).toEqual([quote])
    expect(ids('%')).toEqual([quote])
    expect(q.totals({ text: 'oolong' })).toEqual({ count: 1, totalMinor: 300, refundedMinor: 0 })
  })

  it('searches product names within a date range, including lines added after a declined attempt', () => {
    const early = seeder.seed({ at: T0, lines: [{ name: 'Green Tea', unitPriceMinor: 100 }] })
    const late = seeder.seed({ at: T0 + 2 * DAY, lines: [{ name: 'Green Tea', unitPriceMinor: 200 }] })
    const declined = seeder.seed({
      at: T0 + 2 * DAY + 5,
      attempts: ['failed'],
      lines: [{ name: 'Bagel', unitPriceMinor: 300 }]
    })
    // back to draft after the decline: the cashier adds a tea before the customer pays again
    ledger.db
      .prepare(
        `INSERT INTO sale_lines (sale_id, position, name, unit_price_minor, quantity, tax_rate_bp, total_minor) VALUES (?, 2, 'Green Tea', 150, 1, 0, 150)`
      )
      .run(declined)
    const day3 = { from: T0 + 2 * DAY - HOUR_MS, to: T0 + 3 * DAY }
    expect(q.page({ text: 'green tea', ...day3 }, null).rows.map((r) => r.saleId)).toEqual([declined, late])
    expect(q.page({ text: 'green tea', to: T0 + DAY }, null).rows.map((r) => r.saleId)).toEqual([early])
    expect(q.totals({ text: 'green tea', ...day3 })).toMatchObject({ count: 2 })
  })

  it('keeps the search index right when draft lines are removed before payment', () => {
    const db = ledger.db
    const saleId = Number(
      db.prepare(`INSERT INTO sales (terminal_id, currency, created_at, updated_at) VALUES ('T1','USD',1,1)`).run()
        .lastInsertRowid
    )
    const line = db.prepare(
      `INSERT INTO sale_lines (sale_id, position, name, unit_price_minor, quantity, tax_rate_bp, total_minor) VALUES (?,?,?,?,1,0,?)`
    )
    const scone = Number(line.run(saleId, 1, 'Scone', 300, 300).lastInsertRowid)
    line.run(saleId, 2, 'Bagel', 200, 200)
    db.prepare('DELETE FROM sale_lines WHERE id = ?').run(scone)
    db.prepare(`UPDATE sales SET items_minor = 200, total_minor = 200 WHERE id = ?`).run(saleId)
    db.prepare(
      `INSERT INTO payments (sale_id, terminal_id, reference, state, amount_minor, currency, created_at, updated_at)
       VALUES (?, 'T1', 'Qdraft1', 'created', 200, 'USD', ?, ?)`
    ).run(saleId, T0, T0)
    expect(q.page({ text: 'bagel' }, null).rows.map((r) => r.saleId)).toEqual([saleId])
    expect(q.page({ text: 'scone' }, null).rows).toEqual([])
  })

  it('totals from the hourly table equal a plain scan for any range, status and wallet', () => {
    let rnd = 42
    const next = () => (rnd = (rnd * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const states = [['succeeded'], ['failed'], ['reversed'], ['reversing'], ['failed', 'succeeded']] as const
    ledger.db.transaction(() => {
      for (let i = 0; i < 300; i++) {
        seeder.seed({
          at: T0 + Math.floor(next() * 3 * DAY),
          vendor: next() < 0.5 ? 'alipay' : 'wechatpay',
          attempts: [...states[Math.floor(next() * states.length)]!],
          lines: [{ name: `P${i % 7}`, unitPriceMinor: 1 + Math.floor(next() * 5000) }]
        })
      }
    })()
    const scan = (f: HistoryFilter) => {
      const rows = allPages(f, 200)
      return {
        count: rows.length,
        totalMinor: rows.reduce((a, r) => a + r.totalMinor, 0),
        refundedMinor: rows.reduce((a, r) => a + r.refundedMinor, 0)
      }
    }
    for (let k = 0; k < 40; k++) {
      const a = T0 - HOUR_MS + Math.floor(next() * 4 * DAY)
      const b = a + Math.floor(next() * 2 * DAY)
      const f: HistoryFilter = {
        from: k % 5 === 0 ? undefined : a,
        to: k % 7 === 0 ? undefined : b,
        statuses: k % 2 ? ['paid', 'failed'] : undefined,
        wallets: k % 3 ? undefined : ['alipay']
      }
      expect(q.totals(f)).toEqual(scan(f))
    }
  })

  it('finds a sale by the transactionNo on its receipt', () => {
    const id = seeder.seed({ at: T0, lines: [{ name: 'A', unitPriceMinor: 100 }] })
    const { transaction_no } = ledger.db.prepare('SELECT transaction_no FROM payments WHERE sale_id = ?').get(id) as {
      transaction_no: string
    }
    expect(q.saleByTransactionNo(transaction_no)).toBe(id)
    expect(q.saleByTransactionNo('000000000000000000')).toBeUndefined()
  })
})

describe('migration 10 backfill', () => {
  it('builds the same history, hourly totals and name index from an existing ledger as the triggers do live', async () => {
    const { openLedger } = await import('../../main/core/ledger/open')
    const { MIGRATIONS } = await import('../../main/core/ledger/migrations')
    const file = join(ledger.dir, 'old.sqlite')
    const fill = (s: ReturnType<typeof createSeeder>) => {
      const states = [
        ['succeeded'],
        ['failed'],
        ['reversed'],
        ['reversing'],
        ['failed', 'succeeded'],
        ['pending']
      ] as const
      for (let i = 0; i < 60; i++) {
        s.seed({
          at: T0 + i * 7 * 60_000,
          vendor: i % 4 === 0 ? null : i % 2 ? 'alipay' : 'wechatpay',
          terminalId: `T${i}`,
          attempts: [...states[i % states.length]!],
          lines: [
            { name: `Thing ${i % 5}`, unitPriceMinor: 100 + i },
            { name: '乌龙茶', unitPriceMinor: 50 }
          ]
        })
      }
    }
    const old = openLedger(file, { migrations: MIGRATIONS.slice(0, 2) })
    old.db.transaction(() => fill(createSeeder(old.db)))()
    old.close()
    const upgraded = openLedger(file)
    ledger.db.transaction(() => fill(seeder))()
    const dump = (db: typeof ledger.db) => ({
      history: db.prepare('SELECT * FROM history ORDER BY sale_id').all(),
      hours: db.prepare('SELECT * FROM history_hours WHERE n <> 0 ORDER BY hour, status, vendor').all(),
      names: db
        .prepare('SELECT n.name, s.sale_id, s.at FROM sale_names s JOIN line_names n ON n.id = s.name_id ORDER BY 1, 2')
        .all()
    })
    const live = dump(ledger.db)
    expect(live.history).toHaveLength(60)
    expect(dump(upgraded.db)).toEqual(live)
    upgraded.close()
  })
})
