/**
 * The history list: sales that had a payment attempt, newest first, filtered, paged by keyset (the last
 * row's `(at, saleId)`, never OFFSET, so page 500 costs what page 1 costs). The count and sums of
 * everything the filter matches are a separate call (`totals`): a broad filter's page is found at once,
 * its totals visit every match, so the list shows rows first and totals a moment later. Reads the trigger-maintained `history` table (migration 10); totals of
 * date/status/wallet filters add up `history_hours` and scan only the partial hours at the edges.
 */
import type { Db } from '../ledger/open'
import { HISTORY_STATUSES, type HistoryStatus } from '../../../preload/contract/history-status'

/** A sale's place in history (see `history_source` in migration 10). */
export { HISTORY_STATUSES, type HistoryStatus }

export const HOUR_MS = 3_600_000
export const MAX_PAGE = 200

export interface HistoryFilter {
  /** Inclusive, ms since the epoch. */
  from?: number
  /** Exclusive. */
  to?: number
  statuses?: readonly HistoryStatus[]
  /** Pockyt vendor names (`alipay`, `wechatpay`, ...); `''` matches sales whose wallet is unknown. */
  wallets?: readonly string[]
  minMinor?: number
  maxMinor?: number
  /** Our reference or refund reference (prefix), transactionNo (prefix), last 4 of the code, product name, sale no. */
  text?: string
}

export interface HistoryCursor {
  at: number
  saleId: number
}

export interface HistoryRow {
  saleId: number
  at: number
  status: HistoryStatus
  vendor: string | null
  totalMinor: number
  refundedMinor: number
  currency: string
  /** The succeeded payment's, else the latest attempt's. */
  reference: string | null
  transactionNo: string | null
  codeLast4: string | null
  attempts: number
  /** "Latte ×2, Muffin" (first lines), for the list. */
  summary: string
}

export interface HistoryTotals {
  count: number
  totalMinor: number
  refundedMinor: number
}

export interface HistoryPage {
  rows: HistoryRow[]
  /** Pass back to get the next (older) page; null on the last page. */
  nextCursor: HistoryCursor | null
}

interface Where {
  sql: string[]
  params: Record<string, unknown>
}

/** Escapes LIKE's wildcards (ESCAPE '\'). */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/** One source of sale ids for the text search, as an IN arm and as a per-row EXISTS probe. */
interface TextArm {
  ids: string
  exists: string
}

/** The text search's sources: references, Pockyt numbers, last 4 digits, sale number, product names. */
function textArms(f: HistoryFilter, params: Record<string, unknown>): TextArm[] | null {
  const t = (f.text ?? '').trim().normalize('NFC')
  if (!t) return null
  params.tLo = t
  params.tHi = `${t}\u{10FFFF}`
  const arm = (table: string, cond: string): TextArm => ({
    ids: `SELECT sale_id FROM ${table} WHERE ${cond}`,
    exists: `EXISTS (SELECT 1 FROM ${table} WHERE sale_id = h.sale_id AND ${cond})`
  })
  const arms = [
    arm('payments', 'reference >= @tLo AND reference < @tHi'),
    arm('refunds', 'refund_reference >= @tLo AND refund_reference < @tHi')
  ]
  if (/^\d+$/.test(t)) {
    arms.push(arm('payments', 'transaction_no >= @tLo AND transaction_no < @tHi'))
    arms.push(arm('refunds', 'refund_transaction_no >= @tLo AND refund_transaction_no < @tHi'))
    if (t.length === 4) arms.push(arm('payments', 'code_last4 = @tLo'))
  }
  const saleNo = /^#?(\d{1,15})$/.exec(t)
  if (saleNo) {
    params.saleNo = Number(saleNo[1])
    arms.push({ ids: 'SELECT @saleNo', exists: 'h.sale_id = @saleNo' })
  }
  // Trigram full-text needs 3 characters; shorter text scans the (small, distinct) name table.
  let names: string
  if ([...t].length >= 3) {
    params.fts = `"${t.replace(/"/g, '""')}"`
    names = 'SELECT rowid FROM line_names_fts WHERE line_names_fts MATCH @fts'
  } else {
    params.like = `%${likeEscape(t)}%`
    names = "SELECT id FROM line_names WHERE name LIKE @like ESCAPE '\\'"
  }
  // Within dates, the product arm reads only that period's sales (index on name, time).
  const dates = [f.from !== undefined ? 'at >= @from' : '', f.to !== undefined ? 'at < @to' : ''].filter(Boolean)
  arms.push(arm('sale_names', [`name_id IN (${names})`, ...dates].join(' AND ')))
  return arms
}

