/** Builds the `SaleView` the windows render from ledger rows. */
import type { LineRow, SaleRow, DiscountKind } from '../ledger/sales-repo'
import type { Discount } from './totals'

export function toDiscount(kind: DiscountKind, value: number): Discount {
  if (kind === 'percent') return { kind, bp: value }
  if (kind === 'amount') return { kind, amountMinor: value }
  return { kind: 'none' }
}

export function fromDiscount(d: Discount): { kind: DiscountKind; value: number } {
  if (d.kind === 'percent') return { kind: 'percent', value: d.bp }
  if (d.kind === 'amount') return { kind: 'amount', value: d.amountMinor }
  return { kind: 'none', value: 0 }
}

export function saleView(sale: SaleRow, lines: readonly LineRow[]) {
  return {
    id: sale.id,
    status: sale.status,
    currency: sale.currency,
    parked: sale.parked_at !== null,
    editable: sale.status === 'draft' && sale.parked_at === null,
    lines: lines.map((l) => ({
      id: l.id,
      productId: l.product_id,
      name: l.name,
      sku: l.sku,
      unitPriceMinor: l.unit_price_minor,
      quantity: l.quantity,
      taxRateBp: l.tax_rate_bp,
      discount: toDiscount(l.discount_kind, l.discount_value),
      grossMinor: l.unit_price_minor * l.quantity,
      lineDiscountMinor: l.line_discount_minor,
      saleDiscountMinor: l.sale_discount_minor,
      taxMinor: l.tax_minor,
      totalMinor: l.total_minor
    })),
    discount: toDiscount(sale.discount_kind, sale.discount_value),
    totals: {
      itemsMinor: sale.items_minor,
      lineDiscountsMinor: sale.line_discounts_minor,
      subtotalMinor: sale.items_minor - sale.line_discounts_minor,
      saleDiscountMinor: sale.sale_discount_minor,
      taxMinor: sale.tax_minor,
      totalMinor: sale.total_minor
    },
    itemCount: lines.reduce((n, l) => n + l.quantity, 0),
    createdAt: sale.created_at,
    updatedAt: sale.updated_at,
    paidAt: sale.paid_at
  }
}

export type SaleView = ReturnType<typeof saleView>
