/**
 * The `catalog:*` channels: products a sale can ring up (search as you type, categories, add/edit/
 * deactivate) and CSV import/export with a per-row report.
 *
 * `catalog:add` and `catalog:update` take loosely typed fields on purpose (as `settings:update` does):
 * main checks them with `ProductDraft` and answers BAD_INPUT whose `details.fields` maps each bad field
 * to a message, so the form can show the message next to the field instead of one router line.
 */
import { z } from 'zod'

const Id = z.number().int().positive()

/** Prices up to 1,000,000.00 in a 2-digit currency; the sale caps totals separately. */
export const MAX_PRICE_MINOR = 100_000_000
/** Biggest CSV accepted in one import (about 20k rows). */
export const MAX_CSV_CHARS = 2_000_000

export const Product = z.strictObject({
  id: Id,
  name: z.string(),
  sku: z.string().nullable(),
  barcode: z.string().nullable(),
  priceMinor: z.number().int().nonnegative(),
  /** Basis points: 825 = 8.25%. */
  taxRateBp: z.number().int().min(0).max(10_000),
  category: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.number().int(),
  updatedAt: z.number().int()
})

const optionalText = (max: number, what: string) =>
  z
    .string({ error: `${what} must be text.` })
    .trim()
    .max(max, { error: `${what} is at most ${max} characters.` })
    .nullish()
    .transform((s) => (s ? s : null))

/** What a person may set on a product, with a message per field (main validates with it). */
export const ProductDraft = z.strictObject({
  name: z
    .string({ error: 'The name is required.' })
    .trim()
    .min(1, { error: 'The name is required.' })
    .max(200, { error: 'The name is at most 200 characters.' }),
  sku: optionalText(64, 'The SKU').refine((s) => s === null || /^[\x21-\x7e]+$/.test(s), {
    error: 'The SKU is letters, digits and symbols without spaces.'
  }),
  barcode: optionalText(64, 'The barcode').refine((s) => s === null || /^[0-9A-Za-z\-.]+$/.test(s), {
    error: 'The barcode is digits (EAN-13, UPC-A...) or letters, without spaces.'
  }),
  priceMinor: z
    .number({ error: 'The price must be a number.' })
    .int({ error: 'The price is in minor units (cents): no fractions.' })
    .min(0, { error: 'The price cannot be negative.' })
    .max(MAX_PRICE_MINOR, { error: 'The price is too large.' }),
  taxRateBp: z
    .number({ error: 'The tax rate must be a number.' })
    .int({ error: 'The tax rate is in hundredths of a percent (825 = 8.25%).' })
    .min(0, { error: 'The tax rate cannot be negative.' })
    .max(10_000, { error: 'The tax rate cannot exceed 100%.' }),
  category: optionalText(40, 'The category'),
  active: z.boolean({ error: 'Active is yes or no.' }).default(true)
})

export type ProductDraftValue = z.output<typeof ProductDraft>
export type ProductField = keyof ProductDraftValue
export const PRODUCT_FIELDS = Object.keys(ProductDraft.shape) as ProductField[]

/** Any subset of the product fields, each checked by main; unknown keys refused. */
const LooseProduct = z.strictObject(
  Object.fromEntries(PRODUCT_FIELDS.map((k) => [k, z.unknown().optional()])) as Record<
    ProductField,
    z.ZodOptional<z.ZodUnknown>
  >
)

export const CatalogCategory = z.strictObject({ name: z.string(), count: z.number().int().nonnegative() })

/**
 * What is wrong with a CSV file or row, as a stable code the renderer words in the cashier's language.
 * Parameters (in `params`): csv_invalid {line, detail}; column_unknown {column, columns};
 * column_missing, column_duplicate {column}; price_invalid, tax_invalid, active_invalid {value};
 * too_long {column, max}; duplicate_in_file {column, line}; sku_taken, barcode_taken {value, product};
 * save_failed {detail}; invalid {column}. The others have none.
 */
export const IMPORT_PROBLEM_CODES = [
  'csv_invalid',
  'file_empty',
  'column_unknown',
  'column_missing',
  'column_duplicate',
  'name_required',
  'price_required',
  'price_invalid',
  'price_too_large',
  'tax_invalid',
  'active_invalid',
  'too_long',
  'sku_format',
  'barcode_format',
  'duplicate_in_file',
  'sku_taken',
  'barcode_taken',
  'save_failed',
  'invalid'
] as const
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number]

export const ImportRowError = z.strictObject({
  /** 1-based line in the file (the header is line 1). */
  line: z.number().int().positive(),
  /** The column at fault, when one is. */
  field: z.string().nullable(),
  /** What is wrong, for the renderer to translate (see IMPORT_PROBLEM_CODES). */
  code: z.enum(IMPORT_PROBLEM_CODES),
  /** The values the translated sentence names (the cell's text, the other line, the product...). */
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** The same problem in English: the fallback when the renderer does not know the code. */
  message: z.string()
})

export const ImportReport = z.strictObject({
  /** Data rows read (header and blank lines excluded). */
  rows: z.number().int().nonnegative(),
  added: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  /** Every refused row with why; nothing of a refused row was written. */
  errors: z.array(ImportRowError),
  /** True when nothing was written on purpose (a preview). */
  dryRun: z.boolean()
})

export const catalogChannels = {
  /**
   * Search as you type: an exact barcode or SKU first, then names starting with the text, then names,
   * SKUs or barcodes containing it. Empty text lists the category (or everything) by name.
   */
  'catalog:search': {
    input: z.strictObject({
      text: z.string().max(100),
      category: z.string().max(40).optional(),
      includeInactive: z.boolean().optional(),
      limit: z.number().int().min(1).max(500).optional()
    }),
    output: z.array(Product)
  },
  /** Categories of the active products, by name, with how many products each holds. */
  'catalog:categories': { input: z.undefined(), output: z.array(CatalogCategory) },
  'catalog:get': { input: z.strictObject({ productId: Id }), output: Product },
  /** Adds a product; BAD_INPUT with `details.fields` per bad field; CONFLICT for a taken SKU or barcode. */
  'catalog:add': { input: z.strictObject({ product: LooseProduct }), output: Product },
  /** Changes some fields of a product (lines already sold keep their own copy). */
  'catalog:update': { input: z.strictObject({ productId: Id, patch: LooseProduct }), output: Product },
  /** Deactivates (no longer sold, kept for history) or reactivates a product. Products are never deleted. */
  'catalog:setActive': { input: z.strictObject({ productId: Id, active: z.boolean() }), output: Product },
  /**
   * Imports products from CSV (header: name, sku, barcode, price, tax_rate, category, active). A row whose
   * SKU (or else barcode) matches a product updates it; others are added. Bad rows are listed and skipped,
   * good rows are written in one transaction. `dryRun` reports without writing.
   */
  'catalog:importCsv': {
    input: z.strictObject({ csv: z.string().max(MAX_CSV_CHARS), dryRun: z.boolean().optional() }),
    output: ImportReport
  },
  /** The catalog as CSV in the import format (prices as decimals, tax as percent), so it round-trips. */
  'catalog:exportCsv': {
    input: z.strictObject({ includeInactive: z.boolean().optional() }),
    output: z.strictObject({ csv: z.string(), count: z.number().int().nonnegative() })
  }
}

export const catalogEvents = {
  /** The catalog changed (add, edit, (de)activate, import): windows refresh searches and quick keys. */
  'catalog:changed': z.strictObject({ at: z.number().int(), count: z.number().int().nonnegative() })
}
