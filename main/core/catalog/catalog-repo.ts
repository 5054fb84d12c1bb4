/**
 * SQL over the ledger's `products` table for the catalog feature (search, edit, import, export). The
 * ledger owns the table and its migration; the sale only needs `products-repo.ts`.
 */
import type { Db } from '../ledger/open'
import type { ProductRow } from '../ledger/products-repo'

/** A product as the contract shows it. */
export interface ProductOut {
  id: number
  name: string
  sku: string | null
  barcode: string | null
  priceMinor: number
  taxRateBp: number
  category: string | null
  active: boolean
  createdAt: number
  updatedAt: number
}

/** Every column a person sets. */
export interface ProductFields {
  name: string
  sku: string | null
  barcode: string | null
  priceMinor: number
  taxRateBp: number
  category: string | null
  active: boolean
}

export function toProduct(r: ProductRow): ProductOut {
  return {
    id: r.id,
    name: r.name,
    sku: r.sku,
    barcode: r.barcode,
    priceMinor: r.price_minor,
    taxRateBp: r.tax_rate_bp,
    category: r.category,
    active: r.active === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at
  }
}

/** `%`, `_` and the escape itself are literal in a search. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

export type CatalogRepo = ReturnType<typeof createCatalogRepo>

export function createCatalogRepo(db: Db) {
  const s = {
    get: db.prepare(`SELECT * FROM products WHERE id = ?`),
    bySku: db.prepare(`SELECT * FROM products WHERE sku = ?`),
    byBarcode: db.prepare(`SELECT * FROM products WHERE barcode = ?`),
    search: db.prepare(
      `SELECT *,
         CASE
           WHEN barcode = @text OR sku = @text COLLATE NOCASE THEN 0
           WHEN name LIKE @prefix ESCAPE '\\' THEN 1
           ELSE 2
         END AS rank
       FROM products
       WHERE (@all = 1 OR active = 1)
         AND (@category IS NULL OR category = @category)
         AND (@text = '' OR name LIKE @contains ESCAPE '\\' OR sku LIKE @contains ESCAPE '\\' OR barcode LIKE @contains ESCAPE '\\')
       ORDER BY rank, name COLLATE NOCASE, id
       LIMIT @limit`
    ),
    categories: db.prepare(
      `SELECT category AS name, COUNT(*) AS count FROM products
       WHERE active = 1 AND category IS NOT NULL GROUP BY category ORDER BY category COLLATE NOCASE`
    ),
    all: db.prepare(
      `SELECT * FROM products WHERE (@all = 1 OR active = 1) ORDER BY category COLLATE NOCASE, name COLLATE NOCASE, id`
    ),
    insert: db.prepare(
      `INSERT INTO products (name, sku, barcode, price_minor, tax_rate_bp, category, active, created_at, updated_at)
       VALUES (@name, @sku, @barcode, @priceMinor, @taxRateBp, @category, @active, @now, @now)`
    ),
    update: db.prepare(
      `UPDATE products SET name = @name, sku = @sku, barcode = @barcode, price_minor = @priceMinor,
         tax_rate_bp = @taxRateBp, category = @category, active = @active, updated_at = @now
       WHERE id = @id`
    )
  }
  const bind = (f: ProductFields, now: number) => ({ ...f, active: f.active ? 1 : 0, now })

  return {
    get: (id: number) => s.get.get(id) as ProductRow | undefined,
    bySku: (sku: string) => s.bySku.get(sku) as ProductRow | undefined,
    byBarcode: (barcode: string) => s.byBarcode.get(barcode) as ProductRow | undefined,
    search(text: string, opts: { category?: string; includeInactive?: boolean; limit: number }): ProductRow[] {
      const e = likeEscape(text)
      return s.search.all({
        text,
        prefix: `${e}%`,
        contains: `%${e}%`,
        category: opts.category ?? null,
        all: opts.includeInactive ? 1 : 0,
        limit: opts.limit
      }) as ProductRow[]
    },
    categories: () => s.categories.all() as { name: string; count: number }[],
    all: (includeInactive: boolean) => s.all.all({ all: includeInactive ? 1 : 0 }) as ProductRow[],
    insert: (f: ProductFields, now: number) => Number(s.insert.run(bind(f, now)).lastInsertRowid),
    update: (id: number, f: ProductFields, now: number) => void s.update.run({ ...bind(f, now), id })
  }
}
