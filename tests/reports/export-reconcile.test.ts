import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PosError } from '../../main/core/errors'
import { createTrainingClient } from '../../main/core/pockyt/training'
import type { PockytClient } from '../../main/core/pockyt/types'
import { createCsvExporter, CSV_COLUMNS } from '../../main/core/reports/csv-export'
import { localDay } from '../../main/core/reports/days'
import { createReconciler, parsePockytTime, pockytDate } from '../../main/core/reports/reconcile'
import { code, manualClock } from '../pockyt/helpers'
import { createSeeder, seedRefund, tempLedger } from './seed'

const T = Date.UTC(2026, 10, 20, 4, 0, 0)
let ledger: ReturnType<typeof tempLedger>

beforeEach(() => {
  ledger = tempLedger()
})
afterEach(() => ledger.dispose())

describe('CSV export', () => {
  it('round-trips every payment attempt and refund of the period through a CSV parser', async () => {
    const seeder = createSeeder(ledger.db)
    const names = ['Plain', 'Comma, "quoted"', '乌龙茶', 'Line\nbreak', '=SUM(A1)']
    ledger.db.transaction(() => {
      for (let i = 0; i < 1200; i++) {
        const id = seeder.seed({
          at: T + i * 1000,
          attempts: i % 10 === 0 ? ['failed', 'succeeded'] : ['succeeded'],
          vendor: i % 2 ? 'alipay' : 'wechatpay',
          lines: [{ name: names[i % names.length]!, unitPriceMinor: 100 + i, quantity: 1 + (i % 2) }]
        })
        if (i % 50 === 0) seedRefund(ledger.db, { saleId: id, amountMinor: 25, at: T + i * 1000 + 500 })
      }
    })()
    const file = join(ledger.dir, 'out.csv')
    const progress: number[] = []
    const exporter = createCsvExporter(ledger.db)
    const from = T + 100_000
    const to = T + 1_100_000
    const result = await exporter.export({ from, to, file, onProgress: (p) => progress.push(p.rows) })

    const expected = ledger.db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM payments WHERE created_at >= ? AND created_at < ?) +
                (SELECT COUNT(*) FROM refunds WHERE created_at >= ? AND created_at < ?) AS n`
      )
      .get(from, to, from, to) as { n: number }
    expect(result.rows).toBe(expected.n)
    expect(progress.at(-1)).toBe(result.rows)
    expect([...progress].sort((a, b) => a - b)).toEqual(progress)
    expect(existsSync(`${file}.part`)).toBe(false)

    const records = parse(readFileSync(file, 'utf8'), { bom: true, columns: true }) as Record<string, string>[]
    expect(Object.keys(records[0]!)).toEqual([...CSV_COLUMNS])
    expect(records).toHaveLength(result.rows)
    const times = records.map((r) => Date.parse(r.time!))
    expect([...times].sort((a, b) => a - b)).toEqual(times)
    expect(times[0]).toBeGreaterThanOrEqual(from)
    expect(times.at(-1)).toBeLessThan(to)
    // money: payments positive, refunds negative; the succeeded ones add up to what the ledger holds
    const cents = (s: string) => Math.round(Number(s) * 100)
    const csvNet = records
      .filter((r) => (r.type === 'payment' ? r.state === 'succeeded' : r.state === 'succeeded'))
      .reduce((a, r) => a + cents(r.amount!), 0)
    const ledgerNet = ledger.db
      .prepare(
        `SELECT (SELECT COALESCE(SUM(amount_minor),0) FROM payments WHERE state='succeeded' AND created_at >= @from AND created_at < @to)
              - (SELECT COALESCE(SUM(amount_minor),0) FROM refunds WHERE state='succeeded' AND created_at >= @from AND created_at < @to) AS n`
      )
      .get({ from, to }) as { n: number }
    expect(csvNet).toBe(ledgerNet.n)
    expect(records.filter((r) => r.type === 'refund').every((r) => r.amount!.startsWith('-'))).toBe(true)
    // text survives: commas, quotes, CJK, newlines
    for (const n of names) expect(records.some((r) => r.items!.includes(n))).toBe(true)
    // a formula-looking cell is defused for spreadsheets
    expect(records.some((r) => r.items === "'=SUM(A1) x1" || r.items === "'=SUM(A1) x2")).toBe(true)
    expect(records.every((r) => r.transaction_no === '' || /^\d{18}$/.test(r.transaction_no!))).toBe(true)
  })

  it('writes just the header for an empty period', async () => {
    const file = join(ledger.dir, 'empty.csv')
    const r = await createCsvExporter(ledger.db).export({ from: T, to: T + 1000, file })
    expect(r.rows).toBe(0)
    expect(parse(readFileSync(file, 'utf8'), { bom: true })).toEqual([[...CSV_COLUMNS]])
  })

  it('removes the partial file when cancelled', async () => {
    const seeder = createSeeder(ledger.db)
    ledger.db.transaction(() => {
      for (let i = 0; i < 6000; i++) seeder.seed({ at: T + i, lines: [{ name: 'A', unitPriceMinor: 100 }] })
    })()
    const file = join(ledger.dir, 'cancel.csv')
    const ac = new AbortController()
    const p = createCsvExporter(ledger.db).export({
      from: T,
      to: T + 20_000,
      file,
      signal: ac.signal,
      onProgress: () => ac.abort()
    })
    await expect(p).rejects.toBeDefined()
    expect(existsSync(file)).toBe(false)
    expect(existsSync(`${file}.part`)).toBe(false)
  })
})

describe('reconciliation with trans-list', () => {
  it('converts between local days and Pockyt days (UTC+8)', () => {
    expect(pockytDate(Date.UTC(2026, 10, 20, 16, 30))).toBe('20261121')
    expect(parsePockytTime('2026-11-21 00:30:00')).toBe(Date.UTC(2026, 10, 20, 16, 30))
    expect(parsePockytTime('nonsense')).toBeNull()
  })

  it('lists what the ledger and Pockyt disagree on, line by line', async () => {
    const clock = manualClock(T)
    const pockyt = createTrainingClient({ clock })
    const seeder = createSeeder(ledger.db)
    const remoteTx = async (amountMinor: number, pay = true) => {
      const added = await pockyt.add({
        amountMinor,
        currency: 'USD',
        reference: `Qr${Math.random().toString(36).slice(2, 12)}`
      })
      if (added.kind !== 'ok') throw new Error('add')
      if (pay) await pockyt.pay({ transactionNo: added.value.transactionNo, paymentBarcode: code('000') })
      await clock.advance(60_000)
      return added.value
    }
    // 1. agrees
    const ok = await remoteTx(1000)
    seeder.seed({
      at: clock.now() - 60_000,
      transactionNo: ok.transactionNo,
      reference: ok.reference,
      lines: [{ name: 'A', unitPriceMinor: 1000 }]
    })
    // 2. Pockyt took the money, the ledger says failed
    const lost = await remoteTx(500)
    seeder.seed({ at: clock.now(), attempts: ['failed'], lines: [{ name: 'B', unitPriceMinor: 500 }] })
    ledger.db
      .prepare(`UPDATE payments SET transaction_no = ? WHERE sale_id = (SELECT MAX(id) FROM sales)`)
      .run(lost.transactionNo)
    // 3. at Pockyt only (another till)
    const stranger = await remoteTx(700)
    // 4. in the ledger only
    seeder.seed({ at: clock.now(), transactionNo: '297553699999999999', lines: [{ name: 'C', unitPriceMinor: 300 }] })
    // 5. refunded in the portal, not in the ledger
    const portal = await remoteTx(900)
    seeder.seed({ at: clock.now(), transactionNo: portal.transactionNo, lines: [{ name: 'D', unitPriceMinor: 900 }] })
    pockyt.simulator.state.refund(
      '200043',
      '300014',
      { transactionNo: portal.transactionNo },
      {
        refundAmount: '1.00',
        currency: 'USD',
        refundReference: 'portal-r1'
      }
    )

    const result = await createReconciler(ledger.db, pockyt).day(localDay(T))
    expect(result.matched).toBe(1)
    const kinds = Object.fromEntries(result.lines.map((l) => [l.transactionNo, l.kind]))
    expect(kinds).toEqual({
      [lost.transactionNo]: 'paid_at_pockyt_only',
      [stranger.transactionNo]: 'missing_in_ledger',
      '297553699999999999': 'missing_at_pockyt',
      [portal.transactionNo]: 'refunded'
    })
    expect(result.lines.every((l) => l.message.length > 10)).toBe(true)
  })

  it('says the network is needed when Pockyt cannot be reached, and checks the day', async () => {
    const offline = {
      transList: async () => ({ kind: 'unknown', reason: 'network', detail: 'ENOTFOUND' })
    } as unknown as PockytClient
    const r = createReconciler(ledger.db, offline)
    await expect(r.day('2026-11-20')).rejects.toMatchObject({ code: 'POCKYT_UNREACHABLE' })
    await expect(r.day('2026-02-30')).rejects.toBeInstanceOf(PosError)
  })
})
