/**
 * The payment engine. A payment is a ledger row with an explicit state (architecture.md); every
 * transition is committed before the remote call it announces and after the answer, so that after a
 * crash at any instant the ledger says exactly what may have happened at Pockyt. One runner per
 * payment drives it from whatever state the ledger holds, which is also how recovery resumes it.
 *
 *   created --add ok--> awaiting_code --code--> prepay_sent --pay--> pending --query--> succeeded/failed
 *   any non-final --cashier cancel / timeout / restart--> reversing --cancel, query--> final
 *
 * Safety rules: `pay` is sent at most once per attempt (an unknown outcome is settled by `tran-query`,
 * never by re-sending); a new code means a new attempt (new `add`, new reference); a payment that
 * cannot be confirmed in time is cancelled and then queried until final, so a customer who paid in the
 * race ends as succeeded and is never asked to pay again.
 */
import type { Clock } from '../clock'
import { PosError } from '../errors'
import type { Db } from '../ledger/open'
import type { JournalEntry, PaymentPatch, PaymentRow, PaymentState, PaymentsRepo } from '../ledger/payments-repo'
import { isActive, isFinal } from '../ledger/payments-repo'
import type { SalesRepo } from '../ledger/sales-repo'
import type { PockytClient, PockytOutcome, PockytTransaction, TransactionRef, Vendor } from '../pockyt/types'
import { blocksSale, statusFromPayments } from '../sale/sale-status'
import { paymentView, type PaymentView } from './payment-view'
import { cancelBackoff, nextPollDelay, QueryLimiter, SLOW_POLL_MS } from './polling'
import { last4, maskCode, scrub, summarizeOutcome } from './redact'
import { makeReference } from './reference'

/**
 * Step boundaries where a test may stop the engine (the kill test SIGKILLs the process there).
 * In production there is no hook.
 */
export type HookPoint =
  | 'attempt-written'
  | 'add-in-flight'
  | 'add-answered'
  | 'pay-announced'
  | 'pay-in-flight'
  | 'pay-answered'
  | 'query-answered'
  | 'cancel-in-flight'

export interface EngineOptions {
  db: Db
  payments: PaymentsRepo
  sales: SalesRepo
  client: PockytClient
  clock: Clock
  terminalId: string
  /** Pockyt store number (or "TRAIN"): part of each reference. */
  storeId: string
  /** From `pay` to giving up and cancelling. Default 60 s. */
  timeoutMs?: number
  /** Attempts to learn an unknown `add` outcome before handing it to background cleanup. */
  addProbeAttempts?: number
  onPayment?(view: PaymentView): void
  /** A sale's status changed because of a payment. */
  onSale?(saleId: number): void
  detectVendor?(code: string): Vendor | undefined
  hook?(point: HookPoint, paymentId: number): void | Promise<void>
  log?(level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void
}

/** Thrown inside a runner when the engine closes; ends the runner quietly. */
class Closed extends Error {}

interface Runner {
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
  done: Promise<void>
}

/** `ret_code` for "no matching record": asked by reference, it means the `add` never landed. */
const NOT_FOUND_CODES = new Set(['000021'])
const isNotFound = (out: PockytOutcome<unknown>) => out.kind === 'rejected' && NOT_FOUND_CODES.has(out.retCode)

const TERMINAL_FINAL_FROM_REMOTE: Partial<Record<string, PaymentState>> = {
  success: 'succeeded',
  failed: 'failed',
  fail: 'failed',
  closed: 'failed',
  reversed: 'reversed'
}

export type PaymentEngine = ReturnType<typeof createPaymentEngine>

export function createPaymentEngine(o: EngineOptions) {
  const { db, payments, sales, client, clock } = o
  const timeoutMs = o.timeoutMs ?? 60_000
  const log = o.log ?? (() => {})
  const limiter = new QueryLimiter(clock)
  const runners = new Map<number, Runner>()
  const settledWaiters = new Map<number, (() => void)[]>()
  let closed = false
  let sweepAbort: AbortController | undefined

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
    if (closed) throw new Closed()
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
    if (closed) throw new Closed()
    db.transaction(() => payments.transition(row.id, row.state, row.state, patch, clock.now(), entry))()
    const after = get(row.id)
    publish(after)
    return after
  }

