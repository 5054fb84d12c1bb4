/**
 * The catalog: search as you type, categories, add/edit/(de)activate with a message per bad field, and
 * CSV import/export. An import writes its good rows in one transaction (each row in a savepoint, so a
 * row the database refuses is reported and the rest still go in) and lists every bad row with why.
 * Products are never deleted: sale lines and history point at them.
 */
import type { z } from 'zod'
import { ProductDraft, type ImportProblemCode, type ProductField } from '../../../preload/contract/schemas/catalog'
import type { Handlers } from '../../ipc/router'
import type { Clock } from '../clock'
import { PosError } from '../errors'
import type { EventBus } from '../events'
import type { Db } from '../ledger/open'
import { createCatalogRepo, toProduct, type ProductFields, type ProductOut } from './catalog-repo'
import { csvProblem, readCatalogCsv, rowToFields, writeCatalogCsv, type CsvProblem } from './csv'

export interface CatalogDeps {
  db: Db
  clock: Clock
  events: EventBus
  /** The store currency (prices in the CSV are decimals of it). */
  currency: () => string
}

type CatalogChannel = Extract<keyof Handlers, `catalog:${string}`>

/** Contract field -> CSV column, for import messages. */
const CSV_FIELD: Record<ProductField, string> = {
  name: 'name',
  sku: 'sku',
  barcode: 'barcode',
  priceMinor: 'price',
  taxRateBp: 'tax_rate',
  category: 'category',
  active: 'active'
}

/** An import problem's code and parameters, for the renderer to word. */
export interface ProblemKind {
  code: ImportProblemCode
  params: Record<string, string | number>
}

/** Which import problem a ProductDraft issue is (its English message goes along as the fallback). */
function draftProblem(field: ProductField, issue: z.core.$ZodIssue): ProblemKind {
  const column = CSV_FIELD[field]
  if (issue.code === 'too_big') {
    if (field === 'priceMinor') return { code: 'price_too_large', params: {} }
    if (field !== 'taxRateBp') return { code: 'too_long', params: { column, max: Number(issue.maximum) } }
  }
  if (field === 'name') return { code: 'name_required', params: {} }
  if (issue.code === 'custom' && field === 'sku') return { code: 'sku_format', params: {} }
  if (issue.code === 'custom' && field === 'barcode') return { code: 'barcode_format', params: {} }
  return { code: 'invalid', params: { column } }
}

/**
 * Checks a full set of fields; the messages per field are for the form, the kinds for the import report.
 */
export function validateProduct(
  input: Record<string, unknown>
):
  | { ok: true; value: ProductFields }
  | { ok: false; fields: Partial<Record<ProductField, string>>; kinds: Partial<Record<ProductField, ProblemKind>> } {
  const parsed = ProductDraft.safeParse(input)
  if (parsed.success) return { ok: true, value: parsed.data }
  const fields: Partial<Record<ProductField, string>> = {}
  const kinds: Partial<Record<ProductField, ProblemKind>> = {}
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? 'name') as ProductField
    fields[key] ??= issue.message
    kinds[key] ??= draftProblem(key, issue)
  }
  return { ok: false, fields, kinds }
}

/** Sentinel that rolls a dry-run import back after it has reported. */
class DryRunDone extends Error {}

