/**
 * SQL for sales and their lines. Plain functions over prepared statements; the rules (what may change
 * when) live in `core/sale/`, and the database's triggers back them up.
 */
import type { Db } from './open'

export type SaleStatus = 'draft' | 'open' | 'paid' | 'voided' | 'refunded' | 'partially_refunded'
export type DiscountKind = 'none' | 'percent' | 'amount'

export interface SaleRow {
  id: number
  terminal_id: string
  status: SaleStatus
  currency: string
  discount_kind: DiscountKind
  discount_value: number
  items_minor: number
  line_discounts_minor: number
  sale_discount_minor: number
  tax_minor: number
  total_minor: number
  refunded_minor: number
  note: string | null
  parked_at: number | null
  created_at: number
  updated_at: number
  paid_at: number | null
}

export interface LineRow {
  id: number
  sale_id: number
  position: number
  product_id: number | null
  name: string
  sku: string | null
  unit_price_minor: number
  quantity: number
  tax_rate_bp: number
  discount_kind: DiscountKind
  discount_value: number
  line_discount_minor: number
  sale_discount_minor: number
  tax_minor: number
  total_minor: number
}

export interface NewLine {
  productId: number | null
  name: string
  sku: string | null
  unitPriceMinor: number
  quantity: number
  taxRateBp: number
}

export interface LineAmounts {
  lineDiscountMinor: number
  saleDiscountMinor: number
  taxMinor: number
  totalMinor: number
}

export interface SaleAmounts {
  itemsMinor: number
  lineDiscountsMinor: number
  saleDiscountMinor: number
  taxMinor: number
  totalMinor: number
}

export type SalesRepo = ReturnType<typeof createSalesRepo>

export function createSalesRepo(db: Db) {
  const s = {
    insertSale: db.prepare(`INSERT INTO sales (terminal_id, currency, created_at, updated_at) VALUES (?, ?, ?, ?)`),
    get: db.prepare(`SELECT * FROM sales WHERE id = ?`),
    lines: db.prepare(`SELECT * FROM sale_lines WHERE sale_id = ? ORDER BY position, id`),
    line: db.prepare(`SELECT * FROM sale_lines WHERE id = ?`),
    current: db.prepare(
      `SELECT id FROM sales WHERE terminal_id = ? AND status IN ('draft','open') AND parked_at IS NULL
       ORDER BY id DESC LIMIT 1`
    ),
    parked: db.prepare(
      `SELECT * FROM sales WHERE terminal_id = ? AND status IN ('draft','open') AND parked_at IS NOT NULL
       ORDER BY parked_at DESC, id DESC`
    ),
    maxPosition: db.prepare(`SELECT COALESCE(MAX(position), 0) AS p FROM sale_lines WHERE sale_id = ?`),
    insertLine: db.prepare(
      `INSERT INTO sale_lines (sale_id, position, product_id, name, sku, unit_price_minor, quantity, tax_rate_bp)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
    ),
    findSameProductLine: db.prepare(
      `SELECT id FROM sale_lines WHERE sale_id = ? AND product_id = ? AND unit_price_minor = ? AND discount_kind = 'none'
       ORDER BY position DESC LIMIT 1`
    ),
    setQuantity: db.prepare(`UPDATE sale_lines SET quantity = ? WHERE id = ?`),
    setLineDiscount: db.prepare(`UPDATE sale_lines SET discount_kind = ?, discount_value = ? WHERE id = ?`),
    deleteLine: db.prepare(`DELETE FROM sale_lines WHERE id = ?`),
    deleteLines: db.prepare(`DELETE FROM sale_lines WHERE sale_id = ?`),
    lineAmounts: db.prepare(
      `UPDATE sale_lines SET line_discount_minor = ?, sale_discount_minor = ?, tax_minor = ?, total_minor = ? WHERE id = ?`
    ),
    saleAmounts: db.prepare(
      `UPDATE sales SET items_minor = ?, line_discounts_minor = ?, sale_discount_minor = ?, tax_minor = ?,
       total_minor = ?, updated_at = ? WHERE id = ?`
    ),
    setSaleDiscount: db.prepare(`UPDATE sales SET discount_kind = ?, discount_value = ? WHERE id = ?`),
    setParked: db.prepare(`UPDATE sales SET parked_at = ?, updated_at = ? WHERE id = ?`),
    setStatus: db.prepare(`UPDATE sales SET status = ?, paid_at = ?, updated_at = ? WHERE id = ?`),
    deleteSale: db.prepare(`DELETE FROM sales WHERE id = ?`)
  }

  return {
    createDraft(terminalId: string, currency: string, now: number): number {
      return Number(s.insertSale.run(terminalId, currency, now, now).lastInsertRowid)
    },
    get: (id: number) => s.get.get(id) as SaleRow | undefined,
    lines: (saleId: number) => s.lines.all(saleId) as LineRow[],
    line: (lineId: number) => s.line.get(lineId) as LineRow | undefined,
    /** The sale the terminal is working on: the newest unparked draft or open sale. */
    currentId(terminalId: string): number | undefined {
      return (s.current.get(terminalId) as { id: number } | undefined)?.id
    },
    parked: (terminalId: string) => s.parked.all(terminalId) as SaleRow[],
    insertLine(saleId: number, line: NewLine): number {
      const position = (s.maxPosition.get(saleId) as { p: number }).p + 1
      const { productId, name, sku, unitPriceMinor, quantity, taxRateBp } = line
      const info = s.insertLine.run(saleId, position, productId, name, sku, unitPriceMinor, quantity, taxRateBp)
      return Number(info.lastInsertRowid)
    },
    /** A line of the same product at the same price and without its own discount: scanning again adds to it. */
    sameProductLine(saleId: number, productId: number, unitPriceMinor: number): number | undefined {
      return (s.findSameProductLine.get(saleId, productId, unitPriceMinor) as { id: number } | undefined)?.id
    },
    setQuantity: (lineId: number, quantity: number) => void s.setQuantity.run(quantity, lineId),
    setLineDiscount: (lineId: number, kind: DiscountKind, value: number) =>
      void s.setLineDiscount.run(kind, value, lineId),
    deleteLine: (lineId: number) => void s.deleteLine.run(lineId),
    deleteLines: (saleId: number) => void s.deleteLines.run(saleId),
    writeAmounts(saleId: number, sale: SaleAmounts, lines: { id: number; amounts: LineAmounts }[], now: number) {
      for (const { id, amounts: a } of lines) {
        s.lineAmounts.run(a.lineDiscountMinor, a.saleDiscountMinor, a.taxMinor, a.totalMinor, id)
      }
      s.saleAmounts.run(
        sale.itemsMinor,
        sale.lineDiscountsMinor,
        sale.saleDiscountMinor,
        sale.taxMinor,
        sale.totalMinor,
        now,
        saleId
      )
    },
    setSaleDiscount: (saleId: number, kind: DiscountKind, value: number) =>
      void s.setSaleDiscount.run(kind, value, saleId),
    setParked: (saleId: number, parkedAt: number | null, now: number) => void s.setParked.run(parkedAt, now, saleId),
    setStatus: (saleId: number, status: SaleStatus, paidAt: number | null, now: number) =>
      void s.setStatus.run(status, paidAt, now, saleId),
    deleteSale: (saleId: number) => void s.deleteSale.run(saleId)
  }
}
