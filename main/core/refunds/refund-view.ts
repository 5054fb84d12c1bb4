/**
 * What the windows see of a refund or void: its state, a sentence for people (English; the UI translates
 * by state), and the facts a refund receipt needs (original transactionNo, refundTransactionNo).
 */
import type { RefundLine, RefundRow } from './refunds-repo'

export function refundMessage(row: RefundRow): string {
  const what = row.kind === 'void' ? 'Void' : 'Refund'
  switch (row.state) {
    case 'created':
      return `${what} recorded; sending it to Pockyt.`
    case 'sent':
      return row.last_error
        ? `${what} not confirmed yet: ${row.last_error}. It is checked again automatically; do not refund again.`
        : `${what} sent to Pockyt; waiting for the answer.`
    case 'succeeded':
      return row.kind === 'void' ? 'Sale voided: the payment was cancelled with Pockyt.' : 'Refund approved by Pockyt.'
    case 'failed':
      return `${what} failed${row.last_error ? `: ${row.last_error}` : ''}. Nothing was refunded.`
  }
}

export function refundView(row: RefundRow, originalTransactionNo: string | null) {
  return {
    id: row.id,
    saleId: row.sale_id,
    paymentId: row.payment_id,
    kind: row.kind,
    state: row.state,
    message: refundMessage(row),
    /** Sent but not confirmed: recovery is on it. */
    unresolved: row.state === 'sent' && row.last_error !== null,
    amountMinor: row.amount_minor,
    currency: row.currency,
    refundReference: row.refund_reference,
    refundTransactionNo: row.refund_transaction_no,
    originalTransactionNo,
    reason: row.reason ?? '',
    lines: row.lines ? (JSON.parse(row.lines) as RefundLine[]) : null,
    lastError: row.last_error,
    createdAt: row.created_at,
    finalAt: row.final_at
  }
}

export type RefundView = ReturnType<typeof refundView>
