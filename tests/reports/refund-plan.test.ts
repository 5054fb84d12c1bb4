import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { LineRow } from '../../main/core/ledger/sales-repo'
import { planRefund } from '../../main/core/refunds/refund-plan'
import type { RefundRow } from '../../main/core/refunds/refunds-repo'

const label = (m: number) => `${(m / 100).toFixed(2)} USD`
const line = (id: number, quantity: number, totalMinor: number): LineRow => ({
  id,
  sale_id: 1,
  position: id,
  product_id: null,
  name: `L${id}`,
  sku: null,
  unit_price_minor: 0,
  quantity,
  tax_rate_bp: 0,
  discount_kind: 'none',
  discount_value: 0,
  line_discount_minor: 0,
  sale_discount_minor: 0,
  tax_minor: 0,
  total_minor: totalMinor
})

describe('refund plan', () => {
  it('refunding every unit in random steps adds up exactly to the line totals, never more', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 7 }), total: fc.integer({ min: 0, max: 100_000 }) }), {
          minLength: 1,
          maxLength: 5
        }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        (spec, picks) => {
          const lines = spec.map((s, i) => line(i + 1, s.quantity, s.total))
          const paid = lines.reduce((a, l) => a + l.total_minor, 0)
          const earlier: Pick<RefundRow, 'state' | 'lines'>[] = []
          let refunded = 0
          const left = new Map(lines.map((l) => [l.id, l.quantity]))
          for (const p of picks) {
            const open = lines.filter((l) => left.get(l.id)! > 0)
            if (!open.length) break
            const l = open[p % open.length]!
            const q = 1 + (p % left.get(l.id)!)
            const plan = planRefund({
              remainingMinor: paid - refunded,
              currencyLabel: label,
              lines: [{ lineId: l.id, quantity: q }],
              saleLines: lines,
              earlier
            })
            if (!plan.ok) {
              // refused only when those units round to nothing (or nothing is left to pay); they stay refundable
              expect(plan.message).toMatch(/cost nothing|already fully refunded/)
              continue
            }
            left.set(l.id, left.get(l.id)! - q)
            refunded += plan.amountMinor
            expect(refunded).toBeLessThanOrEqual(paid)
            earlier.push({ state: 'succeeded', lines: JSON.stringify(plan.lines) })
          }
          if ([...left.values()].every((q) => q === 0)) expect(refunded).toBe(paid)
        }
      ),
      { numRuns: 300 }
    )
  })

  it('refuses more than what remains, both by amount and by lines, with the limit in the message', () => {
    const lines = [line(1, 2, 900), line(2, 1, 300)]
    const over = planRefund({
      remainingMinor: 500,
      currencyLabel: label,
      amountMinor: 501,
      saleLines: lines,
      earlier: []
    })
    expect(over).toEqual({ ok: false, message: 'At most 5.00 USD can still be refunded.' })
    const byLines = planRefund({
      remainingMinor: 500,
      currencyLabel: label,
      lines: [{ lineId: 1, quantity: 2 }],
      saleLines: lines,
      earlier: []
    })
    expect(byLines.ok).toBe(false)
    expect(planRefund({ remainingMinor: 0, currencyLabel: label, saleLines: lines, earlier: [] }).ok).toBe(false)
  })

  it('refuses unknown, repeated or over-counted lines, and both modes at once', () => {
    const lines = [line(1, 2, 900)]
    const base = { remainingMinor: 900, currencyLabel: label, saleLines: lines }
    expect(planRefund({ ...base, lines: [{ lineId: 9, quantity: 1 }], earlier: [] }).ok).toBe(false)
    expect(
      planRefund({
        ...base,
        lines: [
          { lineId: 1, quantity: 1 },
          { lineId: 1, quantity: 1 }
        ],
        earlier: []
      }).ok
    ).toBe(false)
    expect(planRefund({ ...base, lines: [{ lineId: 1, quantity: 3 }], earlier: [] }).ok).toBe(false)
    const earlier = [
      { state: 'succeeded' as const, lines: JSON.stringify([{ lineId: 1, quantity: 2, amountMinor: 900 }]) }
    ]
    expect(planRefund({ ...base, lines: [{ lineId: 1, quantity: 1 }], earlier })).toEqual({
      ok: false,
      message: '"L1" has already been refunded.'
    })
    // a failed earlier refund does not count
    const failed = [{ state: 'failed' as const, lines: earlier[0]!.lines }]
    expect(planRefund({ ...base, lines: [{ lineId: 1, quantity: 1 }], earlier: failed })).toMatchObject({
      ok: true,
      amountMinor: 450
    })
    expect(planRefund({ ...base, amountMinor: 1, lines: [{ lineId: 1, quantity: 1 }], earlier: [] }).ok).toBe(false)
  })
})
