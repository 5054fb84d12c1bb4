import { describe, expect, it } from 'vitest'
import { createDisplayController, type DisplayState } from '../../main/core/sale/display'
import type { SaleView } from '../../main/core/sale/sale-view'
import type { PaymentView } from '../../main/core/payment/payment-view'
import { manualClock } from '../payment/helpers'

const sale = (over: Partial<SaleView> = {}): SaleView => ({
  id: 1,
  status: 'draft',
  currency: 'USD',
  parked: false,
  editable: true,
  lines: [
    {
      id: 1,
      productId: 1,
      name: 'Latte',
      sku: null,
      unitPriceMinor: 475,
      quantity: 2,
      taxRateBp: 825,
      discount: { kind: 'none' },
      grossMinor: 950,
      lineDiscountMinor: 0,
      saleDiscountMinor: 0,
      taxMinor: 78,
      totalMinor: 1028
    }
  ],
  discount: { kind: 'none' },
  totals: {
    itemsMinor: 950,
    lineDiscountsMinor: 0,
    subtotalMinor: 950,
    saleDiscountMinor: 0,
    taxMinor: 78,
    totalMinor: 1028
  },
  itemCount: 2,
  createdAt: 0,
  updatedAt: 0,
  paidAt: null,
  ...over
})

const payment = (state: PaymentView['state'], over: Partial<PaymentView> = {}): PaymentView =>
  ({
    id: 1,
    saleId: 1,
    state,
    final: ['succeeded', 'failed', 'cancelled', 'reversed'].includes(state),
    amountMinor: 1028,
    currency: 'USD',
    declineReason: state === 'failed' ? 'the wallet declined the payment' : null,
    ...over
  }) as PaymentView

describe('customer display', () => {
  it('follows the sale and the payment, holds "approved" about 5 s, then idles', async () => {
    const clock = manualClock()
    const shown: DisplayState[] = []
    const d = createDisplayController((s) => shown.push(s), clock)
    d.sale(sale({ lines: [], itemCount: 0 }))
    d.sale(sale())
    d.payment(payment('created'))
    d.payment(payment('awaiting_code'))
    d.payment(payment('prepay_sent'))
    d.payment(payment('pending'))
    d.payment(payment('succeeded'))
    d.sale(sale({ status: 'paid', editable: false, paidAt: 1 }))
    d.sale(sale({ id: 2, lines: [], itemCount: 0 })) // the next, empty sale
    expect(shown.map((s) => s.screen)).toEqual(['idle', 'cart', 'present_code', 'confirm_in_wallet', 'approved'])
    expect(shown[1]).toMatchObject({
      totalMinor: 1028,
      itemCount: 2,
      lines: [{ name: 'Latte', quantity: 2, totalMinor: 1028 }]
    })
    await clock.advance(5000)
    expect(shown.at(-1)).toEqual({ screen: 'idle' })
  })

  it('keeps "declined" up until the basket changes or a new attempt starts', () => {
    const clock = manualClock()
    const shown: DisplayState[] = []
    const d = createDisplayController((s) => shown.push(s), clock)
    d.sale(sale())
    d.payment(payment('pending'))
    d.payment(payment('failed'))
    d.sale(sale({ status: 'draft', updatedAt: 5 })) // back to draft: same basket
    expect(shown.at(-1)).toMatchObject({ screen: 'declined', reason: 'the wallet declined the payment' })
    d.payment(payment('created', { id: 2 }))
    expect(shown.at(-1)).toMatchObject({ screen: 'present_code' })
    d.payment(payment('failed', { id: 2 }))
    d.sale(sale({ lines: [], itemCount: 0, updatedAt: 9 }))
    expect(shown.at(-1)).toEqual({ screen: 'idle' })
  })

  it('a parked sale settling in the background does not take over the screen', () => {
    const shown: DisplayState[] = []
    const d = createDisplayController((s) => shown.push(s), manualClock())
    d.sale(sale({ id: 5 }))
    d.payment(payment('reversing', { saleId: 1 }))
    expect(shown.map((s) => s.screen)).toEqual(['cart'])
  })
})
