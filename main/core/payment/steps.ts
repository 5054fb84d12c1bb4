/**
 * The runner's steps, one per non-final state. Each reads the row, makes at most one remote call,
 * and commits what it learned (see `engine.ts` for the rules they keep).
 */
import type { JournalEntry, PaymentRow } from '../ledger/payments-repo'
import { paymentView } from './payment-view'
import { cancelBackoff, nextPollDelay, SLOW_POLL_MS } from './polling'
import { last4, maskCode, scrub, summarizeOutcome } from './redact'
import { isNotFound, TERMINAL_FINAL_FROM_REMOTE, type Runner, type RunnerContext } from './runner-context'

/** How long a transaction waits for the customer's code before it is closed. */
export const AWAIT_CODE_TIMEOUT_MS = 10 * 60_000

export async function stepAdd(c: RunnerContext, runner: Runner, row: PaymentRow) {
  if (runner.resumed) {
    // Written before a crash: `add` may or may not have reached Pockyt. Find out and close it.
    c.move(row, 'reversing', {}, { kind: 'note', note: 'resumed after restart: add outcome unknown' })
    return
  }
  await c.hook('attempt-written', row.id)
  // Pockyt closes an unpaid transaction itself after `timeoutMinutes` (default 120): keep it short, so
  // an attempt left `init` (a refused pay, an add we never heard back from) closes within minutes anyway.
  const add = { amountMinor: row.amount_minor, currency: row.currency, reference: row.reference, timeoutMinutes: 15 }
  const request = { op: 'add', ...add }
  const pending = c.client.add(add)
  await c.hook('add-in-flight', row.id)
  let out = await pending
  await c.hook('add-answered', row.id)
  row = c.record(row, {}, { kind: 'call', request, answer: summarizeOutcome(out) })
  for (let probe = 0; out.kind === 'unknown' && probe < (c.o.addProbeAttempts ?? 3); probe++) {
    await c.nap(runner, 1000)
    const q = await c.query(row)
    row = q.row
    if (q.out && (q.out.kind === 'ok' || isNotFound(q.out))) out = q.out // found it, or it never landed
  }
  if (out.kind === 'ok') {
    if (out.value.reference !== undefined && out.value.reference !== row.reference) {
      c.move(row, 'reversing', { last_error: 'Pockyt answered add for another reference' })
      return
    }
    c.move(row, 'awaiting_code', { transaction_no: out.value.transactionNo, remote_status: out.value.status })
  } else if (out.kind === 'rejected') {
    const reason = c.errorText(out)
    c.move(row, 'failed', {
      last_error: reason,
      decline_reason: `Pockyt could not create the transaction (${out.retCode})`
    })
  } else {
    // Still unknown: let the background close whatever may exist; the cashier may try again now.
    c.move(row, 'reversing', { last_error: c.errorText(out) }, { kind: 'note', note: 'add outcome unknown' })
  }
}

