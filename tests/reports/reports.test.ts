import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PosError } from '../../main/core/errors'
import { startOfLocalDay } from '../../main/core/reports/days'
import { createReportService } from '../../main/core/reports/report-service'
import { manualClock } from '../pockyt/helpers'
import { createSeeder, seedRefund, tempLedger } from './seed'

const HOUR = 3_600_000
const PIN = '1234'
let ledger: ReturnType<typeof tempLedger>
let clock: ReturnType<typeof manualClock>
let day0: number

beforeEach(() => {
  ledger = tempLedger()
  day0 = startOfLocalDay(Date.UTC(2026, 10, 20, 12))
  clock = manualClock(day0 + 8 * HOUR)
})
afterEach(() => ledger.dispose())

const service = () =>
  createReportService({
    db: ledger.db,
    clock,
    terminalId: 'T1',
    currency: () => 'USD',
    requireManagerPin: (pin, action) => {
      if (pin !== PIN) throw new PosError('PIN_REQUIRED', `PIN needed to ${action}`)
    }
  })

/** Independent sums straight from the ledger rows, for [from, to). */
function ledgerSums(from: number, to: number) {
  const db = ledger.db
  const one = (sql: string) => db.prepare(sql).get({ from, to }) as { n: number; m: number }
  const sales = one(
    `SELECT COUNT(*) AS n, COALESCE(SUM(amount_minor),0) AS m FROM payments WHERE state='succeeded' AND final_at >= @from AND final_at < @to`
  )
  const refunds = one(
    `SELECT COUNT(*) AS n, COALESCE(SUM(amount_minor),0) AS m FROM refunds WHERE kind='refund' AND state='succeeded' AND final_at >= @from AND final_at < @to`
  )
  const voids = one(
    `SELECT COUNT(*) AS n, COALESCE(SUM(amount_minor),0) AS m FROM refunds WHERE kind='void' AND state='succeeded' AND final_at >= @from AND final_at < @to`
  )
  return { sales, refunds, voids, net: sales.m - refunds.m - voids.m }
}

