/**
 * A sale's status follows from its payments: paid once one succeeded; open (frozen) while a payment
 * engages the customer or might still take money; back to draft (editable, payable again) otherwise.
 */
import type { PaymentRow } from '../ledger/payments-repo'
import { isActive } from '../ledger/payments-repo'
import type { SaleStatus } from '../ledger/sales-repo'

/** True when this payment could still end up charging the customer, or holds the customer's attention. */
export function blocksSale(p: Pick<PaymentRow, 'state' | 'pay_sent_at'>): boolean {
  return isActive(p.state) || (p.state === 'reversing' && p.pay_sent_at !== null)
}

/**
 * The status a draft/open sale should have given its payments; `null` when the sale is past that
 * (paid, refunded, voided) and payments no longer move it.
 */
export function statusFromPayments(
  current: SaleStatus,
  payments: readonly Pick<PaymentRow, 'state' | 'pay_sent_at' | 'final_at'>[]
): { status: SaleStatus; paidAt: number | null } | null {
  if (current !== 'draft' && current !== 'open') return null
  const won = payments.find((p) => p.state === 'succeeded')
  if (won) return { status: 'paid', paidAt: won.final_at }
  if (payments.some(blocksSale)) return { status: 'open', paidAt: null }
  return { status: 'draft', paidAt: null }
}