export async function stepAwaitCode(c: RunnerContext, runner: Runner, row: PaymentRow) {
  if (runner.resumed || row.cancel_requested_at !== null) {
    c.move(
      row,
      'reversing',
      {},
      { kind: 'note', note: runner.resumed ? 'resumed after restart' : 'cancelled by the cashier' }
    )
    return
  }
  if (runner.code === undefined) {
    // Nobody scans for a long time (the cashier walked away): close the transaction, free the till.
    const left = AWAIT_CODE_TIMEOUT_MS - (c.clock.now() - row.created_at)
    if (left <= 0) {
      c.move(row, 'reversing', {}, { kind: 'note', note: 'no code scanned in time' })
      return
    }
    await c.nap(runner, left) // woken by a code or a cancel
    return
  }
  const code = runner.code
  runner.code = undefined
  const vendor = c.o.detectVendor?.(code)
  // Announce before sending: after a crash from here on, pay is never re-sent, only queried.
  row = c.move(
    row,
    'prepay_sent',
    { pay_sent_at: c.clock.now(), code_masked: maskCode(code), code_last4: last4(code), vendor: vendor ?? null },
    {
      kind: 'transition',
      request: { op: 'pay', transactionNo: row.transaction_no, paymentBarcode: maskCode(code), vendor }
    }
  )
  runner.accepted?.resolve(paymentView(row))
  runner.accepted = undefined
  await c.hook('pay-announced', row.id)
  const pending = c.client.pay({
    transactionNo: row.transaction_no!,
    paymentBarcode: code,
    ...(vendor ? { vendor } : {})
  })
  await c.hook('pay-in-flight', row.id)
  const out = await pending
  await c.hook('pay-answered', row.id)
  const keep = [row.transaction_no]
  const entry: JournalEntry = {
    kind: 'call',
    request: { op: 'pay', transactionNo: row.transaction_no, paymentBarcode: maskCode(code) },
    answer: summarizeOutcome(out, keep)
  }
  if (out.kind === 'ok' && c.belongs(row, out.value)) {
    const status = out.value.status
    const final = TERMINAL_FINAL_FROM_REMOTE[status]
    if (final) {
      c.move(
        row,
        final,
        { remote_status: status, ...(final === 'failed' ? { decline_reason: c.declineText(status) } : {}) },
        entry
      )
      c.checkAmount(row, out.value)
    } else {
      c.move(row, 'pending', { remote_status: status }, entry)
    }
  } else if (out.kind === 'rejected') {
    c.move(
      row,
      'failed',
      {
        last_error: c.errorText(out, keep),
        decline_reason: `${scrub(out.retMsg, keep).trim() || 'refused'} (${out.retCode})`
      },
      entry
    )
  } else {
    // Unknown (or an answer that is not ours): never re-send pay; tran-query decides.
    c.move(row, 'pending', { last_error: c.errorText(out, keep) }, entry)
  }
}

export async function stepPrepaySent(c: RunnerContext, row: PaymentRow) {
  // Only after a restart (a live runner moves on within one step): the pay outcome is unknown.
  c.move(row, 'pending', {}, { kind: 'note', note: 'resumed after restart: pay outcome unknown, querying' })
}

export async function stepPending(c: RunnerContext, runner: Runner, row: PaymentRow) {
  if (row.cancel_requested_at !== null) {
    c.move(row, 'reversing', {}, { kind: 'note', note: 'cancelled by the cashier' })
    return
  }
  const timeoutMs = (runner.timeoutMs ??= c.timeoutMs())
  const sincePay = c.clock.now() - (row.pay_sent_at ?? row.created_at)
  // Resumed after a restart: ask first, even past the timeout (the customer may have paid meanwhile).
  const firstAfterResume = runner.resumed && runner.lastPollAt === undefined
  if (sincePay >= timeoutMs && !firstAfterResume) {
    c.move(row, 'reversing', {}, { kind: 'note', note: `not confirmed within ${Math.round(timeoutMs / 1000)} s` })
    return
  }
  if (!firstAfterResume) {
    const sinceLastPoll = runner.lastPollAt === undefined ? 0 : c.clock.now() - runner.lastPollAt
    const delay = Math.max(0, nextPollDelay(sincePay) - sinceLastPoll)
    if (!(await c.nap(runner, Math.min(delay, timeoutMs - sincePay)))) return
    if (c.clock.now() - (row.pay_sent_at ?? row.created_at) >= timeoutMs) return // the timeout is handled above
  }
  const pollStart = c.clock.now()
  const q = await c.query(row)
  if (q.waitMs === 0) runner.lastPollAt = pollStart
  if (q.waitMs > 0) {
    // Rate limited: wait, but never past the timeout (a resumed payment is queried first regardless).
    const left = timeoutMs - (c.clock.now() - (row.pay_sent_at ?? row.created_at))
    await c.nap(runner, firstAfterResume ? q.waitMs : Math.min(q.waitMs, left))
    return
  }
  row = q.row
  if (q.out && isNotFound(q.out) && c.notFoundIsFinal()) {
    c.move(row, 'reversing', {}, { kind: 'note', note: 'Pockyt has no record of this transaction' })
    return
  }
  if (q.out?.kind !== 'ok') return
  const t = q.out.value
  const final = TERMINAL_FINAL_FROM_REMOTE[t.status]
  if (final) {
    c.move(row, final, final === 'failed' ? { decline_reason: c.declineText(t.status) } : {})
    c.checkAmount(row, t)
  } else if (t.status === 'init') {
    // The code never reached the wallet: close this transaction; a new attempt is then allowed.
    c.move(
      row,
      'reversing',
      {},
      { kind: 'note', note: 'Pockyt still says init after pay: the code never reached the wallet' }
    )
  }
}