  /** Sleeps on the engine clock; returns early (false) when the runner is woken. */
  const nap = async (runner: Runner, ms: number): Promise<boolean> => {
    if (closed) throw new Closed()
    if (ms <= 0) return true
    try {
      await clock.sleep(ms, runner.wake.signal)
      return true
    } catch {
      if (closed) throw new Closed()
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

  // --- steps: each reads the row, makes at most one remote call, commits what it learned ---------------

  async function stepAdd(runner: Runner, row: PaymentRow) {
    if (runner.resumed) {
      // Written before a crash: `add` may or may not have reached Pockyt. Find out and close it.
      move(row, 'reversing', {}, { kind: 'note', note: 'resumed after restart: add outcome unknown' })
      return
    }
    await hook('attempt-written', row.id)
    const request = { op: 'add', amountMinor: row.amount_minor, currency: row.currency, reference: row.reference }
    const pending = client.add({ amountMinor: row.amount_minor, currency: row.currency, reference: row.reference })
    await hook('add-in-flight', row.id)
    let out = await pending
    await hook('add-answered', row.id)
    row = record(row, {}, { kind: 'call', request, answer: summarizeOutcome(out) })
    for (let probe = 0; out.kind === 'unknown' && probe < (o.addProbeAttempts ?? 3); probe++) {
      await nap(runner, 1000)
      const q = await query(row)
      row = q.row
      if (q.out && (q.out.kind === 'ok' || isNotFound(q.out))) out = q.out // found it, or it never landed
    }
    if (out.kind === 'ok') {
      if (out.value.reference !== undefined && out.value.reference !== row.reference) {
        move(row, 'reversing', { last_error: 'Pockyt answered add for another reference' })
        return
      }
      move(row, 'awaiting_code', { transaction_no: out.value.transactionNo, remote_status: out.value.status })
    } else if (out.kind === 'rejected') {
      const reason = errorText(out)
      move(row, 'failed', {
        last_error: reason,
        decline_reason: `Pockyt could not create the transaction (${out.retCode})`
      })
    } else {
      // Still unknown: let the background close whatever may exist; the cashier may try again now.
      move(row, 'reversing', { last_error: errorText(out) }, { kind: 'note', note: 'add outcome unknown' })
    }
  }

  async function stepAwaitCode(runner: Runner, row: PaymentRow) {
    if (runner.resumed || row.cancel_requested_at !== null) {
      move(
        row,
        'reversing',
        {},
        { kind: 'note', note: runner.resumed ? 'resumed after restart' : 'cancelled by the cashier' }
      )
      return
    }
    if (runner.code === undefined) {
      await nap(runner, 24 * 3600_000) // woken by a code or a cancel
      return
    }
    const code = runner.code
    runner.code = undefined
    const vendor = o.detectVendor?.(code)
    // Announce before sending: after a crash from here on, pay is never re-sent, only queried.
    row = move(
      row,
      'prepay_sent',
      { pay_sent_at: clock.now(), code_masked: maskCode(code), code_last4: last4(code), vendor: vendor ?? null },
      {
        kind: 'transition',
        request: { op: 'pay', transactionNo: row.transaction_no, paymentBarcode: maskCode(code), vendor }
      }
    )
    runner.accepted?.resolve(paymentView(row))
    runner.accepted = undefined
    await hook('pay-announced', row.id)
    const pending = client.pay({
      transactionNo: row.transaction_no!,
      paymentBarcode: code,
      ...(vendor ? { vendor } : {})
    })
    await hook('pay-in-flight', row.id)
    const out = await pending
    await hook('pay-answered', row.id)
    const keep = [row.transaction_no]
    const entry: JournalEntry = {
      kind: 'call',
      request: { op: 'pay', transactionNo: row.transaction_no, paymentBarcode: maskCode(code) },
      answer: summarizeOutcome(out, keep)
    }
    if (out.kind === 'ok' && belongs(row, out.value)) {
      const status = out.value.status
      const final = TERMINAL_FINAL_FROM_REMOTE[status]
      if (final) {
        move(
          row,
          final,
          { remote_status: status, ...(final === 'failed' ? { decline_reason: declineText(status) } : {}) },
          entry
        )
        checkAmount(row, out.value)
      } else {
        move(row, 'pending', { remote_status: status }, entry)
      }
    } else if (out.kind === 'rejected') {
      move(
        row,
        'failed',
        {
          last_error: errorText(out, keep),
          decline_reason: `${scrub(out.retMsg, keep).trim() || 'refused'} (${out.retCode})`
        },
        entry
      )
    } else {
      // Unknown (or an answer that is not ours): never re-send pay; tran-query decides.
      move(row, 'pending', { last_error: errorText(out, keep) }, entry)
    }
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

  async function stepPrepaySent(row: PaymentRow) {
    // Only after a restart (a live runner moves on within one step): the pay outcome is unknown.
    move(row, 'pending', {}, { kind: 'note', note: 'resumed after restart: pay outcome unknown, querying' })
  }

  async function stepPending(runner: Runner, row: PaymentRow) {
    if (row.cancel_requested_at !== null) {
      move(row, 'reversing', {}, { kind: 'note', note: 'cancelled by the cashier' })
      return
    }
    const sincePay = clock.now() - (row.pay_sent_at ?? row.created_at)
    // Resumed after a restart: ask first, even past the timeout (the customer may have paid meanwhile).
    const firstAfterResume = runner.resumed && runner.lastPollAt === undefined
    if (sincePay >= timeoutMs && !firstAfterResume) {
      move(row, 'reversing', {}, { kind: 'note', note: `not confirmed within ${Math.round(timeoutMs / 1000)} s` })
      return
    }
    if (!firstAfterResume) {
      const sinceLastPoll = runner.lastPollAt === undefined ? 0 : clock.now() - runner.lastPollAt
      const delay = Math.max(0, nextPollDelay(sincePay) - sinceLastPoll)
      if (!(await nap(runner, Math.min(delay, timeoutMs - sincePay)))) return
      if (clock.now() - (row.pay_sent_at ?? row.created_at) >= timeoutMs) return // the timeout is handled above
    }
    const pollStart = clock.now()
    const q = await query(row)
    if (q.waitMs === 0) runner.lastPollAt = pollStart
    if (q.waitMs > 0) {
      // Rate limited: wait, but never past the timeout (a resumed payment is queried first regardless).
      const left = timeoutMs - (clock.now() - (row.pay_sent_at ?? row.created_at))
      await nap(runner, firstAfterResume ? q.waitMs : Math.min(q.waitMs, left))
      return
    }
    row = q.row
    if (q.out?.kind !== 'ok') return
    const t = q.out.value
    const final = TERMINAL_FINAL_FROM_REMOTE[t.status]
    if (final) {
      move(row, final, final === 'failed' ? { decline_reason: declineText(t.status) } : {})
      checkAmount(row, t)
    } else if (t.status === 'init') {
      // The code never reached the wallet: close this transaction; a new attempt is then allowed.
      move(
        row,
        'reversing',
        {},
        { kind: 'note', note: 'Pockyt still says init after pay: the code never reached the wallet' }
      )
    }
  }

  async function stepReversing(runner: Runner, row: PaymentRow) {
    if (row.transaction_no === null) {
      // We never learned the transactionNo: ask by reference whether the add landed at all.
      const q = await query(row)
      if (q.waitMs > 0) return void (await nap(runner, q.waitMs))
      if (q.out && isNotFound(q.out)) {
        move(
          q.row,
          'cancelled',
          { last_error: null },
          { kind: 'note', note: 'Pockyt has no such transaction: nothing to cancel' }
        )
      } else if (q.out?.kind !== 'ok') {
        await nap(runner, cancelBackoff(q.row.query_count))
      }
      return
    }
    if (row.cancel_landed_at === null) {
      if (row.cancel_attempts > 0 && !(await nap(runner, cancelBackoff(row.cancel_attempts)))) return
      row = record(row, { cancel_attempts: row.cancel_attempts + 1 }, { kind: 'note', note: 'sending cancel' })
      const request = { op: 'cancel', transactionNo: row.transaction_no }
      const pending = client.cancel({ transactionNo: row.transaction_no! })
      await hook('cancel-in-flight', row.id)
      const out = await pending
      const keep = [row.transaction_no]
      const entry: JournalEntry = { kind: 'call', request, answer: summarizeOutcome(out, keep) }
      if (out.kind === 'ok') {
        row = record(row, { cancel_landed_at: clock.now(), remote_status: out.value.status, last_error: null }, entry)
      } else if (out.kind === 'rejected') {
        // Often "already final" (paid, closed): the query below tells which.
        row = record(row, { last_error: errorText(out, keep) }, entry)
      } else {
        record(row, { last_error: errorText(out, keep) }, entry)
        return
      }
    } else if (!(await nap(runner, SLOW_POLL_MS))) {
      return
    }
    const q = await query(row)
    if (q.waitMs > 0) return void (await nap(runner, q.waitMs))
    row = q.row
    if (q.out?.kind !== 'ok') return
    const t = q.out.value
    if (t.status === 'success') {
      move(row, 'succeeded', { last_error: null }, { kind: 'note', note: 'the customer paid before the cancel landed' })
      checkAmount(row, t)
    } else if (t.status === 'failed' || t.status === 'fail') {
      move(row, 'failed', { decline_reason: declineText(t.status), last_error: null })
    } else if (t.status === 'closed' || t.status === 'reversed') {
      move(row, row.pay_sent_at === null ? 'cancelled' : 'reversed', { last_error: null })
    } else if (row.cancel_landed_at === null) {
      // The cancel was refused but the transaction is still open: try the cancel again after a pause.
      await nap(runner, cancelBackoff(row.cancel_attempts))
    }
  }

  async function drive(runner: Runner) {
    try {
      for (;;) {
        const row = get(runner.id)
        if (runner.accepted && row.state !== 'created' && row.state !== 'awaiting_code') {
          // The attempt ended (or went to background cleanup) before the code could be sent.
          runner.accepted.reject(startFailure(row))
          runner.accepted = undefined
        }
        if (isFinal(row.state)) break
        switch (row.state) {
          case 'created':
            await stepAdd(runner, row)
            break
          case 'awaiting_code':
            await stepAwaitCode(runner, row)
            break
          case 'prepay_sent':
            await stepPrepaySent(row)
            break
          case 'pending':
            await stepPending(runner, row)
            break
          case 'reversing':
            await stepReversing(runner, row)
            break
        }
      }
    } catch (e) {
      if (!(e instanceof Closed) && !closed) {
        log('error', 'payment runner stopped', { id: runner.id, error: String(e) })
      }
    } finally {
      runners.delete(runner.id)
      const row = closed ? undefined : payments.get(runner.id)
      runner.accepted?.reject(row ? startFailure(row) : new PosError('INTERNAL', 'The payment was interrupted.'))
    }
  }

  /** Why `submitCode` could not get the code to the wallet, for the cashier. */
  const startFailure = (row: PaymentRow): PosError => {
    const view = paymentView(row)
    if (row.cancel_requested_at !== null)
      return new PosError('CONFLICT', 'The payment was cancelled before the code was sent.')
    if (row.state === 'failed') return new PosError('POCKYT_REJECTED', view.message, { paymentId: row.id })
    return new PosError(
      'POCKYT_UNREACHABLE',
      'Pockyt could not be reached, so the code was not sent. Check the connection and scan again.',
      {
        paymentId: row.id
      }
    )
  }

  const launch = (id: number, resumed: boolean): Runner => {
    const existing = runners.get(id)
    if (existing) return existing
    const runner: Runner = { id, wake: new AbortController(), resumed, done: Promise.resolve() }
    runners.set(id, runner)
    runner.done = drive(runner)
    return runner
  }

  /** Creates an attempt for the sale's current total; the runner sends `add` right after the commit. */
  const begin = (saleId: number): PaymentRow => {
    if (closed) throw new PosError('INTERNAL', 'The payment engine is shutting down.')
    const id = db.transaction(() => {
      const sale = sales.get(saleId)
      if (!sale) throw new PosError('NOT_FOUND', `Sale ${saleId} does not exist.`)
      if (sale.status === 'paid' || sale.status === 'refunded' || sale.status === 'partially_refunded') {
        throw new PosError('CONFLICT', 'This sale is already paid. Start a new sale.')
      }
      if (sale.status === 'voided') throw new PosError('CONFLICT', 'This sale was voided. Start a new sale.')
      if (sale.parked_at !== null) throw new PosError('CONFLICT', 'This sale is parked. Recall it first.')
      if (sale.total_minor <= 0) throw new PosError('CONFLICT', 'Add items before taking a payment: the total is zero.')
      const active = payments.activeForTerminal(o.terminalId)
      if (active) {
        throw new PosError(
          'PAYMENT_IN_PROGRESS',
          'A wallet payment is already in progress on this till. Finish or cancel it first.',
          {
            paymentId: active.id
          }
        )
      }
      const blocking = payments.forSale(saleId).find(blocksSale)
      if (blocking) {
        throw new PosError(
          'PAYMENT_IN_PROGRESS',
          'An earlier payment for this sale is still being settled with Pockyt. Wait until it is resolved.',
          { paymentId: blocking.id }
        )
      }
      const now = clock.now()
      const pid = payments.insert({
        saleId,
        terminalId: o.terminalId,
        reference: makeReference(o.storeId, o.terminalId, now),
        amountMinor: sale.total_minor,
        currency: sale.currency,
        now
      })
      if (sale.status !== 'open') sales.setStatus(saleId, 'open', null, now)
      return pid
    })()
    const row = get(id)
    publish(row)
    o.onSale?.(saleId)
    return row
  }

  /**
   * Resumes every non-final payment that no runner is driving (start-up, and the periodic sweep).
   * Returns their ids.
   */
  function recover(): number[] {
    if (closed) return []
    const ids: number[] = []
    for (const row of payments.unfinished()) {
      if (runners.has(row.id)) continue
      log('info', 'resuming payment', { id: row.id, state: row.state, reference: row.reference })
      launch(row.id, true)
      ids.push(row.id)
    }
    return ids
  }

  return {
    /** Starts a wallet payment for the sale's total: writes the attempt, then `add`; answers at once. */
    start(saleId: number): PaymentView {
      const row = begin(saleId)
      launch(row.id, false)
      return paymentView(row)
    },

    /**
     * Hands a scanned code to the payment waiting for one, or starts a new attempt for the sale with it
     * (one-scan checkout, and "scan again" after a decline). Resolves once `pay` is announced.
     */
    async submitCode(code: string, saleId: number): Promise<PaymentView> {
      let active = payments.activeForTerminal(o.terminalId)
      if (active && active.sale_id !== saleId) {
        throw new PosError('PAYMENT_IN_PROGRESS', 'A payment for another sale is in progress on this till.', {
          paymentId: active.id
        })
      }
      if (active && active.state !== 'created' && active.state !== 'awaiting_code') {
        throw new PosError(
          'PAYMENT_IN_PROGRESS',
          'A code was already sent for this payment. Wait for the answer or cancel it.',
          {
            paymentId: active.id
          }
        )
      }
      if (!active) active = begin(saleId)
      const runner = launch(active.id, false)
      if (runner.code !== undefined || runner.accepted) {
        throw new PosError('PAYMENT_IN_PROGRESS', 'A code is already being sent for this payment.')
      }
      runner.code = code
      const accepted = new Promise<PaymentView>((resolve, reject) => (runner.accepted = { resolve, reject }))
      wakeUp(runner)
      return accepted
    },

    /** The cashier's cancel: allowed at any moment; the runner turns it into the right remote calls. */
    cancel(paymentId: number): PaymentView {
      let row = get(paymentId)
      if (isFinal(row.state) || row.state === 'reversing') return paymentView(row)
      if (row.cancel_requested_at === null) {
        row = record(row, { cancel_requested_at: clock.now() }, { kind: 'note', note: 'cashier asked to cancel' })
      }
      const runner = launch(paymentId, false)
      wakeUp(runner)
      return paymentView(row)
    },

    get: (paymentId: number): PaymentView => paymentView(get(paymentId)),

    /** The payment holding this till, if any. */
    current(): PaymentView | null {
      const row = payments.activeForTerminal(o.terminalId)
      return row ? paymentView(row) : null
    },

    /**
     * Resumes every non-final payment that no runner is driving (start-up, and the periodic sweep).
     * Returns their ids.
     */
    recover,

    /** Runs `recover` now and then every `intervalMs` until `close`. */
    startSweeps(intervalMs: number) {
      sweepAbort = new AbortController()
      const signal = sweepAbort.signal
      const loop = async () => {
        while (!signal.aborted) {
          recover()
          await clock.sleep(intervalMs, signal).catch(() => {})
        }
      }
      void loop()
    },

    /** Resolves when the payment reaches a final state. */
    settled(paymentId: number): Promise<PaymentView> {
      const row = get(paymentId)
      if (isFinal(row.state)) return Promise.resolve(paymentView(row))
      return new Promise((resolve) => {
        const list = settledWaiters.get(paymentId) ?? []
        list.push(() => resolve(paymentView(get(paymentId))))
        settledWaiters.set(paymentId, list)
      })
    },

    /** Payments a runner is currently driving. */
    running: () => [...runners.keys()],

    /** Stops every runner at its next step boundary; the ledger keeps their state for recovery. */
    async close(graceMs = 3000) {
      closed = true
      sweepAbort?.abort()
      for (const r of runners.values()) wakeUp(r)
      const all = Promise.all([...runners.values()].map((r) => r.done))
      await Promise.race([all, new Promise((r) => setTimeout(r, graceMs).unref?.())])
    },

    isActiveState: isActive
  }
}
