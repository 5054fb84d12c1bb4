/**
 * The history list: sales that had a payment attempt, newest first, filtered, paged by keyset (the last
 * row's `(at, saleId)`, never OFFSET, so page 500 costs what page 1 costs), with the count and sums of
 * everything the filter matches. Reads the trigger-maintained `history` table (migration 10); totals of
 * date/status/wallet filters add up `history_hours` and scan only the partial hours at the edges.
 */
import type { Db } from '../ledger/open'

/** A sale's place in history (see `history_source` in migration 10). */
export const HISTORY_STATUSES = [
  'paid',
  'partially_refunded',
  'refunded',
  'voided',
  'in_progress',
  'unresolved',
  'failed',
  'cancelled',
  'reversed'
] as const
export type HistoryStatus = (typeof HISTORY_STATUSES)[number]

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
  /** Only on the first page (no cursor): the client keeps them while it pages. */
  totals: HistoryTotals | null
}

interface Where {
  sql: string[]
  params: Record<string, unknown>
}

/** Escapes LIKE's wildcards (ESCAPE '\'). */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/** The text search as a set of sale ids; null when the text is empty. */
function textClause(text: string | undefined, params: Record<string, unknown>): string | null {
  const t = (text ?? '').trim().normalize('NFC')
  if (!t) return null
  params.tLo = t
  params.tHi = `${t}\u{10FFFF}`
  const parts = [
    `SELECT sale_id FROM payments WHERE reference >= @tLo AND reference < @tHi`,
    `SELECT sale_id FROM refunds WHERE refund_reference >= @tLo AND refund_reference < @tHi`
  ]
  if (/^\d+$/.test(t)) {
    parts.push(`SELECT sale_id FROM payments WHERE transaction_no >= @tLo AND transaction_no < @tHi`)
    parts.push(`SELECT sale_id FROM refunds WHERE refund_transaction_no >= @tLo AND refund_transaction_no < @tHi`)
    if (t.length === 4) parts.push(`SELECT sale_id FROM payments WHERE code_last4 = @tLo`)
  }
  const saleNo = /^#?(\d{1,15})$/.exec(t)
  if (saleNo) {
    params.saleNo = Number(saleNo[1])
    parts.push(`SELECT @saleNo`)
  }
  // Trigram full-text needs 3 characters; shorter text scans the (small, distinct) name table.
  if ([...t].length >= 3) {
    params.fts = `"${t.replace(/"/g, '""')}"`
    parts.push(
      `SELECT sale_id FROM sale_names WHERE name_id IN (SELECT rowid FROM line_names_fts WHERE line_names_fts MATCH @fts)`
    )
  } else {
    params.like = `%${likeEscape(t)}%`
    parts.push(
      `SELECT sale_id FROM sale_names WHERE name_id IN (SELECT id FROM line_names WHERE name LIKE @like ESCAPE '\\')`
    )
  }
  return `h.sale_id IN (${parts.join(' UNION ')})`
}

function listParam(params: Record<string, unknown>, prefix: string, values: readonly string[]): string {
  return values
    .map((v, i) => {
      params[`${prefix}${i}`] = v
      return `@${prefix}${i}`
    })
    .join(', ')
}

/** WHERE pieces for the status/wallet part of a filter (shared by `history` and `history_hours`). */
function dimensionClauses(f: HistoryFilter, params: Record<string, unknown>, alias: string): string[] {
  const sql: string[] = []
  if (f.statuses?.length) sql.push(`${alias}status IN (${listParam(params, 's', f.statuses)})`)
  if (f.wallets?.length) sql.push(`${alias}vendor IN (${listParam(params, 'w', f.wallets)})`)
  return sql
}

function buildWhere(f: HistoryFilter): Where {
  const params: Record<string, unknown> = {}
  const sql = dimensionClauses(f, params, 'h.')
  if (f.from !== undefined) {
    params.from = f.from
    sql.push('h.at >= @from')
  }
  if (f.to !== undefined) {
    params.to = f.to
    sql.push('h.at < @to')
  }
  if (f.minMinor !== undefined) {
    params.minMinor = f.minMinor
    sql.push('h.total_minor >= @minMinor')
  }
  if (f.maxMinor !== undefined) {
    params.maxMinor = f.maxMinor
    sql.push('h.total_minor <= @maxMinor')
  }
  const text = textClause(f.text, params)
  if (text) sql.push(text)
  return { sql, params }
}

const where = (parts: string[]) => (parts.length ? `WHERE ${parts.join(' AND ')}` : '')

export type HistoryQueries = ReturnType<typeof createHistoryQueries>

export function createHistoryQueries(db: Db) {
  const cache = new Map<string, ReturnType<Db['prepare']>>()
  const prepared = (sql: string) => {
    let s = cache.get(sql)
    if (!s) {
      if (cache.size > 200) cache.clear()
      cache.set(sql, (s = db.prepare(sql)))
    }
    return s
  }

  const rowSql = `
    SELECT h.sale_id AS saleId, h.at, h.status, h.vendor, h.total_minor AS totalMinor,
      h.refunded_minor AS refundedMinor, h.currency,
      p.reference, p.transaction_no AS transactionNo, p.code_last4 AS codeLast4,
      (SELECT COUNT(*) FROM payments WHERE sale_id = h.sale_id) AS attempts,
      (SELECT group_concat(label, ', ') FROM (
        SELECT name || CASE WHEN quantity > 1 THEN ' ×' || quantity ELSE '' END AS label
        FROM sale_lines WHERE sale_id = h.sale_id ORDER BY position, id LIMIT 3)) AS summary,
      (SELECT COUNT(*) FROM sale_lines WHERE sale_id = h.sale_id) AS lineCount
    FROM history h
    LEFT JOIN payments p ON p.id = (SELECT id FROM payments WHERE sale_id = h.sale_id
      ORDER BY state = 'succeeded' DESC, id DESC LIMIT 1)`

  function totalsByScan(f: HistoryFilter): HistoryTotals {
    const w = buildWhere(f)
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

  return {
    /** Count and sums of every row the filter matches. */
    totals(f: HistoryFilter): HistoryTotals {
      const scanOnly = f.text?.trim() || f.minMinor !== undefined || f.maxMinor !== undefined
      return scanOnly ? totalsByScan(f) : totalsByHours(f)
    },

    /** One page, newest first; `cursor` is the previous page's `nextCursor`. */
    page(f: HistoryFilter, cursor: HistoryCursor | null, limit = 50): HistoryPage {
      const size = Math.max(1, Math.min(MAX_PAGE, Math.trunc(limit)))
      const w = buildWhere(f)
      if (cursor) {
        w.params.cAt = cursor.at
        w.params.cId = cursor.saleId
        w.sql.push('(h.at, h.sale_id) < (@cAt, @cId)')
      }
      w.params.limit = size + 1
      const raw = prepared(`${rowSql} ${where(w.sql)} ORDER BY h.at DESC, h.sale_id DESC LIMIT @limit`).all(
        w.params
      ) as (Omit<HistoryRow, 'summary' | 'vendor'> & { vendor: string; summary: string | null; lineCount: number })[]
      const more = raw.length > size
      const rows: HistoryRow[] = raw.slice(0, size).map(({ lineCount, summary, vendor, ...r }) => ({
        ...r,
        vendor: vendor || null,
        summary: (summary ?? '') + (lineCount > 3 ? ` +${lineCount - 3}` : '')
      }))
      const last = rows[rows.length - 1]
      return {
        rows,
        nextCursor: more && last ? { at: last.at, saleId: last.saleId } : null,
        totals: cursor ? null : this.totals(f)
      }
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