export async function stepReversing(c: RunnerContext, runner: Runner, row: PaymentRow) {
  if (row.transaction_no === null) {
    // We never learned the transactionNo: ask by reference whether the add landed at all.
    const q = await c.query(row)
    if (q.waitMs > 0) return void (await c.nap(runner, q.waitMs))
    if (q.out && isNotFound(q.out)) {
      c.move(
        q.row,
        'cancelled',
        { last_error: null },
        { kind: 'note', note: 'Pockyt has no such transaction: nothing to cancel' }
      )
    } else if (q.out?.kind !== 'ok') {
      await c.nap(runner, cancelBackoff(q.row.query_count))
    }
    return
  }
  if (row.cancel_landed_at === null) {
    if (row.cancel_attempts > 0 && !(await c.nap(runner, cancelBackoff(row.cancel_attempts)))) return
    row = c.record(row, { cancel_attempts: row.cancel_attempts + 1 }, { kind: 'note', note: 'sending cancel' })
    const request = { op: 'cancel', transactionNo: row.transaction_no }
    const pending = c.client.cancel({ transactionNo: row.transaction_no! })
    await c.hook('cancel-in-flight', row.id)
    const out = await pending
    const keep = [row.transaction_no]
    const entry: JournalEntry = { kind: 'call', request, answer: summarizeOutcome(out, keep) }
    if (out.kind === 'ok') {
      row = c.record(row, { cancel_landed_at: c.clock.now(), remote_status: out.value.status, last_error: null }, entry)
    } else if (out.kind === 'rejected') {
      // Often "already final" (paid, closed): the query below tells which.
      row = c.record(row, { last_error: c.errorText(out, keep) }, entry)
    } else {
      c.record(row, { last_error: c.errorText(out, keep) }, entry)
      return
    }
  } else if (!(await c.nap(runner, SLOW_POLL_MS))) {
    return
  }
  const q = await c.query(row)
  if (q.waitMs > 0) return void (await c.nap(runner, q.waitMs))
  row = q.row
  if (q.out && isNotFound(q.out) && (row.pay_sent_at === null || c.notFoundIsFinal())) {
    // No such transaction at Pockyt: no code ever reached it (or Training's simulator forgot it).
    c.move(row, 'cancelled', { last_error: null }, { kind: 'note', note: 'Pockyt has no record of this transaction' })
    return
  }
  if (q.out?.kind !== 'ok') return
  const t = q.out.value
  if (t.status === 'success') {
    c.move(row, 'succeeded', { last_error: null }, { kind: 'note', note: 'the customer paid before the cancel landed' })
    c.checkAmount(row, t)
  } else if (t.status === 'failed' || t.status === 'fail') {
    c.move(row, 'failed', { decline_reason: c.declineText(t.status), last_error: null })
  } else if (t.status === 'closed' || t.status === 'reversed') {
    c.move(row, row.pay_sent_at === null ? 'cancelled' : 'reversed', { last_error: null })
  } else if (row.cancel_landed_at === null) {
    // The cancel was refused but the transaction is still open: try the cancel again after a pause.
    await c.nap(runner, cancelBackoff(row.cancel_attempts))
  }
}