/** Two days of mixed activity: sales on two wallets, failed and reversed attempts, refunds, voids. */
function seedTwoDays() {
  const seeder = createSeeder(ledger.db)
  let rnd = 7
  const next = () => (rnd = (rnd * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  ledger.db.transaction(() => {
    for (let i = 0; i < 120; i++) {
      const at = day0 + 9 * HOUR + Math.floor(next() * 30 * HOUR)
      const roll = next()
      const attempts =
        roll < 0.1
          ? (['reversed'] as const)
          : roll < 0.2
            ? (['failed', 'succeeded'] as const)
            : (['succeeded'] as const)
      const saleId = seeder.seed({
        at,
        vendor: next() < 0.5 ? 'alipay' : 'wechatpay',
        attempts: [...attempts],
        lines: [
          {
            name: `Item ${i % 9}`,
            unitPriceMinor: 100 + Math.floor(next() * 3000),
            quantity: 1 + (i % 3),
            taxRateBp: 825
          }
        ]
      })
      if (attempts.at(-1) !== 'succeeded') continue
      const total = (ledger.db.prepare('SELECT total_minor AS t FROM sales WHERE id = ?').get(saleId) as { t: number })
        .t
      const r = next()
      if (r < 0.1) seedRefund(ledger.db, { saleId, amountMinor: Math.max(1, Math.floor(total / 3)), at: at + HOUR })
      else if (r < 0.15) seedRefund(ledger.db, { saleId, amountMinor: total, at: at + 60_000, kind: 'void' })
      else if (r < 0.18) seedRefund(ledger.db, { saleId, amountMinor: 1, at: at + HOUR, state: 'failed' })
    }
  })()
}

describe('X and Z reports', () => {
  it('an empty day reports zeros and 24 empty hours', () => {
    const x = service().x()
    expect(x).toMatchObject({
      kind: 'X',
      number: null,
      from: day0,
      to: day0 + 8 * HOUR,
      netMinor: 0,
      byWallet: [],
      exceptions: []
    })
    expect(x.sales).toEqual({ count: 0, amountMinor: 0 })
    expect(x.hourly).toHaveLength(24)
  })

  it('Z totals equal the sums of the ledger rows, and consecutive Zs cover every moment once', async () => {
    seedTwoDays()
    const svc = service()
    await clock.advance(18 * HOUR) // 02:00 on day 2
    const z1 = svc.z(PIN)
    await clock.advance(24 * HOUR)
    const x = svc.x()
    const z2 = svc.z(PIN)
    expect(x.from).toBe(z1.to)
    expect({ ...x, kind: 'Z', number: 2 }).toEqual({ ...z2, generatedAt: x.generatedAt })

    expect([z1.number, z2.number]).toEqual([1, 2])
    expect(z1.from).toBe(day0)
    expect(z2.from).toBe(z1.to)
    for (const z of [z1, z2]) {
      const sums = ledgerSums(z.from, z.to)
      expect(z.sales).toEqual({ count: sums.sales.n, amountMinor: sums.sales.m })
      expect(z.refunds).toEqual({ count: sums.refunds.n, amountMinor: sums.refunds.m })
      expect(z.voids).toEqual({ count: sums.voids.n, amountMinor: sums.voids.m })
      expect(z.netMinor).toBe(sums.net)
      expect(z.byWallet.reduce((a, w) => a + w.amountMinor, 0)).toBe(z.sales.amountMinor)
      expect(z.byWallet.reduce((a, w) => a + w.refundMinor + w.voidMinor, 0)).toBe(
        z.refunds.amountMinor + z.voids.amountMinor
      )
      expect(z.hourly.reduce((a, h) => a + h.amountMinor, 0)).toBe(z.sales.amountMinor)
    }
    const all = ledgerSums(day0, z2.to)
    expect(z1.sales.amountMinor + z2.sales.amountMinor).toBe(all.sales.m)
    expect(z1.sales.count).toBeGreaterThan(0)
    expect(z2.sales.count).toBeGreaterThan(0)
  })

  it('lists reversed, cancelled and unresolved payments and every refund in the exceptions', () => {
    const seeder = createSeeder(ledger.db)
    seeder.seed({ at: day0 + HOUR, attempts: ['reversed'], lines: [{ name: 'A', unitPriceMinor: 100 }] })
    seeder.seed({ at: day0 + 2 * HOUR, attempts: ['cancelled'], lines: [{ name: 'B', unitPriceMinor: 200 }] })
    seeder.seed({ at: day0 + 3 * HOUR, attempts: ['reversing'], lines: [{ name: 'C', unitPriceMinor: 300 }] })
    const paid = seeder.seed({ at: day0 + 4 * HOUR, lines: [{ name: 'D', unitPriceMinor: 400 }] })
    seedRefund(ledger.db, { saleId: paid, amountMinor: 150, at: day0 + 5 * HOUR })
    seedRefund(ledger.db, { saleId: paid, amountMinor: 10, at: day0 + 6 * HOUR, state: 'sent' })
    const x = service().x()
    expect(x.exceptions.map((e) => [e.kind, e.state, e.amountMinor])).toEqual([
      ['reversed', 'reversed', 100],
      ['cancelled', 'cancelled', 200],
      ['unresolved', 'reversing', 300],
      ['refund', 'succeeded', 150],
      ['refund', 'sent', 10]
    ])
    expect(x.exceptions[3]!.refundTransactionNo).toMatch(/^\d{18}$/)
    expect(x.exceptions[3]!.transactionNo).toMatch(/^\d{18}$/)
    expect(x.byStatus).toEqual([
      { state: 'cancelled', count: 1, amountMinor: 200 },
      { state: 'reversed', count: 1, amountMinor: 100 },
      { state: 'reversing', count: 1, amountMinor: 300 },
      { state: 'succeeded', count: 1, amountMinor: 400 }
    ])
    expect(x.netMinor).toBe(400 - 150)
  })

  it('a closed Z never changes: stored as closed, no update, no delete, no gap', async () => {
    createSeeder(ledger.db).seed({ at: day0 + HOUR, lines: [{ name: 'A', unitPriceMinor: 100 }] })
    const svc = service()
    const z = svc.z(PIN)
    // a refund dated inside the closed period later must not alter the stored report
    seedRefund(ledger.db, { saleId: 1, amountMinor: 50, at: day0 + 2 * HOUR })
    expect(svc.get(1)).toEqual(z)
    expect(() => ledger.db.prepare(`UPDATE z_reports SET to_at = to_at + 1`).run()).toThrow(/cannot be changed/)
    expect(() => ledger.db.prepare(`DELETE FROM z_reports`).run()).toThrow(/cannot be deleted/)
    expect(() =>
      ledger.db
        .prepare(
          `INSERT INTO z_reports (number, business_day, from_at, to_at, closed_at, terminal_id, report) VALUES (2, '2026-11-21', 5, 6, 6, 'T1', '{}')`
        )
        .run()
    ).toThrow(/starts where the previous one ended/)
    expect(svc.list()).toEqual([
      {
        number: 1,
        businessDay: z.businessDay,
        from: z.from,
        to: z.to,
        closedAt: z.generatedAt,
        salesMinor: 100,
        netMinor: 100,
        currency: 'USD'
      }
    ])
    expect(() => svc.get(7)).toThrow(PosError)
  })

  it('needs the manager PIN and no payment in progress to close', () => {
    createSeeder(ledger.db).seed({
      at: day0 + HOUR,
      attempts: ['pending'],
      lines: [{ name: 'A', unitPriceMinor: 100 }]
    })
    const svc = service()
    expect(() => svc.z('0000')).toThrow(/PIN needed/)
    expect(() => svc.z(PIN)).toThrow(/payment is in progress/)
    expect(svc.list()).toEqual([])
  })
})
