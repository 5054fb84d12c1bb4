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
 * cannot be confirmed in time is cancelled and then queried until final: a customer who paid in that
 * race ends succeeded when Pockyt refuses the cancel (or it never lands), or reversed (refunded) when
 * the cancel reverses the payment; either way the ledger says what Pockyt says, and the sale is never
 * charged twice (a new attempt is refused while an earlier one may still take money).
 *
 * Files: `runner-context.ts` (commit, journal, sleep, rate-limited query), `steps.ts` (one step per
 * state), this file (the API: start, submitCode, cancel, recover, sweeps, close).
 */
import type { Clock } from '../clock'
import { PosError } from '../errors'
import type { Db } from '../ledger/open'
import type { PaymentRow, PaymentsRepo } from '../ledger/payments-repo'
import { isActive, isFinal } from '../ledger/payments-repo'
import type { SalesRepo } from '../ledger/sales-repo'
import type { PockytClient, Vendor } from '../pockyt/types'
import { blocksSale } from '../sale/sale-status'
import { paymentView, type PaymentView } from './payment-view'
import { scrub } from './redact'
import { makeReference } from './reference'
import { Closed, createRunnerContext, type EngineState, type Runner } from './runner-context'
import { stepAdd, stepAwaitCode, stepPending, stepPrepaySent, stepReversing } from './steps'

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
  /** Pockyt store number (or "TRAIN"): part of each reference. A getter follows a switched client. */
  storeId: string | (() => string)
  /** From `pay` to giving up and cancelling. Default 60 s. A getter is read once per payment runner. */
  timeoutMs?: number | (() => number)
  /**
   * Training mode only: the in-process simulator forgets everything on restart, so "no such
   * transaction" ends a payment there. Live, a payment whose code was sent is never closed on that.
   */
  notFoundIsFinal?: boolean | (() => boolean)
  /** Attempts to learn an unknown `add` outcome before handing it to background cleanup. */
  addProbeAttempts?: number
  onPayment?(view: PaymentView): void
  /** A sale's status changed because of a payment. */
  onSale?(saleId: number): void
  detectVendor?(code: string): Vendor | undefined
  hook?(point: HookPoint, paymentId: number): void | Promise<void>
  log?(level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void
}

export type PaymentEngine = ReturnType<typeof createPaymentEngine>

export function createPaymentEngine(o: EngineOptions) {
  const { db, payments, sales, clock } = o
  const state: EngineState = { closed: false, settledWaiters: new Map() }
  const c = createRunnerContext(o, state)
  const { get, publish, record, wakeUp, log } = c
  const runners = new Map<number, Runner>()
  let sweepAbort: AbortController | undefined

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
            await stepAdd(c, runner, row)
            break
          case 'awaiting_code':
            await stepAwaitCode(c, runner, row)
            break
          case 'prepay_sent':
            await stepPrepaySent(c, row)
            break
          case 'pending':
            await stepPending(c, runner, row)
            break
          case 'reversing':
            await stepReversing(c, runner, row)
            break
        }
      }
    } catch (e) {
      if (!(e instanceof Closed) && !state.closed) {
        log('error', 'payment runner stopped', { id: runner.id, error: scrub(String(e)) })
      }
    } finally {
      runners.delete(runner.id)
      const row = state.closed ? undefined : payments.get(runner.id)
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
    if (state.closed) throw new PosError('INTERNAL', 'The payment engine is shutting down.')
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
        reference: makeReference(typeof o.storeId === 'function' ? o.storeId() : o.storeId, o.terminalId, now),
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
    if (state.closed) return []
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
        const list = state.settledWaiters.get(paymentId) ?? []
        list.push(() => resolve(paymentView(get(paymentId))))
        state.settledWaiters.set(paymentId, list)
      })
    },

    /** Payments a runner is currently driving. */
    running: () => [...runners.keys()],

    /** Stops every runner at its next step boundary; the ledger keeps their state for recovery. */
    async close(graceMs = 3000) {
      state.closed = true
      sweepAbort?.abort()
      for (const r of runners.values()) wakeUp(r)
      const all = Promise.all([...runners.values()].map((r) => r.done))
      await Promise.race([all, new Promise((r) => setTimeout(r, graceMs).unref?.())])
    },

    isActiveState: isActive
  }
}
