/**
 * Sale arithmetic, in integer minor units, computed in main only (windows show what this returns).
 * Order: line gross -> line discount -> sale discount allocated over lines in proportion to their net
 * (largest remainder, so the shares add up exactly) -> tax per line on what remains, half away from
 * zero. The receipt, the ledger and Pockyt's amount are all this one computation.
 */
import { roundHalfAwayFromZero } from '../money'

/** A discount: none, a percentage in basis points (1000 = 10%), or a fixed amount in minor units. */
export type Discount = { kind: 'none' } | { kind: 'percent'; bp: number } | { kind: 'amount'; amountMinor: number }

export interface LineInput {
  unitPriceMinor: number
  quantity: number
  /** Tax rate in basis points (825 = 8.25%), added on top of the price. */
  taxRateBp: number
  discount: Discount
}

export interface LineTotals {
  grossMinor: number
  lineDiscountMinor: number
  saleDiscountMinor: number
  taxMinor: number
  totalMinor: number
}

export interface SaleTotals {
  /** Sum of unit price x quantity. */
  itemsMinor: number
  lineDiscountsMinor: number
  /** Items after line discounts, before the sale discount and tax. */
  subtotalMinor: number
  saleDiscountMinor: number
  taxMinor: number
  totalMinor: number
  lines: LineTotals[]
}

/** The largest amount a sale may reach: keeps every intermediate product a safe integer. */
export const MAX_SALE_MINOR = 100_000_000_000

export function discountAmount(discount: Discount, baseMinor: number): number {
  switch (discount.kind) {
    case 'none':
      return 0
    case 'percent':
      return Math.min(baseMinor, roundHalfAwayFromZero(baseMinor * discount.bp, 10_000))
    case 'amount':
      return Math.min(baseMinor, discount.amountMinor)
  }
}

/**
 * Splits `amount` over `weights` in proportion, each share floored, then the leftover minor units go
 * to the largest remainders (ties: the earlier line). Shares add up to `amount` exactly.
 */
export function allocate(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0)
  if (amount === 0 || total === 0) return weights.map(() => 0)
  const big = BigInt(amount)
  const bigTotal = BigInt(total)
  const shares = weights.map((w) => (big * BigInt(w)) / bigTotal)
  const remainders = weights.map((w, i) => ({ i, r: (big * BigInt(w)) % bigTotal }))
  let left = amount - shares.reduce((a, b) => a + Number(b), 0)
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1))
  const out = shares.map(Number)
  for (const { i } of remainders) {
    if (left <= 0) break
    out[i]! += 1
    left--
  }
  return out
}

export function computeTotals(lines: readonly LineInput[], saleDiscount: Discount): SaleTotals {
  const gross = lines.map((l) => l.unitPriceMinor * l.quantity)
  const lineDiscounts = lines.map((l, i) => discountAmount(l.discount, gross[i]!))
  const nets = gross.map((g, i) => g - lineDiscounts[i]!)
  const subtotalMinor = nets.reduce((a, b) => a + b, 0)
  const saleDiscountMinor = discountAmount(saleDiscount, subtotalMinor)
  const shares = allocate(saleDiscountMinor, nets)
  const lineTotals: LineTotals[] = lines.map((l, i) => {
    const taxable = nets[i]! - shares[i]!
    const taxMinor = roundHalfAwayFromZero(taxable * l.taxRateBp, 10_000)
    return {
      grossMinor: gross[i]!,
      lineDiscountMinor: lineDiscounts[i]!,
      saleDiscountMinor: shares[i]!,
      taxMinor,
      totalMinor: taxable + taxMinor
    }
  })
  const taxMinor = lineTotals.reduce((a, l) => a + l.taxMinor, 0)
  return {
    itemsMinor: gross.reduce((a, b) => a + b, 0),
    lineDiscountsMinor: lineDiscounts.reduce((a, b) => a + b, 0),
    subtotalMinor,
    saleDiscountMinor,
    taxMinor,
    totalMinor: subtotalMinor - saleDiscountMinor + taxMinor,
    lines: lineTotals
  }
}
