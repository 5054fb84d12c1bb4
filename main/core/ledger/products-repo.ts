/**
 * The slice of the catalog a sale needs: find a product by id or barcode, and the Training-mode demo
 * catalog. Editing, import and export belong to the catalog feature.
 */
import type { Db } from './open'
import { DEMO_PRODUCTS } from './demo-products'

export interface ProductRow {
  id: number
  name: string
  sku: string | null
  barcode: string | null
  price_minor: number
  tax_rate_bp: number
  category: string | null
  active: 0 | 1
  created_at: number
  updated_at: number
}

export interface NewProduct {
  name: string
  sku?: string | null
  barcode?: string | null
  priceMinor: number
  taxRateBp: number
  category?: string | null
  active?: boolean
}

export type ProductsRepo = ReturnType<typeof createProductsRepo>

export function createProductsRepo(db: Db) {
  const s = {
    get: db.prepare(`SELECT * FROM products WHERE id = ?`),
    byBarcode: db.prepare(`SELECT * FROM products WHERE barcode = ?`),
    count: db.prepare(`SELECT COUNT(*) AS n FROM products`),
    insert: db.prepare(
      `INSERT INTO products (name, sku, barcode, price_minor, tax_rate_bp, category, active, created_at, updated_at)
       VALUES (@name, @sku, @barcode, @priceMinor, @taxRateBp, @category, @active, @now, @now)`
    )
  }
  const insert = (p: NewProduct, now: number): number =>
    Number(
      s.insert.run({
        name: p.name,
        sku: p.sku ?? null,
        barcode: p.barcode ?? null,
        priceMinor: p.priceMinor,
        taxRateBp: p.taxRateBp,
        category: p.category ?? null,
        active: p.active === false ? 0 : 1,
        now
      }).lastInsertRowid
    )
  return {
    get: (id: number) => s.get.get(id) as ProductRow | undefined,
    byBarcode: (barcode: string) => s.byBarcode.get(barcode) as ProductRow | undefined,
    count: () => (s.count.get() as { n: number }).n,
    insert,
    /** Fills an empty catalog with the demo products (Training mode); a catalog with rows is left alone. */
    seedDemoIfEmpty(now: number): number {
      if ((s.count.get() as { n: number }).n > 0) return 0
      db.transaction(() => DEMO_PRODUCTS.forEach((p) => insert(p, now)))()
      return DEMO_PRODUCTS.length
    }
  }
}
