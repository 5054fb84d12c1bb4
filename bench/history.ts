/**
 * History, reports and export at scale. Seeds 1,000,000 sales over a year into a ledger at schema 2
 * (set-based SQL in one transaction: see history-seed.ts), opens it with the app's `openLedger`, which
 * runs migration 10 and its backfill (what an upgrade of a big ledger costs), measures what the triggers
 * add per live sale, then the history list (first page and filtered pages, each alone as `history:list`
 * answers them; the filters' totals, a separate call, in their own rows; a deep keyset page), the day
 * report and a 100,000-row CSV export, each p50/p95.
 * HISTORY_BENCH_SALES overrides the size (e.g. 100000 for a quick run).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MIGRATIONS } from '../main/core/ledger/migrations'
import { openLedger } from '../main/core/ledger/open'
import { createCsvExporter } from '../main/core/reports/csv-export'
import { createReportQueries } from '../main/core/reports/day-report'
import { startOfLocalDay } from '../main/core/reports/days'
import { createHistoryQueries, type HistoryFilter } from '../main/core/reports/history-query'
import { createSeeder } from '../tests/reports/seed'
import { seedSalesSetBased } from './history-seed'
import { percentile, type Row } from './lib'

const DAY = 86_400_000

export async function benchHistory(): Promise<Row[]> {
  const n = Number(process.env.HISTORY_BENCH_SALES ?? 1_000_000)
  const dir = mkdtempSync(join(tmpdir(), 'qrc-bench-history-'))
  const file = join(dir, 'ledger.sqlite3')
  const end = startOfLocalDay(Date.UTC(2026, 10, 25, 12))
  const start = end - 365 * DAY
  const step = (end - start) / n
  const old = openLedger(file, { migrations: MIGRATIONS.filter((m) => m.version < 10) })
  let t0 = performance.now()
  old.db.pragma('synchronous = OFF') // a bench seed; the app keeps synchronous = FULL
  seedSalesSetBased(old.db, n, start, end)
  old.close()
  const seedMs = performance.now() - t0
  t0 = performance.now()
  const ledger = openLedger(file)
  const migrateMs = performance.now() - t0
  const db = ledger.db
  try {
    db.pragma('optimize')
    // What a live sale costs with the history triggers (history row, hourly totals, name index);
    // written in a transaction that is then rolled back, so the measured ledger is unchanged.
    const live = (k: number) => {
      const seeder = createSeeder(db)
      const lines = [
        { name: 'Latte', unitPriceMinor: 450 },
        { name: 'Bagel', unitPriceMinor: 300 }
      ]
      const t = performance.now()
      try {
        db.transaction(() => {
          for (let i = 0; i < k; i++) seeder.seed({ at: end + i * 1000, terminalId: 'BENCH', lines })
          throw new Error('rollback')
        })()
      } catch {
        /* rolled back on purpose */
      }
      return ((performance.now() - t) * 1000) / k
    }
    const withTriggers = live(2000)
    const fileMb = statSync(file).size / 1e6

    const q = createHistoryQueries(db)
    const rows: Row[] = []
    const measure = (name: string, note: string, fn: () => unknown, runs = 40) => {
      const times: number[] = []
      for (let i = 0; i < 3; i++) fn()
      for (let i = 0; i < runs; i++) {
        const t = performance.now()
        fn()
        times.push(performance.now() - t)
      }
      rows.push({ name, p50: percentile(times, 50), p95: percentile(times, 95), unit: 'ms', note })
    }

    rows.push({
      name: `seed ${n.toLocaleString('en-US')} sales (schema 2)`,
      p50: seedMs / 1000,
      p95: seedMs / 1000,
      unit: 's',
      note: `set-based SQL, one transaction; ledger ${fileMb.toFixed(0)} MB`
    })
    rows.push({
      name: 'open + migration 10 backfill',
      p50: migrateMs / 1000,
      p95: migrateMs / 1000,
      unit: 's',
      note: 'history, hourly totals, name index for every sale'
    })
    rows.push({
      name: 'live sale write with history triggers',
      p50: withTriggers,
      p95: withTriggers,
      unit: 'µs/sale',
      note: 'sale + 2 lines + payment + paid, in a transaction'
    })
    // The list answers the page alone (`history:list`); the filter's count and sums are their own call
    // (`history:totals`), asked once the page is shown. Pages carry the goals; totals rows say
    // what they cost and how many matches they visit, with no goal of their own.
    const page = (f: HistoryFilter) => () => q.page(f, null, 50)
    const totalsNote = (f: HistoryFilter, how: string) =>
      `separate call after the page; ${q.totals(f).count.toLocaleString('en-US')} matches; ${how}`
    measure('history first page', 'goal < 20 ms; page only', page({}))
    measure('history totals, all sales', totalsNote({}, 'hourly table'), () => q.totals({}))
    measure(
      'history first page + totals (both calls)',
      'for reference: what the screen waits for until its totals show',
      () => {
        q.page({}, null, 50)
        q.totals({})
      }
    )
    const lastMonth = { from: end - 30 * DAY, to: end }
    const cases: { name: string; note: string; filter: HistoryFilter; how: string }[] = [
      {
        name: 'refunded, last 30 days',
        note: 'goal < 50 ms',
        filter: { ...lastMonth, statuses: ['partially_refunded', 'refunded'] },
        how: 'hourly table'
      },
      {
        name: 'alipay, 5.00-8.00',
        note: 'goal < 50 ms (amount filter)',
        filter: { wallets: ['alipay'], minMinor: 500, maxMinor: 800 },
        how: 'scan of the matches'
      },
      {
        name: 'product "oolong", 30 days',
        note: 'goal < 50 ms (the screen’s default range)',
        filter: { ...lastMonth, text: 'oolong' },
        how: 'scan of the matches'
      },
      {
        name: 'product "oolong", all year',
        note: 'goal < 50 ms; 8% of all sales match',
        filter: { text: 'oolong' },
        how: 'scan of the matches'
      },
      {
        name: 'product "乌龙" in a week',
        note: 'goal < 50 ms',
        filter: { text: '乌龙', from: end - 7 * DAY, to: end },
        how: 'scan of the matches'
      }
    ]
    for (const c of cases) measure(`history: ${c.name} (page)`, `${c.note}; page only`, page(c.filter))
    for (const c of cases) {
      measure(`history totals: ${c.name}`, totalsNote(c.filter, c.how), () => q.totals(c.filter), 20)
    }
    let cursor = q.page({ wallets: ['wechatpay'] }, null, 50).nextCursor
    for (let i = 0; i < 200 && cursor; i++) cursor = q.page({ wallets: ['wechatpay'] }, cursor, 50).nextCursor
    measure('history: page 200 of wechatpay (keyset)', 'goal < 50 ms', () =>
      q.page({ wallets: ['wechatpay'] }, cursor, 50)
    )

    const reports = createReportQueries(db)
    const day = end - 10 * DAY
    measure(
      'day report (X for one day)',
      `~${Math.round(n / 365)} sales/day`,
      () => reports.compute(day, day + DAY, 'USD'),
      20
    )

    // The CSV export: the period that holds about 100,000 transactions.
    const exporter = createCsvExporter(db)
    let span = 100_000 * step
    let count = exporter.count(end - span, end)
    span = Math.min(end - start, span * (100_000 / Math.max(1, count)))
    count = exporter.count(end - span, end)
    const csv = join(dir, 'bench.csv')
    const times: number[] = []
    const cpu: number[] = []
    for (let i = 0; i < 6; i++) {
      const c = process.cpuUsage()
      const t = performance.now()
      await exporter.export({ from: end - span, to: end, file: csv })
      const used = process.cpuUsage(c)
      if (i > 0) times.push(performance.now() - t)
      if (i > 0) cpu.push((used.user + used.system) / 1000)
    }
    rows.push({
      name: `CSV export ${count.toLocaleString('en-US')} rows`,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      unit: 'ms',
      note: `goal < 1000 ms; CPU p50 ${percentile(cpu, 50).toFixed(0)} ms; ${(statSync(csv).size / 1e6).toFixed(1)} MB`
    })
    return rows
  } finally {
    ledger.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
