/**
 * The catalog's CSV format, both ways. Columns: name, sku, barcode, price, tax_rate, category, active.
 * Prices are decimals in the store currency ("4.50"), tax rates are percents ("8.25"), active is yes/no.
 * Export writes exactly what import reads, so a file round-trips unchanged.
 */
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import type { ImportProblemCode } from '../../../preload/contract/schemas/catalog'
import { fromWireAmount, toWireAmount } from '../money'
import type { ProductOut } from './catalog-repo'

export const CSV_COLUMNS = ['name', 'sku', 'barcode', 'price', 'tax_rate', 'category', 'active'] as const
export type CsvColumn = (typeof CSV_COLUMNS)[number]
const REQUIRED: readonly CsvColumn[] = ['name', 'price']

/** One data row as read: its line in the file and its cells by column. */
export interface CsvRow {
  line: number
  cells: Partial<Record<CsvColumn, string>>
}

/** One problem of the file or of a row: a stable code and its parameters, plus the English sentence. */
export interface CsvProblem {
  line: number
  field: string | null
  code: ImportProblemCode
  params: Record<string, string | number>
  message: string
}

/** Builds a problem; `params` are what the renderer's translation of `code` names. */
export function csvProblem(
  line: number,
  field: string | null,
  code: ImportProblemCode,
  params: Record<string, string | number>,
  message: string
): CsvProblem {
  return { line, field, code, params, message }
}

/**
 * Spreadsheets run cells that start with = + - @ as formulas. Export prefixes such text cells with a
 * quote; import strips that quote again.
 */
const FORMULA_START = /^[=+\-@]/
const defuse = (s: string) => (FORMULA_START.test(s) ? `'${s}` : s)
const revive = (s: string) => (s.startsWith("'") && FORMULA_START.test(s.slice(1)) ? s.slice(1) : s)

/** Reads the file into rows, or explains why the file as a whole cannot be imported. */
export function readCatalogCsv(csv: string): { rows: CsvRow[] } | { problem: CsvProblem } {
  let records: { record: string[]; info: { lines: number } }[]
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      info: true
    }) as unknown as { record: string[]; info: { lines: number } }[]
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1
    const detail = (e as Error).message
    return {
      problem: csvProblem(
        line,
        null,
        'csv_invalid',
        { line, detail },
        `The file is not valid CSV near line ${line}: ${detail}`
      )
    }
  }
  if (records.length === 0) {
    return {
      problem: csvProblem(1, null, 'file_empty', {}, 'The file is empty. The first line must name the columns.')
    }
  }
  const header = records[0]!.record.map((h) =>
    h
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_')
  )
  const unknown = header.filter((h) => h !== '' && !(CSV_COLUMNS as readonly string[]).includes(h))
  if (unknown.length) {
    const column = unknown[0]!
    const columns = CSV_COLUMNS.join(', ')
    return {
      problem: csvProblem(
        1,
        column,
        'column_unknown',
        { column, columns },
        `Unknown column "${column}". The columns are: ${columns}.`
      )
    }
  }
  const missing = REQUIRED.filter((c) => !header.includes(c))
  if (missing.length) {
    const column = missing[0]!
    return {
      problem: csvProblem(
        1,
        column,
        'column_missing',
        { column },
        `The column "${column}" is missing. The first line must name the columns.`
      )
    }
  }
  const dup = header.find((h, i) => h !== '' && header.indexOf(h) !== i)
  if (dup) {
    return { problem: csvProblem(1, dup, 'column_duplicate', { column: dup }, `The column "${dup}" appears twice.`) }
  }

  const rows = records.slice(1).map(({ record, info }) => {
    const cells: Partial<Record<CsvColumn, string>> = {}
    header.forEach((h, i) => {
      if (h !== '' && record[i] !== undefined) cells[h as CsvColumn] = revive(record[i]!)
    })
    // csv-parse counts the lines read so far, so a quoted multi-line cell still points at its row's end.
    return { line: info.lines, cells }
  })
  return { rows: rows.filter((r) => Object.values(r.cells).some((v) => v !== '')) }
}

/** "8.25", "8.25%", "0" -> basis points; null when it is not a percent with at most 2 decimals. */
export function parseTaxPercent(text: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?\s*%?$/.exec(text.trim())
  if (!m) return null
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
  return bp <= 10_000 ? bp : null
}

/** 825 -> "8.25", 800 -> "8", 5 -> "0.05". */
export function formatTaxPercent(bp: number): string {
  const whole = Math.floor(bp / 100)
  const frac = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '')
  return frac ? `${whole}.${frac}` : String(whole)
}

export function parseActive(text: string): boolean | null {
  const t = text.trim().toLowerCase()
  if (t === '' || ['yes', 'y', 'true', '1', 'active'].includes(t)) return true
  if (['no', 'n', 'false', '0', 'inactive'].includes(t)) return false
  return null
}

/** Turns one row's cells into product fields (unchecked beyond the format), or the problems found. */
export function rowToFields(
  row: CsvRow,
  currency: string
): { fields: Record<string, unknown> } | { problems: CsvProblem[] } {
  const c = row.cells
  const problems: CsvProblem[] = []
  const fields: Record<string, unknown> = {
    name: c.name ?? '',
    sku: c.sku ?? null,
    barcode: c.barcode ?? null,
    category: c.category ?? null
  }
  const price = fromWireAmount((c.price ?? '').replace(/^\$/, ''), currency)
  if (price === null) {
    problems.push(
      c.price
        ? csvProblem(
            row.line,
            'price',
            'price_invalid',
            { value: c.price },
            `"${c.price}" is not a price: write it like 4.50 (no currency sign or thousands separator).`
          )
        : csvProblem(row.line, 'price', 'price_required', {}, 'The price is required.')
    )
  } else fields.priceMinor = price
  const tax = parseTaxPercent(c.tax_rate ?? '0')
  if (tax === null) {
    const value = c.tax_rate ?? ''
    problems.push(
      csvProblem(
        row.line,
        'tax_rate',
        'tax_invalid',
        { value },
        `"${value}" is not a tax rate: write a percent like 8.25 (0 to 100).`
      )
    )
  } else fields.taxRateBp = tax
  const active = parseActive(c.active ?? '')
  if (active === null) {
    const value = c.active ?? ''
    problems.push(csvProblem(row.line, 'active', 'active_invalid', { value }, `"${value}" is not yes or no.`))
  } else fields.active = active
  return problems.length ? { problems } : { fields }
}

/** The catalog in the import format. */
export function writeCatalogCsv(products: readonly ProductOut[], currency: string): string {
  return stringify(
    products.map((p) => [
      defuse(p.name),
      defuse(p.sku ?? ''),
      p.barcode ?? '',
      toWireAmount(p.priceMinor, currency),
      formatTaxPercent(p.taxRateBp),
      defuse(p.category ?? ''),
      p.active ? 'yes' : 'no'
    ]),
    { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows' }
  )
}
