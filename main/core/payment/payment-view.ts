/**
 * What the windows see of a payment: its state, a sentence for people (English; the UI translates by
 * state code and `unresolved`), and the facts a receipt or the history needs.
 */
import type { PaymentRow, PaymentState } from '../ledger/payments-repo'
import { isActive, isFinal } from '../ledger/payments-repo'

/** Whether the payment waits on something that keeps failing (a cancel that has not landed yet, ...). */
export function isUnresolved(row: PaymentRow): boolean {
  return row.state === 'reversing' && row.last_error !== null
}

export function paymentMessage(row: PaymentRow): string {
  const state: PaymentState = row.state
  switch (state) {
    case 'created':
      return 'Creating the transaction with Pockyt.'
    case 'awaiting_code':
      return "Scan the customer's payment code."
    case 'prepay_sent':
      return 'Sending the payment code to the wallet.'
    case 'pending':
      return 'Waiting for the customer to confirm in the wallet app.'
    case 'reversing':
      if (row.pay_sent_at === null) {
        return isUnresolved(row)
          ? 'Pockyt could not be reached. The unused transaction will be closed automatically; the customer was not charged. You can try again.'
          : 'Closing the unused transaction with Pockyt. The customer was not charged.'
      }
      return isUnresolved(row)
        ? 'Unresolved: the cancel has not reached Pockyt yet. It is retried automatically; do not take another payment for this sale until it settles.'
        : 'Cancelling the payment with Pockyt, then checking whether the customer paid.'
    case 'succeeded':
      return 'Payment approved.'
    case 'failed':
      return `Payment declined${row.decline_reason ? `: ${row.decline_reason}` : ''}. Scan a new code to try again.`
    case 'cancelled':
      return 'Payment cancelled. The customer was not charged.'
    case 'reversed':
      return 'Payment cancelled with Pockyt. The customer was not charged (any amount taken is returned).'
  }
}

export function paymentView(row: PaymentRow) {
  return {
    id: row.id,
    saleId: row.sale_id,
    state: row.state,
    message: paymentMessage(row),
    unresolved: isUnresolved(row),
    final: isFinal(row.state),
    canCancel: isActive(row.state),
    amountMinor: row.amount_minor,
    currency: row.currency,
    reference: row.reference,
    transactionNo: row.transaction_no,
    vendor: row.vendor,
    codeMasked: row.code_masked,
    remoteStatus: row.remote_status,
    declineReason: row.decline_reason,
    lastError: row.last_error,
    queryCount: row.query_count,
    createdAt: row.created_at,
    paySentAt: row.pay_sent_at,
    finalAt: row.final_at,
    updatedAt: row.updated_at
  }
}

export type PaymentView = ReturnType<typeof paymentView>
