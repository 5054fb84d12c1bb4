/**
 * Recovery of refunds left unfinished by a crash or a lost answer (start-up and the periodic sweep):
 * a `created` refund was never sent, so it fails; a `sent` one is settled by asking Pockyt how much of the
 * payment it has refunded, and the same `refundReference` is sent again only when Pockyt shows it did not
 * land. The engine (refund-engine.ts) hands over its committed transitions so both journal alike.
 */
import type { PaymentsRepo } from '../ledger/payments-repo'
import { scrub, summarizeOutcome } from '../payment/redact'
import type { PockytClient, PockytOutcome } from '../pockyt/types'
import type { RefundView } from './refund-view'
import type { JournalEntry, RefundPatch, RefundRow, RefundsRepo, RefundState } from './refunds-repo'

/** Pockyt statuses that mean a `cancel` went through. */
export const VOID_DONE = new Set(['reversed', 'closed'])

/** The journal's line for a refused or unanswered call (null when Pockyt answered); secrets scrubbed. */
export function pockytErrorText(out: PockytOutcome<unknown>, keep: (string | null)[]): string | null {
  return out.kind === 'rejected'
    ? `Pockyt refused (${out.retCode}): ${scrub(out.retMsg, keep)}`
    : out.kind === 'unknown'
      ? `No answer from Pockyt (${out.reason}): ${scrub(out.detail, keep)}`
      : null
}

/** What recovery borrows from the engine, so it commits and publishes exactly as a live refund does. */
export interface RefundRecoveryDeps {
  refunds: RefundsRepo
  payments: PaymentsRepo
  client: PockytClient
  /** Refunds a call is in flight for (this process); recovery leaves them alone and marks its own. */
  inFlight: Set<number>
  isClosed(): boolean
  /** Commits a transition (and moves the sale on success). */
  move(row: RefundRow, to: RefundState, patch?: RefundPatch, entry?: JournalEntry): RefundRow
  /** Journals without a state change. */
  note(row: RefundRow, patch: RefundPatch, entry: JournalEntry): RefundRow
  /** Settles a refund from Pockyt's answer to `refund` (shared with the live path). */
  settleRefundAnswer(
    row: RefundRow,
    out: Awaited<ReturnType<PockytClient['refund']>>,
    entry: JournalEntry,
    keep: (string | null)[]
  ): RefundRow
  view(row: RefundRow): RefundView
  log(level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void
}

/** Builds `recover()`: settles every unfinished refund no call is in flight for. */
export function createRefundRecovery(d: RefundRecoveryDeps) {
  const { refunds, payments, client, move, note } = d

  /**
   * Settles a refund left `sent` (the answer was lost, or the app stopped): Pockyt's refunded total for the
   * payment says whether it landed; if it clearly did not, the same refundReference is sent again.
   */
  async function resolveSent(row: RefundRow): Promise<RefundRow> {
    const payment = payments.get(row.payment_id)!
    const transactionNo = payment.transaction_no!
    const keep = [transactionNo]
    const q = await client.query({ transactionNo })
    row = note(row, {}, { kind: 'call', request: { op: 'query', transactionNo }, answer: summarizeOutcome(q, keep) })
    if (q.kind === 'rejected' && q.retCode === '000021') {
      // Pockyt does not know the payment at all (other credentials, or Training mode's simulator was
      // restarted): nothing can have been refunded there.
      return move(row, 'failed', {
        last_error:
          'Pockyt does not know this payment (changed credentials, or Training mode restarted); nothing was refunded.'
      })
    }
    if (q.kind !== 'ok' || q.value.transactionNo !== transactionNo) {
      return note(
        row,
        { last_error: pockytErrorText(q, keep) ?? 'Pockyt answered about another transaction' },
        { kind: 'note' }
      )
    }
    const before = refunds.succeededMinor(row.payment_id, row.id)
    if (row.kind === 'void') {
      if (VOID_DONE.has(q.value.status))
        return move(row, 'succeeded', { last_error: null }, { kind: 'note', note: 'cancel confirmed by tran-query' })
      // Still paid: cancel is idempotent, send it again.
      const out = await client.cancel({ transactionNo })
      const entry: JournalEntry = {
        kind: 'call',
        request: { op: 'cancel', transactionNo },
        answer: summarizeOutcome(out, keep)
      }
      if (out.kind === 'ok' && VOID_DONE.has(out.value.status))
        return move(row, 'succeeded', { last_error: null }, entry)
      if (out.kind === 'rejected') return move(row, 'failed', { last_error: pockytErrorText(out, keep) }, entry)
      return note(row, { last_error: pockytErrorText(out, keep) ?? 'cancel not confirmed' }, entry)
    }
    const remote = q.value.refundedMinor
    if (remote !== undefined && remote >= before + row.amount_minor) {
      return move(
        row,
        'succeeded',
        { last_error: null },
        { kind: 'note', note: `Pockyt shows ${remote} refunded: it landed` }
      )
    }
    if (remote === undefined) {
      return note(
        row,
        { last_error: 'Pockyt does not say how much it refunded; check the refund in the Pockyt portal' },
        { kind: 'note' }
      )
    }
    const request = {
      op: 'refund',
      transactionNo,
      refundAmountMinor: row.amount_minor,
      currency: row.currency,
      refundReference: row.refund_reference
    }
    const out = await client.refund({
      transactionNo,
      refundAmountMinor: row.amount_minor,
      currency: row.currency,
      refundReference: row.refund_reference
    })
    return d.settleRefundAnswer(
      row,
      out,
      { kind: 'call', request, answer: summarizeOutcome(out, keep), note: 'resent after restart' },
      keep
    )
  }

  return {
    /**
     * Settles every unfinished refund no call is in flight for: `created` ones were never sent (failed),
     * `sent` ones are resolved with Pockyt. Returns what each became.
     */
    async recover(): Promise<RefundView[]> {
      const out: RefundView[] = []
      for (const row of refunds.unfinished()) {
        if (d.inFlight.has(row.id) || d.isClosed()) continue
        d.inFlight.add(row.id)
        try {
          const after =
            row.state === 'created'
              ? move(row, 'failed', {
                  last_error: 'The app stopped before the refund was sent; nothing was refunded. Start it again.'
                })
              : await resolveSent(row)
          out.push(d.view(after))
        } catch (e) {
          d.log('error', 'refund recovery failed', { id: row.id, error: String(e) })
        } finally {
          d.inFlight.delete(row.id)
        }
      }
      return out
    }
  }
}
