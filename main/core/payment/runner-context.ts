/**
 * What every step of a payment runner shares: committing a transition with its journal entry (and the
 * sale status it implies), recording a remote call, sleeping on the engine clock until woken, and the
 * rate-limited `tran-query`. Built once per engine by `createPaymentEngine`.
 */
import { PosError } from '../errors'
import type { JournalEntry, PaymentPatch, PaymentRow, PaymentState } from '../ledger/payments-repo'
import { isFinal } from '../ledger/payments-repo'
import type { PockytOutcome, PockytTransaction, TransactionRef } from '../pockyt/types'
import { statusFromPayments } from '../sale/sale-status'
import type { EngineOptions, HookPoint } from './engine'
import { paymentView, type PaymentView } from './payment-view'
import { QueryLimiter } from './polling'
import { scrub, summarizeOutcome } from './redact'

/** Thrown inside a runner when the engine closes; ends the runner quietly. */
export class Closed extends Error {}

export interface Runner {
  id: number
  /** Aborted to wake a sleeping runner (cancel, new code, close). */
  wake: AbortController
  /** The scanned code, held in memory only until `pay` is sent. */
  code?: string
  /** Settles `submitCode` once `prepay_sent` is committed (or the attempt ends first). */
  accepted?: { resolve(v: PaymentView): void; reject(e: unknown): void }
  /** Recovery: the first query goes out at once. */
  resumed: boolean
  /** When the last poll started: polls keep a steady rhythm whatever each answer took. */
  lastPollAt?: number
  /** This payment's timeout, fixed when its runner first waits for the answer. */
  timeoutMs?: number
  done: Promise<void>
}

/** `ret_code` for "no matching record": asked by reference, it means the `add` never landed. */
export const NOT_FOUND_CODES = new Set(['000021'])
export const isNotFound = (out: PockytOutcome<unknown>) => out.kind === 'rejected' && NOT_FOUND_CODES.has(out.retCode)

export const TERMINAL_FINAL_FROM_REMOTE: Partial<Record<string, PaymentState>> = {
  success: 'succeeded',
  failed: 'failed',
  fail: 'failed',
  closed: 'failed',
  reversed: 'reversed'
}

/** Engine-wide state the context reads: whether it is closing, and who waits for which payment. */
export interface EngineState {
  closed: boolean
  readonly settledWaiters: Map<number, (() => void)[]>
}

export type RunnerContext = ReturnType<typeof createRunnerContext>

