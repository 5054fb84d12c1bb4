/**
 * Refunds and voids, journaled like payments: the refund row is committed (`created`, which reserves the
 * amount) before anything else, `sent` is committed before the call to Pockyt, and the answer after it,
 * so after a crash at any instant the ledger says what may have happened remotely. Recovery (start-up
 * and a periodic sweep, refund-recovery.ts) settles every refund left `sent` by asking Pockyt how much of
 * the payment it has refunded, re-sending the same `refundReference` only when Pockyt shows it did not land.
 *
 *   created --(announce)--> sent --ok--> succeeded        created --restart--> failed (never sent)
 *                             |--refused--> failed         sent --restart--> query --> succeeded/failed/re-send
 *                             |--no answer--> sent (unconfirmed; recovery settles it)
 *
 * A refund is Pockyt `refund` (any amount up to what remains). A void is Pockyt `cancel`: same business
 * day, whole amount, nothing refunded before. At most one refund per payment is unfinished at a time
 * (unique index), so "Pockyt has refunded X" tells exactly whether the one in flight landed.
 */
import type { Clock } from '../clock'
import { PosError } from '../errors'
import type { Db } from '../ledger/open'
import type { PaymentRow, PaymentsRepo } from '../ledger/payments-repo'
import type { SalesRepo } from '../ledger/sales-repo'
import { toWireAmount } from '../money'
import { localDay } from '../reports/days'
import { summarizeOutcome } from '../payment/redact'
import { makeReference } from '../payment/reference'
import type { PockytClient } from '../pockyt/types'
import { planRefund, type LineRequest } from './refund-plan'
import { createRefundRecovery, pockytErrorText, VOID_DONE } from './refund-recovery'
import { refundView, type RefundView } from './refund-view'
import type { JournalEntry, RefundLine, RefundPatch, RefundRow, RefundsRepo, RefundState } from './refunds-repo'

/** Where a test may stop the engine to play a crash. */
export type RefundHook = 'refund-written' | 'refund-announced' | 'refund-in-flight' | 'refund-answered'