/** IN keeps each id once anyway; UNION ALL spares the sort a UNION would do on every arm. */
const textIn = (arms: TextArm[]) => `h.sale_id IN (${arms.map((a) => a.ids).join(' UNION ALL ')})`
const textExists = (arms: TextArm[]) => `(${arms.map((a) => a.exists).join(' OR ')})`

function listParam(params: Record<string, unknown>, prefix: string, values: readonly string[]): string {
  return values
    .map((v, i) => {
      params[`${prefix}${i}`] = v
      return `@${prefix}${i}`
    })
    .join(', ')
}

/**
 * WHERE pieces for the status/wallet part of a filter (shared by `history` and `history_hours`).
 * `ordered`: a unary `+` keeps SQLite from using these columns' indexes, so it walks `history_at`
 * newest first and stops at the page size (the fast plan when the filter matches many rows).
 */
function dimensionClauses(f: HistoryFilter, params: Record<string, unknown>, alias: string, ordered = false): string[] {
  const sql: string[] = []
  const col = (c: string) => `${ordered ? '+' : ''}${alias}${c}`
  if (f.statuses?.length) sql.push(`${col('status')} IN (${listParam(params, 's', f.statuses)})`)
  if (f.wallets?.length) sql.push(`${col('vendor')} IN (${listParam(params, 'w', f.wallets)})`)
  return sql
}

/**
 * `indexed`: let SQLite pick the most selective index (few matches: fetch them, sort, done).
 * `ordered`: walk the time index and test each row (many matches: the first page is found at once).
 */
type Plan = 'indexed' | 'ordered'

function buildWhere(f: HistoryFilter, plan: Plan = 'indexed'): Where & { arms: TextArm[] | null } {
  const params: Record<string, unknown> = {}
  const ordered = plan === 'ordered'
  const sql = dimensionClauses(f, params, 'h.', ordered)
  if (f.from !== undefined) {
    params.from = f.from
    sql.push('h.at >= @from')
  }
  if (f.to !== undefined) {
    params.to = f.to
    sql.push('h.at < @to')
  }
  const amount = ordered ? '+h.total_minor' : 'h.total_minor'
  if (f.minMinor !== undefined) {
    params.minMinor = f.minMinor
    sql.push(`${amount} >= @minMinor`)
  }
  if (f.maxMinor !== undefined) {
    params.maxMinor = f.maxMinor
    sql.push(`${amount} <= @maxMinor`)
  }
  const arms = textArms(f, params)
  if (arms) sql.push(ordered ? textExists(arms) : textIn(arms))
  return { sql, params, arms }
}

/** Beyond this many matches the ordered plan wins. */
const BROAD = 1000

const where = (parts: string[]) => (parts.length ? `WHERE ${parts.join(' AND ')}` : '')

export type HistoryQueries = ReturnType<typeof createHistoryQueries>

export interface HistoryQueryOptions {
  /** Matches beyond which the ordered plan is used (tests pass 1 or Infinity to force a plan). */
  broadThreshold?: number
}

