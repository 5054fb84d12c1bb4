/**
 * X and Z reports. Both cover the period since the last Z (before the first Z: since the day of the first
 * payment) up to now, so an X report is exactly what a Z closed now would say. A Z is numbered, starts
 * where the previous one ended (a trigger checks), and is stored as it was closed: it is never recomputed,
 * changed or deleted (triggers), so a reprint years later shows the same numbers.
 */
import type { Clock } from '../clock'
import { PosError } from '../errors'
import type { Db } from '../ledger/open'
import { localDay, startOfLocalDay } from './days'
import { createReportQueries, type ReportNumbers } from './day-report'

export interface Report extends ReportNumbers {
  kind: 'X' | 'Z'
  /** The Z number; null for an X report. */
  number: number | null
  /** The business day (local date of the period's end). */
  businessDay: string
  generatedAt: number
  terminalId: string
}

export interface ZSummary {
  number: number
  businessDay: string
  from: number
  to: number
  closedAt: number
  salesMinor: number
  netMinor: number
  currency: string
}

export interface ReportServiceOptions {
  db: Db
  clock: Clock
  terminalId: string
  /** The store's currency (settings). */
  currency(): string
  requireManagerPin(pin: string | undefined, action: string): void
}

export type ReportService = ReturnType<typeof createReportService>

export function createReportService(o: ReportServiceOptions) {
  const { db, clock } = o
  const queries = createReportQueries(db)
  const s = {
    last: db.prepare(`SELECT number, to_at FROM z_reports ORDER BY number DESC LIMIT 1`),
    insert: db.prepare(
      `INSERT INTO z_reports (number, business_day, from_at, to_at, closed_at, terminal_id, report)
       VALUES (@number, @businessDay, @from, @to, @closedAt, @terminalId, @report)`
    ),
    get: db.prepare(`SELECT report FROM z_reports WHERE number = ?`),
    list: db.prepare(
      `SELECT number, business_day AS businessDay, from_at AS "from", to_at AS "to", closed_at AS closedAt,
         json_extract(report, '$.sales.amountMinor') AS salesMinor, json_extract(report, '$.netMinor') AS netMinor,
         json_extract(report, '$.currency') AS currency
       FROM z_reports WHERE (@before IS NULL OR number < @before) ORDER BY number DESC LIMIT @limit`
    ),
    first: db.prepare(`SELECT MIN(created_at) AS at FROM payments`),
    active: db.prepare(
      `SELECT COUNT(*) AS n FROM payments WHERE state IN ('created','awaiting_code','prepay_sent','pending')`
    )
  }

  /** Since the last Z; before the first Z, since the day of the first payment (nothing escapes a Z). */
  const openPeriodStart = (now: number): number => {
    const last = s.last.get() as { number: number; to_at: number } | undefined
    if (last) return last.to_at
    const first = (s.first.get() as { at: number | null }).at
    return startOfLocalDay(Math.min(now, first ?? now))
  }

  const build = (kind: 'X' | 'Z', number: number | null, from: number, to: number): Report => ({
    kind,
    number,
    businessDay: localDay(to - 1 < from ? from : to - 1),
    generatedAt: clock.now(),
    terminalId: o.terminalId,
    ...queries.compute(from, to, o.currency())
  })

  return {
    /** The X report: everything since the last Z, up to now. Changes nothing. */
    x(): Report {
      const now = clock.now()
      return build('X', null, openPeriodStart(now), now)
    },

    /** The numbers for any period (a past day, a custom range); read-only, labelled X. */
    period(from: number, to: number): Report {
      if (!(to > from)) throw new PosError('BAD_INPUT', 'The end of the period must be after its start.')
      return build('X', null, from, to)
    },

    /** Closes the period since the last Z with the next number. Needs the manager PIN. */
    z(pin: string | undefined): Report {
      o.requireManagerPin(pin, 'close the day (Z report)')
      return db
        .transaction(() => {
          if ((s.active.get() as { n: number }).n > 0) {
            throw new PosError('CONFLICT', 'A payment is in progress. Finish or cancel it, then close the day.')
          }
          const now = clock.now()
          const last = s.last.get() as { number: number; to_at: number } | undefined
          const from = openPeriodStart(now)
          const number = (last?.number ?? 0) + 1
          const report = build('Z', number, from, Math.max(now, from))
          s.insert.run({
            number,
            businessDay: report.businessDay,
            from: report.from,
            to: report.to,
            closedAt: report.generatedAt,
            terminalId: o.terminalId,
            report: JSON.stringify(report)
          })
          return report
        })
        .immediate()
    },

    /** A closed Z, exactly as it was closed. */
    get(number: number): Report {
      const row = s.get.get(number) as { report: string } | undefined
      if (!row) throw new PosError('NOT_FOUND', `There is no Z report number ${number}.`)
      return JSON.parse(row.report) as Report
    },

    /** Closed Z reports, newest first. */
    list(before: number | null = null, limit = 50): ZSummary[] {
      return s.list.all({ before, limit: Math.max(1, Math.min(200, limit)) }) as ZSummary[]
    }
  }
}