export function createCatalogService(deps: CatalogDeps) {
  const { db, clock, events } = deps
  const repo = createCatalogRepo(db)

  const changed = (count: number) => events.emit('catalog:changed', { at: clock.now(), count })

  const must = (id: number) => {
    const row = repo.get(id)
    if (!row) throw new PosError('NOT_FOUND', `Product ${id} does not exist.`)
    return row
  }

  /** SKU and barcode must be unique; says which product already has them (message, and kind for imports). */
  const clashKinds = (f: ProductFields, selfId: number | null) => {
    const out: Partial<Record<ProductField, ProblemKind & { message: string }>> = {}
    const sku = f.sku ? repo.bySku(f.sku) : undefined
    if (f.sku && sku && sku.id !== selfId) {
      const params = { value: f.sku, product: sku.name }
      out.sku = { code: 'sku_taken', params, message: `The SKU ${f.sku} is already used by "${sku.name}".` }
    }
    const bc = f.barcode ? repo.byBarcode(f.barcode) : undefined
    if (f.barcode && bc && bc.id !== selfId) {
      const params = { value: f.barcode, product: bc.name }
      out.barcode = {
        code: 'barcode_taken',
        params,
        message: `The barcode ${f.barcode} is already used by "${bc.name}".`
      }
    }
    return out
  }
  const clashes = (f: ProductFields, selfId: number | null): Partial<Record<ProductField, string>> =>
    Object.fromEntries(Object.entries(clashKinds(f, selfId)).map(([k, v]) => [k, v.message]))

  const checked = (input: Record<string, unknown>, selfId: number | null): ProductFields => {
    const v = validateProduct(input)
    if (!v.ok) {
      throw new PosError('BAD_INPUT', Object.values(v.fields)[0] ?? 'Check the product fields.', { fields: v.fields })
    }
    const clash = clashes(v.value, selfId)
    if (Object.keys(clash).length) throw new PosError('CONFLICT', Object.values(clash)[0]!, { fields: clash })
    return v.value
  }

  const fieldsOf = (p: ProductOut): ProductFields => ({
    name: p.name,
    sku: p.sku,
    barcode: p.barcode,
    priceMinor: p.priceMinor,
    taxRateBp: p.taxRateBp,
    category: p.category,
    active: p.active
  })

  function importCsv(csv: string, dryRun: boolean) {
    const read = readCatalogCsv(csv)
    if ('problem' in read) return { rows: 0, added: 0, updated: 0, errors: [read.problem], dryRun }
    const currency = deps.currency()
    const errors: CsvProblem[] = []
    let added = 0
    let updated = 0
    const seenSku = new Map<string, number>()
    const seenBarcode = new Map<string, number>()

    const run = db.transaction(() => {
      for (const row of read.rows) {
        const raw = rowToFields(row, currency)
        if ('problems' in raw) {
          errors.push(...raw.problems)
          continue
        }
        const v = validateProduct(raw.fields)
        if (!v.ok) {
          for (const [k, message] of Object.entries(v.fields)) {
            const kind = v.kinds[k as ProductField]!
            errors.push(csvProblem(row.line, CSV_FIELD[k as ProductField], kind.code, kind.params, message))
          }
          continue
        }
        const f = v.value
        // The same SKU or barcode twice in one file: the later row would silently overwrite the earlier.
        const again = (f.sku && seenSku.get(f.sku)) || (f.barcode && seenBarcode.get(f.barcode))
        if (again) {
          const field = f.sku && seenSku.has(f.sku) ? 'sku' : 'barcode'
          errors.push(
            csvProblem(
              row.line,
              field,
              'duplicate_in_file',
              { column: field, line: again },
              `The same ${field} is already on line ${again} of this file.`
            )
          )
          continue
        }
        // A row with a SKU is matched by SKU only (a new SKU with a taken barcode is a clash, not an edit).
        const target = f.sku ? repo.bySku(f.sku) : f.barcode ? repo.byBarcode(f.barcode) : undefined
        const clash = clashKinds(f, target?.id ?? null)
        if (Object.keys(clash).length) {
          for (const [k, c] of Object.entries(clash))
            errors.push(csvProblem(row.line, CSV_FIELD[k as ProductField], c.code, c.params, c.message))
          continue
        }
        try {
          db.transaction(() => (target ? repo.update(target.id, f, clock.now()) : repo.insert(f, clock.now())))()
        } catch (e) {
          const detail = (e as Error).message
          errors.push(csvProblem(row.line, null, 'save_failed', { detail }, `The row could not be saved (${detail}).`))
          continue
        }
        if (f.sku) seenSku.set(f.sku, row.line)
        if (f.barcode) seenBarcode.set(f.barcode, row.line)
        if (target) updated++
        else added++
      }
      if (dryRun) throw new DryRunDone()
    })
    try {
      run()
    } catch (e) {
      if (!(e instanceof DryRunDone)) throw e
    }
    if (!dryRun && added + updated > 0) changed(added + updated)
    return { rows: read.rows.length, added, updated, errors, dryRun }
  }

  const handlers: Pick<Handlers, CatalogChannel> = {
    'catalog:search': ({ text, category, includeInactive, limit }) =>
      repo.search(text.trim(), { category, includeInactive, limit: limit ?? 30 }).map(toProduct),
    'catalog:categories': () => repo.categories(),
    'catalog:get': ({ productId }) => toProduct(must(productId)),
    'catalog:add': ({ product }) => {
      const id = db.transaction(() => repo.insert(checked(product, null), clock.now()))()
      changed(1)
      return toProduct(must(id))
    },
    'catalog:update': ({ productId, patch }) => {
      db.transaction(() => {
        const current = toProduct(must(productId))
        const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
        repo.update(productId, checked({ ...fieldsOf(current), ...defined }, productId), clock.now())
      })()
      changed(1)
      return toProduct(must(productId))
    },
    'catalog:setActive': ({ productId, active }) => {
      const current = toProduct(must(productId))
      if (current.active !== active) {
        repo.update(productId, { ...fieldsOf(current), active }, clock.now())
        changed(1)
      }
      return toProduct(must(productId))
    },
    'catalog:importCsv': ({ csv, dryRun }) => importCsv(csv, dryRun ?? false),
    'catalog:exportCsv': ({ includeInactive }) => {
      const rows = repo.all(includeInactive ?? true).map(toProduct)
      return { csv: writeCatalogCsv(rows, deps.currency()), count: rows.length }
    }
  }

  return { handlers, repo }
}

export type CatalogService = ReturnType<typeof createCatalogService>
