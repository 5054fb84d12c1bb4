/**
 * The catalog: products a sale line can point to. Lines keep their own copy of name, price and tax rate
 * (what was sold stays what was sold when the product changes later); `product_id` links back for
 * reports and history search.
 */
import type { Migration } from './index'

export const migration0002: Migration = {
  version: 2,
  name: '0002-catalog',
  up(db) {
    db.exec(`
CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
  sku TEXT UNIQUE CHECK (sku IS NULL OR length(sku) BETWEEN 1 AND 64),
  barcode TEXT UNIQUE CHECK (barcode IS NULL OR length(barcode) BETWEEN 1 AND 64),
  price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
  tax_rate_bp INTEGER NOT NULL DEFAULT 0 CHECK (tax_rate_bp BETWEEN 0 AND 10000),
  category TEXT,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX products_category ON products(category, name) WHERE active = 1;
CREATE INDEX products_name ON products(name COLLATE NOCASE);
ALTER TABLE sale_lines ADD COLUMN product_id INTEGER REFERENCES products(id);
CREATE INDEX sale_lines_product ON sale_lines(product_id) WHERE product_id IS NOT NULL;
`)
  }
}
