import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { allocate, computeTotals, type Discount, type LineInput } from '../../main/core/sale/totals'

const line = (
  unitPriceMinor: number,
  quantity = 1,
  taxRateBp = 0,
  discount: Discount = { kind: 'none' }
): LineInput => ({
  unitPriceMinor,
  quantity,
  taxRateBp,
  discount
})

describe('sale totals', () => {
  it('taxes each line, rounding half away from zero', () => {
    // 8.25% of 200 = 16.5 -> 17; of 600 = 49.5 -> 50 (per line, not on the sum)
    const t = computeTotals([line(200, 1, 825), line(300, 2, 825)], { kind: 'none' })
    expect(t.lines.map((l) => l.taxMinor)).toEqual([17, 50])
    expect(t).toMatchObject({ itemsMinor: 800, taxMinor: 67, totalMinor: 867 })
    // 8.25% of 1 = 0.0825 -> 0; of 6 = 0.495 -> 0; of 7 = 0.5775 -> 1
    expect(
      computeTotals([line(1, 1, 825), line(6, 1, 825), line(7, 1, 825)], { kind: 'none' }).lines.map((l) => l.taxMinor)
    ).toEqual([0, 0, 1])
  })

  it('applies line discounts (percent or amount) before tax', () => {
    const t = computeTotals(
      [line(1000, 1, 1000, { kind: 'percent', bp: 1500 }), line(500, 2, 0, { kind: 'amount', amountMinor: 150 })],
      { kind: 'none' }
    )
    expect(t.lines.map((l) => [l.lineDiscountMinor, l.taxMinor, l.totalMinor])).toEqual([
      [150, 85, 935],
      [150, 0, 850]
    ])
    expect(t).toMatchObject({ itemsMinor: 2000, lineDiscountsMinor: 300, subtotalMinor: 1700, totalMinor: 1785 })
  })

  it('spreads a sale discount over the lines in proportion, shares adding up exactly', () => {
    const t = computeTotals([line(100), line(100), line(100)], { kind: 'amount', amountMinor: 100 })
    expect(t.lines.map((l) => l.saleDiscountMinor)).toEqual([34, 33, 33])
    expect(t.totalMinor).toBe(200)
    const p = computeTotals([line(999, 1, 825), line(1, 1, 825)], { kind: 'percent', bp: 1000 })
    expect(p.saleDiscountMinor).toBe(100)
    expect(p.lines.map((l) => l.saleDiscountMinor)).toEqual([100, 0])
    // tax is on what remains: 899 * 8.25% = 74.17 -> 74; 1 * 8.25% -> 0
    expect(p.taxMinor).toBe(74)
    expect(p.totalMinor).toBe(974)
  })

  it('a discount never exceeds what it applies to', () => {
    const t = computeTotals([line(500, 1, 0, { kind: 'amount', amountMinor: 900 })], { kind: 'percent', bp: 10_000 })
    expect(t.lines[0]).toMatchObject({ lineDiscountMinor: 500, totalMinor: 0 })
    expect(t.totalMinor).toBe(0)
  })

  it('properties: totals add up, nothing negative, discounts bounded, allocation exact', () => {
    const discount = fc.oneof(
      fc.constant<Discount>({ kind: 'none' }),
      fc.integer({ min: 1, max: 10_000 }).map<Discount>((bp) => ({ kind: 'percent', bp })),
      fc.integer({ min: 1, max: 1_000_000 }).map<Discount>((amountMinor) => ({ kind: 'amount', amountMinor }))
    )
    const lineArb = fc.record({
      unitPriceMinor: fc.integer({ min: 0, max: 100_000_000 }),
      quantity: fc.integer({ min: 1, max: 999 }),
      taxRateBp: fc.integer({ min: 0, max: 10_000 }),
      discount
    })
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 12 }), discount, (lines, saleDiscount) => {
        const t = computeTotals(lines, saleDiscount)
        const sum = (f: (l: (typeof t.lines)[number]) => number) => t.lines.reduce((a, l) => a + f(l), 0)
        expect(sum((l) => l.totalMinor)).toBe(t.totalMinor)
        expect(sum((l) => l.taxMinor)).toBe(t.taxMinor)
        expect(sum((l) => l.saleDiscountMinor)).toBe(t.saleDiscountMinor)
        expect(t.totalMinor).toBe(t.itemsMinor - t.lineDiscountsMinor - t.saleDiscountMinor + t.taxMinor)
        t.lines.forEach((l, i) => {
          expect(l.lineDiscountMinor).toBeLessThanOrEqual(l.grossMinor)
          expect(l.lineDiscountMinor + l.saleDiscountMinor).toBeLessThanOrEqual(l.grossMinor)
          const taxable = l.grossMinor - l.lineDiscountMinor - l.saleDiscountMinor
          // half away from zero, exactly: |tax - taxable*rate| <= 1/2
          expect(Math.abs(2 * (l.taxMinor * 10_000 - taxable * lines[i]!.taxRateBp))).toBeLessThanOrEqual(10_000)
          for (const v of Object.values(l)) expect(Number.isSafeInteger(v) && v >= 0).toBe(true)
        })
      }),
      { numRuns: 500 }
    )
  })

  it('allocate: shares sum to the amount and follow the weights within one unit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 1e9 }),
        (w, a) => {
          const total = w.reduce((x, y) => x + y, 0)
          const amount = Math.min(a, total)
          const shares = allocate(amount, w)
          expect(shares.reduce((x, y) => x + y, 0)).toBe(total === 0 ? 0 : amount)
          shares.forEach((s, i) => {
            if (total) expect(Math.abs(s - (amount * w[i]!) / total)).toBeLessThan(1)
          })
        }
      ),
      { numRuns: 1000 }
    )
  })
})