export function createHistoryQueries(db: Db, options: HistoryQueryOptions = {}) {
  const broad = options.broadThreshold ?? BROAD
  const cache = new Map<string, ReturnType<Db['prepare']>>()
  const prepared = (sql: string) => {
    let s = cache.get(sql)
    if (!s) {
      if (cache.size > 200) cache.clear()
      cache.set(sql, (s = db.prepare(sql)))
    }
    return s
  }

  /**
   * Decorates the page's rows only: the keys are chosen first (`page` CTE, index order + LIMIT), so a
   * broad filter never computes payment and line columns for rows it then throws away.
   */
  const rowSql = (keysSql: string) => `
    WITH page AS (${keysSql})
    SELECT h.sale_id AS saleId, h.at, h.status, h.vendor, h.total_minor AS totalMinor,
      h.refunded_minor AS refundedMinor, h.currency,
      p.reference, p.transaction_no AS transactionNo, p.code_last4 AS codeLast4,
      (SELECT COUNT(*) FROM payments WHERE sale_id = h.sale_id) AS attempts,
      (SELECT group_concat(label, ', ') FROM (
        SELECT name || CASE WHEN quantity > 1 THEN ' ×' || quantity ELSE '' END AS label
        FROM sale_lines WHERE sale_id = h.sale_id ORDER BY position, id LIMIT 3)) AS summary,
      (SELECT COUNT(*) FROM sale_lines WHERE sale_id = h.sale_id) AS lineCount
    FROM page CROSS JOIN history h ON h.sale_id = page.sale_id
    LEFT JOIN payments p ON p.id = (SELECT id FROM payments WHERE sale_id = h.sale_id
      ORDER BY state = 'succeeded' DESC, id DESC LIMIT 1)
    ORDER BY h.at DESC, h.sale_id DESC`

  /**
   * Totals by visiting the matches. With text plus other conditions, the smaller side drives: the text's
   * id set (IN), or the rows the other conditions select, each probed for the text (EXISTS).
   */
  function totalsByScan(f: HistoryFilter): HistoryTotals {
    const w = buildWhere(f)
    if (w.arms && w.sql.length > 1) {
      const rest = buildWhere({ ...f, text: undefined })
      const cap = 20_000
      const textCount = (
        prepared(
          `SELECT COUNT(*) AS n FROM (SELECT 1 FROM (${w.arms.map((a) => a.ids).join(' UNION ALL ')}) LIMIT ${cap})`
        ).get(w.params) as { n: number }
      ).n
      const restCount = (
        prepared(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM history h ${where(rest.sql)} LIMIT ${cap})`).get(
          rest.params
        ) as { n: number }
      ).n
      if (restCount < textCount) w.sql[w.sql.length - 1] = textExists(w.arms)
    }
    const r = prepared(
      `SELECT COUNT(*) AS count, COALESCE(SUM(total_minor), 0) AS totalMinor, COALESCE(SUM(refunded_minor), 0) AS refundedMinor
       FROM history h ${where(w.sql)}`
    ).get(w.params) as HistoryTotals
    return r
  }

  /** Whole hours from `history_hours`, the partial hours at both ends by scanning. */
  function totalsByHours(f: HistoryFilter): HistoryTotals {
    const from = f.from ?? Number.MIN_SAFE_INTEGER
    const to = f.to ?? Number.MAX_SAFE_INTEGER
    const firstHour = f.from === undefined ? Number.MIN_SAFE_INTEGER : Math.ceil(from / HOUR_MS)
    const endHour = f.to === undefined ? Number.MAX_SAFE_INTEGER : Math.floor(to / HOUR_MS)
    if (firstHour >= endHour) return totalsByScan(f)
    const params: Record<string, unknown> = { firstHour, lastHour: endHour - 1 }
    const dims = dimensionClauses(f, params, '')
    const agg = prepared(
      `SELECT COALESCE(SUM(n), 0) AS count, COALESCE(SUM(total_minor), 0) AS totalMinor,
         COALESCE(SUM(refunded_minor), 0) AS refundedMinor
       FROM history_hours WHERE hour BETWEEN @firstHour AND @lastHour ${dims.map((d) => `AND ${d}`).join(' ')}`
    ).get(params) as HistoryTotals
    const out = { ...agg }
    const edges: HistoryFilter[] = []
    if (f.from !== undefined && firstHour * HOUR_MS > from) edges.push({ ...f, from, to: firstHour * HOUR_MS })
    if (f.to !== undefined && endHour * HOUR_MS < to) edges.push({ ...f, from: endHour * HOUR_MS, to })
    for (const e of edges) {
      const t = totalsByScan(e)
      out.count += t.count
      out.totalMinor += t.totalMinor
      out.refundedMinor += t.refundedMinor
    }
    return out
  }

  /**
   * Which plan fits: count matches up to BROAD (cheap either way). The text search is probed on its own
   * id sources (streamed, never materialized): when it is narrow, it decides, whatever else is set.
   */
  function choosePlan(f: HistoryFilter): Plan {
    const probe = buildWhere(f)
    if (probe.arms) {
      const sql = `SELECT COUNT(*) AS n FROM (SELECT 1 FROM (${probe.arms.map((a) => a.ids).join(' UNION ALL ')}) LIMIT @broad)`
      return (prepared(sql).get({ ...probe.params, broad }) as { n: number }).n >= broad ? 'ordered' : 'indexed'
    }
    if (!probe.sql.length) return 'ordered'
    const sql = `SELECT COUNT(*) AS n FROM (SELECT 1 FROM history h ${where(probe.sql)} LIMIT @broad)`
    return (prepared(sql).get({ ...probe.params, broad }) as { n: number }).n >= broad ? 'ordered' : 'indexed'
  }

  return {
    /** Count and sums of every row the filter matches. */
    totals(f: HistoryFilter): HistoryTotals {
      const scanOnly = f.text?.trim() || f.minMinor !== undefined || f.maxMinor !== undefined
      return scanOnly ? totalsByScan(f) : totalsByHours(f)
    },

    /** One page, newest first; `cursor` is the previous page's `nextCursor`. Never computes totals. */
    page(f: HistoryFilter, cursor: HistoryCursor | null, limit = 50): HistoryPage {
      const size = Math.max(1, Math.min(MAX_PAGE, Math.trunc(limit)))
      const w = buildWhere(f, choosePlan(f))
      if (cursor) {
        w.params.cAt = cursor.at
        w.params.cId = cursor.saleId
        w.sql.push('(h.at, h.sale_id) < (@cAt, @cId)')
      }
      w.params.limit = size + 1
      const keys = `SELECT h.sale_id, h.at FROM history h ${where(w.sql)} ORDER BY h.at DESC, h.sale_id DESC LIMIT @limit`
      const raw = prepared(rowSql(keys)).all(w.params) as (Omit<HistoryRow, 'summary' | 'vendor'> & {
        vendor: string
        summary: string | null
        lineCount: number
      })[]
      const more = raw.length > size
      const rows: HistoryRow[] = raw.slice(0, size).map(({ lineCount, summary, vendor, ...r }) => ({
        ...r,
        vendor: vendor || null,
        summary: (summary ?? '') + (lineCount > 3 ? ` +${lineCount - 3}` : '')
      }))
      const last = rows[rows.length - 1]
      return { rows, nextCursor: more && last ? { at: last.at, saleId: last.saleId } : null }
    },

    /** Sale ids whose succeeded payment (or refund) carries this Pockyt number: a scanned receipt barcode. */
    saleByTransactionNo(transactionNo: string): number | undefined {
      const r = prepared(
        `SELECT sale_id FROM payments WHERE transaction_no = @no
         UNION ALL SELECT sale_id FROM refunds WHERE refund_transaction_no = @no LIMIT 1`
      ).get({ no: transactionNo }) as { sale_id: number } | undefined
      return r?.sale_id
    }
  }
}