export function createRunnerContext(o: EngineOptions, state: EngineState) {
  const { db, payments, sales, client, clock } = o
  // Read when a payment's runner first needs it: a change in Settings applies to new payments.
  const timeoutMs = () => (typeof o.timeoutMs === 'function' ? o.timeoutMs() : (o.timeoutMs ?? 60_000))
  const notFoundIsFinal = () => (typeof o.notFoundIsFinal === 'function' ? o.notFoundIsFinal() : !!o.notFoundIsFinal)
  const log = o.log ?? (() => {})
  const limiter = new QueryLimiter(clock)
  const settledWaiters = state.settledWaiters

  const hook = async (point: HookPoint, id: number) => {
    if (o.hook) await o.hook(point, id)
  }

  const get = (id: number): PaymentRow => {
    const row = payments.get(id)
    if (!row) throw new PosError('NOT_FOUND', `Payment ${id} does not exist.`)
    return row
  }

  const publish = (row: PaymentRow) => {
    try {
      o.onPayment?.(paymentView(row))
    } catch (e) {
      log('error', 'payment listener failed', { error: String(e) })
    }
    if (isFinal(row.state)) {
      for (const w of settledWaiters.get(row.id) ?? []) w()
      settledWaiters.delete(row.id)
    }
  }

  /** Commits a transition (or a patch, when `to` equals the current state) with its journal entry. */
  const move = (row: PaymentRow, to: PaymentState, patch: PaymentPatch = {}, entry?: JournalEntry): PaymentRow => {
    if (state.closed) throw new Closed()
    let saleChanged = false
    db.transaction(() => {
      const now = clock.now()
      payments.transition(row.id, row.state, to, patch, now, entry)
      if (to === row.state) return
      const sale = sales.get(row.sale_id)!
      const next = statusFromPayments(sale.status, payments.forSale(row.sale_id))
      if (next && next.status !== sale.status) {
        sales.setStatus(row.sale_id, next.status, next.paidAt, now)
        saleChanged = true
      }
    })()
    const after = get(row.id)
    if (to !== row.state) {
      log('info', 'payment transition', { id: row.id, from: row.state, to, reference: row.reference })
      publish(after)
    }
    if (saleChanged) o.onSale?.(row.sale_id)
    return after
  }

  /** Journals a remote call and patches what it taught us, without changing state. */
  const record = (row: PaymentRow, patch: PaymentPatch, entry: JournalEntry): PaymentRow => {
    if (state.closed) throw new Closed()
    db.transaction(() => payments.transition(row.id, row.state, row.state, patch, clock.now(), entry))()
    const after = get(row.id)
    publish(after)
    return after
  }

  /** Sleeps on the engine clock; returns early (false) when the runner is woken. */
  const nap = async (runner: Runner, ms: number): Promise<boolean> => {
    if (state.closed) throw new Closed()
    if (ms <= 0) return true
    try {
      await clock.sleep(ms, runner.wake.signal)
      return true
    } catch {
      if (state.closed) throw new Closed()
      runner.wake = new AbortController()
      return false
    }
  }

  const wakeUp = (runner: Runner) => runner.wake.abort()

  /** The answer belongs to this attempt (rule: never accept another transaction's result). */
  const belongs = (row: PaymentRow, t: PockytTransaction) =>
    (row.transaction_no === null || t.transactionNo === row.transaction_no) &&
    (t.reference === undefined || t.reference === row.reference)

  const refOf = (row: PaymentRow): TransactionRef =>
    row.transaction_no ? { transactionNo: row.transaction_no } : { reference: row.reference }

  const errorText = (out: PockytOutcome<unknown>, keep: (string | null)[] = []): string | null =>
    out.kind === 'rejected'
      ? `Pockyt refused (${out.retCode}): ${scrub(out.retMsg, keep)}`
      : out.kind === 'unknown'
        ? `No answer from Pockyt (${out.reason}): ${scrub(out.detail, keep)}`
        : null

  /**
   * One `tran-query`, rate-limited across all payments. `out` is null when the limiter asks to wait
   * (`waitMs`) or when the answer was about another transaction (ignored, never trusted).
   */
  const query = async (row: PaymentRow) => {
    const wait = limiter.wait()
    if (wait > 0) return { out: null, row, waitMs: wait }
    limiter.record()
    const ref = refOf(row)
    const out = await client.query(ref)
    await hook('query-answered', row.id)
    const keep = [row.transaction_no]
    const foreign = out.kind === 'ok' && !belongs(row, out.value)
    const patch: PaymentPatch = { query_count: row.query_count + 1 }
    if (out.kind === 'ok' && !foreign) {
      patch.remote_status = out.value.status
      patch.last_error = null
      if (!row.transaction_no) patch.transaction_no = out.value.transactionNo
    } else if (foreign) {
      patch.last_error = 'Pockyt answered about another transaction; ignored'
    } else if (!isNotFound(out)) {
      patch.last_error = errorText(out, keep)
    }
    const entry: JournalEntry = { kind: 'call', request: { op: 'query', ...ref }, answer: summarizeOutcome(out, keep) }
    return { out: foreign ? null : out, row: record(row, patch, entry), waitMs: 0 }
  }

  function declineText(status: string): string {
    return status === 'closed' ? 'the customer did not complete the payment' : 'the wallet declined the payment'
  }

  function checkAmount(row: PaymentRow, t: PockytTransaction) {
    if (t.amountMinor !== row.amount_minor) {
      log('error', 'Pockyt amount differs from the ledger', {
        id: row.id,
        ledger: row.amount_minor,
        pockyt: t.amountMinor
      })
    }
  }

  return {
    o,
    client,
    clock,
    timeoutMs,
    notFoundIsFinal,
    log,
    hook,
    get,
    publish,
    move,
    record,
    nap,
    wakeUp,
    belongs,
    errorText,
    query,
    declineText,
    checkAmount
  }
}
