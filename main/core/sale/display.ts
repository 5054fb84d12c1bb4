/**
 * What the customer display shows, decided in main from the current sale and payment (the display
 * window never hears from the cashier window). "Approved" stays up for a few seconds, then idle,
 * unless the next sale already has lines.
 */
import type { Clock } from '../clock'
import type { PaymentView } from '../payment/payment-view'
import type { SaleView } from './sale-view'

export type DisplayState =
  | { screen: 'idle' }
  | {
      screen: 'cart'
      lines: { name: string; quantity: number; unitPriceMinor: number; totalMinor: number }[]
      itemCount: number
      discountMinor: number
      taxMinor: number
      totalMinor: number
      currency: string
    }
  | { screen: 'present_code' | 'confirm_in_wallet' | 'approved'; totalMinor: number; currency: string }
  | { screen: 'declined'; reason: string | null; totalMinor: number; currency: string }

export const APPROVED_HOLD_MS = 5000

export function cartScreen(sale: SaleView | null): DisplayState {
  if (!sale || sale.lines.length === 0 || sale.parked) return { screen: 'idle' }
  if (sale.status !== 'draft' && sale.status !== 'open') return { screen: 'idle' }
  return {
    screen: 'cart',
    lines: sale.lines.map((l) => ({
      name: l.name,
      quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor,
      totalMinor: l.totalMinor
    })),
    itemCount: sale.itemCount,
    discountMinor: sale.totals.lineDiscountsMinor + sale.totals.saleDiscountMinor,
    taxMinor: sale.totals.taxMinor,
    totalMinor: sale.totals.totalMinor,
    currency: sale.currency
  }
}

/** The screen for a payment of the current sale, or null when the cart should show instead. */
export function paymentScreen(p: PaymentView): DisplayState | null {
  const money = { totalMinor: p.amountMinor, currency: p.currency }
  switch (p.state) {
    case 'created':
    case 'awaiting_code':
      return { screen: 'present_code', ...money }
    case 'prepay_sent':
    case 'pending':
      return { screen: 'confirm_in_wallet', ...money }
    case 'succeeded':
      return { screen: 'approved', ...money }
    case 'failed':
      return { screen: 'declined', reason: p.declineReason, ...money }
    default:
      return null
  }
}

export interface DisplayController {
  sale(view: SaleView): void
  payment(view: PaymentView): void
  close(): void
}

export function createDisplayController(emit: (state: DisplayState) => void, clock: Clock): DisplayController {
  let sale: SaleView | null = null
  let payment: PaymentView | null = null
  let holdUntil = 0
  let last = ''
  let timer: AbortController | undefined

  const render = () => {
    let state: DisplayState
    const ownPayment = payment && sale && payment.saleId === sale.id ? payment : null
    const approvedHeld = payment?.state === 'succeeded' && clock.now() < holdUntil
    if (approvedHeld && !(sale && sale.id !== payment!.saleId && sale.lines.length > 0)) {
      state = paymentScreen(payment!)!
    } else if (ownPayment && paymentScreen(ownPayment)) {
      state = paymentScreen(ownPayment)!
    } else {
      state = cartScreen(sale)
    }
    const key = JSON.stringify(state)
    if (key !== last) {
      last = key
      emit(state)
    }
  }

  return {
    sale(view) {
      // A declined/cancelled payment stops deciding the screen once the basket changes or another sale
      // becomes current; a status change alone (open -> draft after a decline) keeps "Declined" up.
      const basket = (v: SaleView | null) => (v ? JSON.stringify([v.id, v.lines, v.discount]) : '')
      if (payment && payment.state !== 'succeeded' && (payment.final || payment.saleId !== view.id)) {
        if (basket(sale) !== basket(view)) payment = null
      }
      sale = view
      render()
    },
    payment(view) {
      if (sale && view.saleId !== sale.id && !view.final) return // a background settlement of a parked sale
      payment = view
      if (view.state === 'succeeded') {
        holdUntil = clock.now() + APPROVED_HOLD_MS
        timer?.abort()
        timer = new AbortController()
        clock.sleep(APPROVED_HOLD_MS, timer.signal).then(render, () => {})
      }
      render()
    },
    close() {
      timer?.abort()
    }
  }
}
