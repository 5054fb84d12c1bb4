/**
 * CSV export of every transaction (payment attempts, refunds, voids) in a period, oldest first, streamed
 * to a file. Rows are read in keyset batches and never while awaiting: the ledger has one connection,
 * and a statement left open across an `await` would block the payment engine. The file is written as
 * `<name>.part` and renamed when complete, so a crash never leaves a half file under the real name.
 */
import { createWriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import type { Db } from '../ledger/open'
import { CURRENCY_DIGITS } from '../money'

export const CSV_COLUMNS = [
  'type',
  'time',
  'sale_id',
  'state',
  'wallet',
  'amount',
  'currency',
  'reference',
  'transaction_no',
  'refund_transaction_no',
  'code_last4',
  'reason',
  'items'
] as const

export interface ExportProgress {
  rows: number
  total: number
}

export interface ExportResult {
  file: string
  rows: number
  bytes: number
}

/** A transaction with its CSV line (all columns but `items`) already built by SQLite. */
interface TxRow {
  at: number
  id: number
  saleId: number
  type: 'payment' | 'refund' | 'void'
  line: string
}

const BATCH = 5000

/** RFC 4180: quote a field holding a comma, quote, CR or LF (doubling quotes); others as they are. */
function field(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
}

/** Rows to CSV text, CRLF line ends. Hand-written: csv-stringify took ~7 µs a row, this ~0.5. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  let out = ''
  for (const r of rows) out += `${r.map(field).join(',')}\r\n`
  return out
}

// --- SQL that writes CSV fields: SQLite builds each line in C, JS only joins them (the export's hot path).

/** A text field, quoted per RFC 4180 when it holds a quote, comma, CR or LF. NULL -> empty. */
function quote(expr: string): string {
  return `(CASE WHEN ${expr} IS NULL THEN '' WHEN instr(${expr}, '"') OR instr(${expr}, ',') OR instr(${expr}, char(10))
    OR instr(${expr}, char(13)) THEN '"' || replace(${expr}, '"', '""') || '"' ELSE ${expr} END)`
}

/** Text a spreadsheet would run as a formula gets a leading apostrophe (CSV injection). */
function defuse(expr: string): string {
  return `(CASE WHEN substr(${expr}, 1, 1) IN ('=', '+', '-', '@', char(9), char(13)) THEN '''' || ${expr} ELSE ${expr} END)`
}

/** ISO 8601 UTC with milliseconds, as Date#toISOString writes it. */
function iso(expr: string): string {
  return `strftime('%Y-%m-%dT%H:%M:%fZ', ${expr} / 1000.0, 'unixepoch')`
}

/** Minor units as Pockyt's decimal ("13.00"; KRW "1300"), per the row's currency (money.ts digits). */
function amount(minor: string, currency: string, sign: string): string {
  const zero = Object.entries(CURRENCY_DIGITS)
    .filter(([, d]) => d === 0)
    .map(([c]) => `'${c}'`)
  const two = `(${minor} / 100) || '.' || printf('%02d', ${minor} % 100)`
  return `'${sign}' || (CASE WHEN ${currency} IN (${zero.join(', ') || "''"}) THEN CAST(${minor} AS TEXT) ELSE ${two} END)`
}

/** Joins field expressions with commas; bare words are literal text, anything else is SQL. */
function line(fields: string[]): string {
  return fields.map((f) => (/^[a-z]+$/.test(f) ? `'${f}'` : f)).join(" || ',' || ")
}

export function createCsvExporter(db: Db) {
  const s = {
    count: db.prepare(
      `SELECT (SELECT COUNT(*) FROM payments WHERE created_at >= @from AND created_at < @to)
            + (SELECT COUNT(*) FROM refunds WHERE created_at >= @from AND created_at < @to) AS n`
    ),
    payments: db.prepare(
      `SELECT x.created_at AS at, x.id, x.sale_id AS saleId, 'payment' AS type,
         ${line(['payment', iso('x.created_at'), 'x.sale_id', 'x.state', quote("COALESCE(x.vendor, '')"), amount('x.amount_minor', 'x.currency', ''), 'x.currency', quote('x.reference'), "COALESCE(x.transaction_no, '')", "''", "COALESCE(x.code_last4, '')", quote(defuse('x.decline_reason'))])} AS line
       FROM payments x WHERE x.created_at < @to AND (x.created_at, x.id) > (@at, @id)
       ORDER BY x.created_at, x.id LIMIT ${BATCH}`
    ),
    refunds: db.prepare(
      `SELECT x.created_at AS at, x.id, x.sale_id AS saleId, x.kind AS type,
         ${line(['x.kind', iso('x.created_at'), 'x.sale_id', 'x.state', quote("COALESCE(p.vendor, '')"), amount('x.amount_minor', 'x.currency', '-'), 'x.currency', quote('x.refund_reference'), "COALESCE(p.transaction_no, '')", "COALESCE(x.refund_transaction_no, '')", "COALESCE(p.code_last4, '')", quote(defuse('x.reason'))])} AS line
       FROM refunds x JOIN payments p ON p.id = x.payment_id
       WHERE x.created_at < @to AND (x.created_at, x.id) > (@at, @id)
       ORDER BY x.created_at, x.id LIMIT ${BATCH}`
    ),
    // Items of a batch's sales in one ordered range scan (ids of a time-ordered batch are close together)...
    itemsRange: db.prepare(
      `SELECT sale_id AS saleId, group_concat(name || ' x' || quantity, '; ') AS items FROM (
         SELECT sale_id, name, quantity FROM sale_lines WHERE sale_id BETWEEN ? AND ? ORDER BY sale_id, position, id)
       GROUP BY sale_id`
    ),
    // ...or by list when a long-parked sale makes the range too wide.
    itemsList: db.prepare(
      `SELECT sale_id AS saleId, group_concat(name || ' x' || quantity, '; ') AS items FROM (
         SELECT sale_id, name, quantity FROM sale_lines WHERE sale_id IN (SELECT value FROM json_each(?))
         ORDER BY sale_id, position, id)
       GROUP BY sale_id`
    )
  }

  /** Product lines of the batch's sales, "Latte x2; Muffin x1". */
  const itemsFor = (rows: readonly TxRow[]): Map<number, string> => {
    const ids = [...new Set(rows.map((r) => r.saleId))]
    if (!ids.length) return new Map()
    const min = Math.min(...ids)
    const max = Math.max(...ids)
    const found = (max - min <= 4 * BATCH ? s.itemsRange.all(min, max) : s.itemsList.all(JSON.stringify(ids))) as {
      saleId: number
      items: string
    }[]
    return new Map(found.map((r) => [r.saleId, r.items]))
  }

  /** A keyset cursor over one table, refilled a batch at a time. */
  const cursor = (stmt: typeof s.payments, from: number, to: number) => {
    let buf: TxRow[] = []
    let i = 0
    // (created_at, id) > (from, -1): every row from `from` on (ids are positive)
    let key = { at: from, id: -1 }
    let done = false
    return {
      peek(): TxRow | undefined {
        if (i >= buf.length && !done) {
          buf = stmt.all({ ...key, to }) as TxRow[]
          i = 0
          if (buf.length < BATCH) done = true
          const last = buf[buf.length - 1]
          if (last) key = { at: last.at, id: last.id }
        }
        return buf[i]
      },
      take(): TxRow {
        return buf[i++]!
      }
    }
  }

  /** The items column, defused and quoted like the others. */
  const itemsField = (items: string | undefined): string => {
    if (!items) return ''
    return field(/^[=+\-@\t\r]/.test(items) ? `'${items}` : items)
  }

  return {
    /** How many rows an export of [from, to) will write. */
    count: (from: number, to: number) => (s.count.get({ from, to }) as { n: number }).n,

    /**
     * Writes [from, to) to `file`. `onProgress` is called after each batch (and at the end).
     * `signal` aborts between batches; the partial file is removed.
     */
    async export(p: {
      from: number
      to: number
      file: string
      onProgress?: (e: ExportProgress) => void
      signal?: AbortSignal
    }): Promise<ExportResult> {
      const total = this.count(p.from, p.to)
      const part = `${p.file}.part`
      const out = createWriteStream(part, { encoding: 'utf8' })
      const opened = new Promise<void>((resolve, reject) => {
        out.once('open', () => resolve())
        out.once('error', reject)
      })
      let failed: unknown = null
      out.on('error', (e) => (failed = e))
      await opened
      let rows = 0
      let bytes = 0
      const write = async (text: string) => {
        bytes += Buffer.byteLength(text)
        if (!out.write(text)) await new Promise<void>((r) => out.once('drain', r))
        if (failed) throw failed
      }
      try {
        // A BOM so spreadsheet programs read UTF-8 product names correctly.
        await write(`\uFEFF${toCsv([CSV_COLUMNS])}`)
        const pays = cursor(s.payments, p.from, p.to)
        const refs = cursor(s.refunds, p.from, p.to)
        for (;;) {
          if (p.signal?.aborted) throw p.signal.reason ?? new Error('export cancelled')
          const batch: TxRow[] = []
          while (batch.length < BATCH) {
            const a = pays.peek()
            const b = refs.peek()
            if (!a && !b) break
            batch.push(
              !b || (a && (a.at < b.at || (a.at === b.at && a.type === 'payment'))) ? pays.take() : refs.take()
            )
          }
          if (!batch.length) break
          const items = itemsFor(batch)
          let text = ''
          for (const r of batch) text += `${r.line},${itemsField(items.get(r.saleId))}\r\n`
          await write(text)
          rows += batch.length
          p.onProgress?.({ rows, total: Math.max(total, rows) })
        }
        await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())))
        await rename(part, p.file)
        p.onProgress?.({ rows, total: rows })
        return { file: p.file, rows, bytes }
      } catch (e) {
        out.destroy()
        await rm(part, { force: true })
        throw e
      }
    }
  }
}

export type CsvExporter = ReturnType<typeof createCsvExporter>