export interface RefundEngineOptions {
  db: Db
  refunds: RefundsRepo
  payments: PaymentsRepo
  sales: SalesRepo
  client: PockytClient
  clock: Clock
  terminalId: string
  /** Part of each refund reference; a getter follows a switched Pockyt client. */
  storeId: string | (() => string)
  /** Throws `PIN_REQUIRED` unless the manager PIN is right (settings' `ManagerPin.require`). */
  requireManagerPin(pin: string | undefined, action: string): void
  /** The business day of a time (`YYYY-MM-DD`, local time by default): a void must be on the sale's day. */
  dayOf?(ms: number): string
  onRefund?(view: RefundView): void
  onSale?(saleId: number): void
  hook?(point: RefundHook, refundId: number): void | Promise<void>
  log?(level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void
}

export interface RefundRequest {
  saleId: number
  /** By amount; or `lines`; neither = everything that remains. */
  amountMinor?: number
  lines?: LineRequest[]
  reason: string
  pin?: string
}

export interface VoidRequest {
  saleId: number
  reason: string
  pin?: string
}

export type RefundEngine = ReturnType<typeof createRefundEngine>

export function createRefundEngine(o: RefundEngineOptions) {
  const { db, refunds, payments, sales, client, clock } = o
  const log = o.log ?? (() => {})
  const dayOf = o.dayOf ?? localDay
  /** Refunds a call is in flight for (this process); recovery leaves them alone. */
  const inFlight = new Set<number>()
  let closed = false

  const hook = async (point: RefundHook, id: number) => {
    if (o.hook) await o.hook(point, id)
  }

  const publish = (row: RefundRow) => {
    try {
      o.onRefund?.(refundView(row, payments.get(row.payment_id)?.transaction_no ?? null))
    } catch (e) {
      log('error', 'refund listener failed', { error: String(e) })
    }
  }

  const view = (row: RefundRow) => refundView(row, payments.get(row.payment_id)?.transaction_no ?? null)

  const money = (currency: string) => (minor: number) => `${toWireAmount(minor, currency)} ${currency}`

  /** Commits a transition; on success also moves the sale (refunded / partially refunded / voided). */
  const move = (row: RefundRow, to: RefundState, patch: RefundPatch = {}, entry?: JournalEntry): RefundRow => {
    let saleMoved = false
    db.transaction(() => {
      const now = clock.now()
      refunds.transition(row.id, row.state, to, patch, now, entry)
      if (to !== 'succeeded') return
      const sale = sales.get(row.sale_id)!
      const refunded = Math.min(sale.total_minor, sale.refunded_minor + row.amount_minor)
      const status = row.kind === 'void' ? 'voided' : refunded >= sale.total_minor ? 'refunded' : 'partially_refunded'
      refunds.setSaleRefunded(row.sale_id, refunded, status, now)
      saleMoved = true
    })()
    const after = refunds.get(row.id)!
    log('info', 'refund transition', {
      id: row.id,
      kind: row.kind,
      from: row.state,
      to,
      reference: row.refund_reference
    })
    publish(after)
    if (saleMoved) o.onSale?.(row.sale_id)
    return after
  }

  const note = (row: RefundRow, patch: RefundPatch, entry: JournalEntry): RefundRow => {
    db.transaction(() => refunds.transition(row.id, row.state, row.state, patch, clock.now(), entry))()
    const after = refunds.get(row.id)!
    publish(after)
    return after
  }

  const paidPayment = (saleId: number): PaymentRow => {
    const sale = sales.get(saleId)
    if (!sale) throw new PosError('NOT_FOUND', `Sale ${saleId} does not exist.`)
    if (sale.status === 'voided')
      throw new PosError('CONFLICT', 'This sale was voided: there is nothing left to refund.')
    const payment = payments.forSale(saleId).find((p) => p.state === 'succeeded')
    if (!payment || !payment.transaction_no) {
      throw new PosError('CONFLICT', 'This sale has no approved wallet payment, so there is nothing to refund.')
    }
    const open = refunds.forSale(saleId).find((r) => r.final_at === null && r.payment_id === payment.id)
    if (open) {
      throw new PosError(
        'CONFLICT',
        'A refund for this sale is still waiting for Pockyt to confirm it. It is checked automatically; try again in a minute.',
        { refundId: open.id }
      )
    }
    return payment
  }

  const newReference = () =>
    `R${makeReference(typeof o.storeId === 'function' ? o.storeId() : o.storeId, o.terminalId, clock.now()).slice(1)}`

  /** Writes the refund row (`created`): from here on the amount is reserved. */
  const write = (p: {
    payment: PaymentRow
    kind: 'refund' | 'void'
    amountMinor: number
    lines: RefundLine[] | null
    reason: string
  }): RefundRow => {
    const id = db.transaction(() =>
      refunds.insert({
        paymentId: p.payment.id,
        saleId: p.payment.sale_id,
        kind: p.kind,
        reference: newReference(),
        amountMinor: p.amountMinor,
        currency: p.payment.currency,
        reason: p.reason,
        lines: p.lines,
        now: clock.now()
      })
    )()
    const row = refunds.get(id)!
    publish(row)
    return row
  }

  /** created -> sent -> call -> answer. Throws nothing for Pockyt outcomes: the view says what happened. */
  async function send(row: RefundRow): Promise<RefundRow> {
    const payment = payments.get(row.payment_id)!
    const transactionNo = payment.transaction_no!
    const keep = [transactionNo]
    inFlight.add(row.id)
    try {
      await hook('refund-written', row.id)
      if (row.kind === 'void') {
        const request = { op: 'cancel', transactionNo }
        row = move(row, 'sent', {}, { kind: 'transition', request })
        await hook('refund-announced', row.id)
        const pending = client.cancel({ transactionNo })
        await hook('refund-in-flight', row.id)
        const out = await pending
        await hook('refund-answered', row.id)
        const entry: JournalEntry = { kind: 'call', request, answer: summarizeOutcome(out, keep) }
        if (out.kind === 'ok' && out.value.transactionNo === transactionNo && VOID_DONE.has(out.value.status)) {
          return move(row, 'succeeded', { last_error: null }, entry)
        }
        if (out.kind === 'rejected') return move(row, 'failed', { last_error: pockytErrorText(out, keep) }, entry)
        const why =
          out.kind === 'ok' ? `Pockyt says the payment is still ${out.value.status}` : pockytErrorText(out, keep)
        return note(row, { last_error: why }, entry)
      }
      const request = {
        op: 'refund',
        transactionNo,
        refundAmountMinor: row.amount_minor,
        currency: row.currency,
        refundReference: row.refund_reference
      }
      row = move(row, 'sent', {}, { kind: 'transition', request })
      await hook('refund-announced', row.id)
      const pending = client.refund({
        transactionNo,
        refundAmountMinor: row.amount_minor,
        currency: row.currency,
        refundReference: row.refund_reference
      })
      await hook('refund-in-flight', row.id)
      const out = await pending
      await hook('refund-answered', row.id)
      return settleRefundAnswer(row, out, { kind: 'call', request, answer: summarizeOutcome(out, keep) }, keep)
    } finally {
      inFlight.delete(row.id)
    }
  }

  function settleRefundAnswer(
    row: RefundRow,
    out: Awaited<ReturnType<PockytClient['refund']>>,
    entry: JournalEntry,
    keep: (string | null)[]
  ): RefundRow {
    if (out.kind === 'ok' && out.value.status === 'success' && out.value.refundAmountMinor === row.amount_minor) {
      return move(
        row,
        'succeeded',
        { refund_transaction_no: out.value.refundTransactionNo ?? null, last_error: null },
        entry
      )
    }
    if (out.kind === 'rejected') return move(row, 'failed', { last_error: pockytErrorText(out, keep) }, entry)
    const why =
      out.kind === 'ok'
        ? `Pockyt answered status "${out.value.status}" for ${out.value.refundAmountMinor} minor units`
        : pockytErrorText(out, keep)
    return note(row, { last_error: why }, entry)
  }

  const recovery = createRefundRecovery({
    refunds,
    payments,
    client,
    inFlight,
    isClosed: () => closed,
    move,
    note,
    settleRefundAnswer,
    view,
    log
  })

  return {
    /** A refund (full, by amount or by lines). Resolves once Pockyt answered (or did not). */
    async refund(req: RefundRequest): Promise<RefundView> {
      if (closed) throw new PosError('CONFLICT', 'The app is closing.')
      const reason = req.reason.trim()
      if (!reason) throw new PosError('BAD_INPUT', 'Give a reason for the refund.')
      const payment = paidPayment(req.saleId)
      o.requireManagerPin(req.pin, 'refund a sale')
      const plan = planRefund({
        remainingMinor: payment.amount_minor - refunds.committedMinor(payment.id),
        currencyLabel: money(payment.currency),
        amountMinor: req.amountMinor,
        lines: req.lines,
        saleLines: sales.lines(req.saleId),
        earlier: refunds.forSale(req.saleId)
      })
      if (!plan.ok) throw new PosError('CONFLICT', plan.message)
      const row = write({ payment, kind: 'refund', amountMinor: plan.amountMinor, lines: plan.lines, reason })
      return view(await send(row))
    },

    /** A same-day void of the whole sale through Pockyt `cancel`. */
    async void(req: VoidRequest): Promise<RefundView> {
      if (closed) throw new PosError('CONFLICT', 'The app is closing.')
      const reason = req.reason.trim()
      if (!reason) throw new PosError('BAD_INPUT', 'Give a reason for the void.')
      const payment = paidPayment(req.saleId)
      if (dayOf(payment.final_at ?? payment.created_at) !== dayOf(clock.now())) {
        throw new PosError('CONFLICT', 'A void is only possible on the day of the sale. Use a refund instead.')
      }
      if (refunds.committedMinor(payment.id) > 0) {
        throw new PosError(
          'CONFLICT',
          'Part of this sale was already refunded, so it cannot be voided. Refund the rest instead.'
        )
      }
      o.requireManagerPin(req.pin, 'void a sale')
      const row = write({ payment, kind: 'void', amountMinor: payment.amount_minor, lines: null, reason })
      return view(await send(row))
    },

    get(refundId: number): RefundView {
      const row = refunds.get(refundId)
      if (!row) throw new PosError('NOT_FOUND', `Refund ${refundId} does not exist.`)
      return view(row)
    },

    forSale: (saleId: number) => refunds.forSale(saleId).map(view),

    /** Settles every unfinished refund no call is in flight for (refund-recovery.ts). */
    recover: () => recovery.recover(),

    close() {
      closed = true
    }
  }
}
