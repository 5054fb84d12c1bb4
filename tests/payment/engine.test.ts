import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  FakePockyt,
  makeCheckout,
  manualClock,
  rejected,
  runUntil,
  settle,
  unknownOutcome,
  type ManualClock
} from './helpers'
import { REFERENCE_PATTERN } from '../../main/core/payment/reference'
import type { PaymentView } from '../../main/core/payment/payment-view'

const CODE = '134668918993771844'
const ctx = { window: 'cashier' as const }

let env: Awaited<ReturnType<typeof makeCheckout>> | undefined
afterEach(async () => {
  await env?.close()
  env = undefined
})

async function setup(opts: { timeoutMs?: number; script?: (f: FakePockyt) => void } = {}) {
  const clock = manualClock()
  const fake = new FakePockyt(clock)
  opts.script?.(fake)
  env = await makeCheckout({ clock, pockytClient: fake, paymentTimeoutMs: opts.timeoutMs })
  const sale = await env.sale(1000, 825) // 10.00 + 8.25% = 10.83
  const h = env.checkout.handlers
  const payments = () => env!.checkout.engine
  const final = (id: number) => () => env!.checkout.engine.get(id).final
  return { clock, fake, env, sale, h, payments, final }
}

const states = (seen: { name: string; payload: unknown }[], id: number) =>
  seen
    .filter((e) => e.name === 'payment:changed' && (e.payload as PaymentView).id === id)
    .map((e) => (e.payload as PaymentView).state)
    .filter((s, i, a) => i === 0 || a[i - 1] !== s)

async function scan(h: Awaited<ReturnType<typeof setup>>['h'], clock: ManualClock, saleId: number, code = CODE) {
  const accepted = h['payment:submitCode']({ saleId, code }, ctx) as Promise<PaymentView>
  await runUntil(clock, () => true)
  return accepted
}

describe('payment engine (scripted Pockyt)', () => {
  it('pays: each transition journaled, sale paid, one add and one pay, the full code stored nowhere', async () => {
    const { clock, fake, env, sale, h } = await setup()
    const started = h['payment:start']({ saleId: sale.id }, ctx) as PaymentView
    expect(started.state).toBe('created')
    expect(started.reference).toMatch(REFERENCE_PATTERN)
    expect(started.amountMinor).toBe(1083)
    await runUntil(clock, () => env.checkout.engine.get(started.id).state === 'awaiting_code')
    const accepted = await scan(h, clock, sale.id)
    expect(accepted.state).toBe('prepay_sent')
    await runUntil(clock, () => env.checkout.engine.get(started.id).final)
    const p = env.checkout.engine.get(started.id)
    expect(p.state).toBe('succeeded')
    expect(p.codeMasked).toBe('**************1844')
    expect(p.transactionNo).toBe(fake.only().transactionNo)
    expect(states(env.seen, p.id)).toEqual(['created', 'awaiting_code', 'prepay_sent', 'succeeded'])
    expect((await h['sale:get']({ saleId: sale.id }, ctx)).status).toBe('paid')
    expect([fake.count('add'), fake.count('pay'), fake.count('query')]).toEqual([1, 1, 0])
    // Pockyt closes the transaction by itself if it is ever left unpaid
    expect(fake.calls[0]!.req).toMatchObject({ amountMinor: 1083, reference: p.reference, timeoutMinutes: 15 })
    const journal = env.checkout.ledger.db
      .prepare(
        `SELECT kind, from_state, to_state, request, answer FROM payment_events WHERE payment_id = ? ORDER BY id`
      )
      .all(p.id) as { kind: string; to_state: string | null; request: string | null }[]
    expect(journal.filter((j) => j.kind === 'transition').map((j) => j.to_state)).toEqual([
      'created',
      'awaiting_code',
      'prepay_sent',
      'succeeded'
    ])
    // The code never reaches the disk: not in the journal, not in any ledger file.
    env.checkout.ledger.db.pragma('wal_checkpoint(FULL)')
    for (const f of readdirSync(env.dir)) expect(readFileSync(join(env.dir, f)).includes(CODE)).toBe(false)
    expect(JSON.stringify(journal)).not.toContain(CODE)
  })

  it('one-scan checkout: a code for a draft sale starts the attempt and pays it', async () => {
    const { clock, fake, env, sale, h } = await setup()
    const accepted = await scan(h, clock, sale.id)
    await runUntil(clock, () => env.checkout.engine.get(accepted.id).final)
    expect(env.checkout.engine.get(accepted.id).state).toBe('succeeded')
    expect([fake.count('add'), fake.count('pay')]).toEqual([1, 1])
  })

  it('a decline fails the attempt; scanning again is a new attempt (new add, new reference)', async () => {
    const { clock, fake, env, sale, h } = await setup()
    fake.payStatus = (c) => (c.endsWith('902') ? 'failed' : 'success')
    const first = await scan(h, clock, sale.id, '134668918993771902')
    await runUntil(clock, () => env.checkout.engine.get(first.id).final)
    const failed = env.checkout.engine.get(first.id)
    expect(failed.state).toBe('failed')
    expect(failed.message).toMatch(/declined/)
    expect((await h['sale:get']({ saleId: sale.id }, ctx)).status).toBe('draft')
    const second = await scan(h, clock, sale.id)
    await runUntil(clock, () => env.checkout.engine.get(second.id).final)
    expect(env.checkout.engine.get(second.id).state).toBe('succeeded')
    expect(second.reference).not.toBe(first.reference)
    expect(fake.count('add')).toBe(2)
    expect(
      fake.calls.filter((c) => c.op === 'pay').map((c) => (c.req as { transactionNo: string }).transactionNo)
    ).toEqual([failed.transactionNo, env.checkout.engine.get(second.id).transactionNo])
  })

  it('an unknown pay is never re-sent: tran-query decides (paid -> succeeded)', async () => {
    const { clock, fake, env, sale, h } = await setup({
      script: (f) => f.script('pay', (req, fk) => (fk.doPay(req as never), unknownOutcome()))
    })
    const p = await scan(h, clock, sale.id)
    await runUntil(clock, () => env.checkout.engine.get(p.id).final)
    expect(env.checkout.engine.get(p.id).state).toBe('succeeded')
    expect(fake.count('pay')).toBe(1)
    expect(fake.count('query')).toBeGreaterThanOrEqual(1)
  })

  it('an unknown pay that never reached the wallet (init) is cancelled; a new attempt is then allowed', async () => {
    const { clock, fake, env, sale, h } = await setup({ script: (f) => f.script('pay', () => unknownOutcome('503')) })
    const p = await scan(h, clock, sale.id)
    await runUntil(clock, () => env.checkout.engine.get(p.id).final)
    expect(env.checkout.engine.get(p.id).state).toBe('reversed')
    expect(fake.only().status).toBe('closed')
    expect(fake.count('cancel')).toBe(1)
    const again = await scan(h, clock, sale.id)
    await runUntil(clock, () => env.checkout.engine.get(again.id).final)
    expect(env.checkout.engine.get(again.id).state).toBe('succeeded')
    expect(fake.count('pay')).toBe(2)
  })

  it('polls ~1 s apart for 10 s, then 2.5 s, at most 25 a minute; times out at 60 s, cancels, queries to final', async () => {
    const { clock, fake, env, sale, h } = await setup()
    fake.payStatus = () => 'pending'
    const p = await scan(h, clock, sale.id)
    await runUntil(clock, () => env.checkout.engine.get(p.id).final)
    const view = env.checkout.engine.get(p.id)
    expect(view.state).toBe('reversed')
    const queries = fake.calls.filter((c) => c.op === 'query').map((c) => c.at - view.paySentAt!)
    const cancelAt = fake.calls.find((c) => c.op === 'cancel')!.at - view.paySentAt!
    expect(queries[0]).toBeGreaterThanOrEqual(900)
    expect(queries[0]).toBeLessThanOrEqual(1200)
    const gaps = queries.slice(1).map((t, i) => t - queries[i]!)
    const early = gaps.filter((_, i) => queries[i + 1]! <= 10_000)
    expect(Math.max(...early)).toBeLessThanOrEqual(1200)
    const late = gaps.filter((_, i) => queries[i]! >= 10_000 && queries[i + 1]! < cancelAt)
    expect(Math.min(...late)).toBeGreaterThanOrEqual(2000)
    for (const t of queries) expect(queries.filter((u) => u >= t && u < t + 60_000).length).toBeLessThanOrEqual(25)
    expect(cancelAt).toBeGreaterThanOrEqual(60_000)
    expect(cancelAt).toBeLessThan(61_000)
    expect(queries.some((t) => t > cancelAt)).toBe(true) // queried until final after the cancel
    expect(fake.only().status).toBe('closed')
  })

  it('a customer who pays just before the cancel lands ends succeeded, and is never charged again', async () => {
    const { clock, fake, env, sale, h } = await setup({ timeoutMs: 5000 })
    fake.payStatus = () => 'pending'
    // The customer confirms as the cancel arrives; Pockyt refuses to cancel a paid transaction.
    fake.script('cancel', (_req, fk) => {
      fk.only().status = 'success'
      return rejected('000040', 'transaction is success')
    })
    const p = await scan(h, clock, sale.id)
    await runUntil(clock, () => env.checkout.engine.get(p.id).final)
    expect(env.checkout.engine.get(p.id).state).toBe('succeeded')
    expect(fake.count('pay')).toBe(1)
    expect((await h['sale:get']({ saleId: sale.id }, ctx)).status).toBe('paid')
    expect(() => h['payment:start']({ saleId: sale.id }, ctx)).toThrow(expect.objectContaining({ code: 'CONFLICT' }))
  })

  it('a failing cancel is retried with backoff and shows as unresolved until it lands', async () => {
    const { clock, fake, env, sale, h } = await setup({ timeoutMs: 3000 })
    fake.payStatus = () => 'pending'
    fake
      .script('cancel', () => unknownOutcome())
      .script('cancel', () => unknownOutcome())
      .script('cancel', () => unknownOutcome())
    const p = await scan(h, clock, sale.id)
    await runUntil(clock, () => fake.count('cancel') === 2)
    const mid = env.checkout.engine.get(p.id)
    expect(mid.state).toBe('reversing')
    expect(mid.unresolved).toBe(true)
    expect(mid.message).toMatch(/Unresolved/)
    // the sale stays locked: the payment may still take money
    expect(() => h['sale:clear']({ saleId: sale.id }, ctx)).toThrow(
      expect.objectContaining({ code: 'PAYMENT_IN_PROGRESS' })
    )
    await runUntil(clock, () => env.checkout.engine.get(p.id).final)
    const cancels = fake.calls.filter((c) => c.op === 'cancel').map((c) => c.at)
    expect(cancels).toHaveLength(4)
    expect(cancels[1]! - cancels[0]!).toBeGreaterThanOrEqual(1000)
    expect(cancels[2]! - cancels[1]!).toBeGreaterThanOrEqual(2000)
    expect(cancels[3]! - cancels[2]!).toBeGreaterThanOrEqual(4000)
    expect(env.checkout.engine.get(p.id)).toMatchObject({ state: 'reversed', unresolved: false })
  })

  it('the cashier cancels while waiting for the code: the init transaction is cancelled', async () => {
    const { clock, fake, env, sale, h } = await setup()
    const p = h['payment:start']({ saleId: sale.id }, ctx) as PaymentView
    await runUntil(clock, () => env.checkout.engine.get(p.id).state === 'awaiting_code')
    h['payment:cancel']({ paymentId: p.id }, ctx)
    await runUntil(clock, () => env.checkout.engine.get(p.id).final)
    expect(env.checkout.engine.get(p.id).state).toBe('cancelled')
    expect(fake.only().status).toBe('closed')
    expect(fake.count('pay')).toBe(0)
    expect((await h['sale:get']({ saleId: sale.id }, ctx)).status).toBe('draft')
  })

  it('the cashier cancels while add is in flight: the transaction is cancelled once add answers', async () => {
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const { clock, fake, env, sale, h } = await setup()
    const original = fake.add.bind(fake)
    fake.add = async (req) => {
      await gate
      return original(req)
    }
    const p = h['payment:start']({ saleId: sale.id }, ctx) as PaymentView
    await settle()
    h['payment:cancel']({ paymentId: p.id }, ctx)
    release()
    await runUntil(clock, () => env.checkout.engine.get(p.id).final)
    expect(env.checkout.engine.get(p.id).state).toBe('cancelled')
    expect(fake.only().status).toBe('closed')
  })

  it('the cashier cancels while the customer is confirming: cancel, then query to final', async () => {
    const { clock, fake, env, sale, h } = await setup()
    fake.payStatus = () => 'pending'
    const p = await scan(h, clock, sale.id)
    await runUntil(clock, () => fake.count('query') >= 2)
    h['payment:cancel']({ paymentId: p.id }, ctx)
    await runUntil(clock, () => env.checkout.engine.get(p.id).final)
    expect(env.checkout.engine.get(p.id).state).toBe('reversed')
    expect(fake.count('cancel')).toBe(1)
  })

  it('add refused: failed with a reason; add unknown and absent at Pockyt: failed; add unknown but landed: goes on', async () => {
    const { clock, fake, env, sale, h } = await setup({
      script: (f) =>
        f
          .script('add', () => rejected('000023', 'amount invalid'))
          .script('add', () => unknownOutcome())
          .script('add', (req, fk) => (fk.doAdd(req as never), unknownOutcome()))
    })
    const a = h['payment:start']({ saleId: sale.id }, ctx) as PaymentView
    await runUntil(clock, () => env.checkout.engine.get(a.id).final)
    expect(env.checkout.engine.get(a.id)).toMatchObject({
      state: 'failed',
      declineReason: expect.stringContaining('000023')
    })
    const b = h['payment:start']({ saleId: sale.id }, ctx) as PaymentView
    await runUntil(clock, () => env.checkout.engine.get(b.id).final)
    expect(env.checkout.engine.get(b.id).state).toBe('failed')
    const c = await scan(h, clock, sale.id)
    await runUntil(clock, () => env.checkout.engine.get(c.id).final)
    expect(env.checkout.engine.get(c.id).state).toBe('succeeded')
    expect(fake.count('pay')).toBe(1)
  })

  it('one payment in progress per terminal, enforced by the engine and by the database', async () => {
    const { clock, env, sale, h } = await setup()
    const p = h['payment:start']({ saleId: sale.id }, ctx) as PaymentView
    await runUntil(clock, () => env.checkout.engine.get(p.id).state === 'awaiting_code')
    expect(() => h['payment:start']({ saleId: sale.id }, ctx)).toThrow(
      expect.objectContaining({ code: 'PAYMENT_IN_PROGRESS' })
    )
    const db = env.checkout.ledger.db
    const other = db.prepare(`INSERT INTO sales (terminal_id, created_at, updated_at) VALUES ('T1', 0, 0)`).run()
    expect(() =>
      db
        .prepare(
          `INSERT INTO payments (sale_id, terminal_id, reference, state, amount_minor, currency, created_at, updated_at)
           VALUES (?, 'T1', 'Qx-1', 'created', 100, 'USD', 0, 0)`
        )
        .run(other.lastInsertRowid)
    ).toThrow(/UNIQUE/)
  })

  it('ignores an answer about another transaction', async () => {
    const { clock, fake, env, sale, h } = await setup()
    fake.payStatus = () => 'pending'
    fake.script('query', () => ({
      kind: 'ok',
      value: { transactionNo: '999999999999999999', amountMinor: 1083, currency: 'USD', status: 'success' }
    }))
    const p = await scan(h, clock, sale.id)
    await runUntil(clock, () => fake.count('query') === 1)
    expect(env.checkout.engine.get(p.id).state).toBe('pending')
    fake.only().status = 'success'
    await runUntil(clock, () => env.checkout.engine.get(p.id).final)
    expect(env.checkout.engine.get(p.id).state).toBe('succeeded')
  })
})

describe('waiting for the code', () => {
  it('closes the transaction and frees the till when no code is scanned for 10 minutes', async () => {
    const clock = manualClock()
    const fake = new FakePockyt(clock)
    env = await makeCheckout({ clock, pockytClient: fake })
    const sale = await env.sale()
    const p = env.checkout.handlers['payment:start']({ saleId: sale.id }, ctx) as PaymentView
    await runUntil(clock, () => env!.checkout.engine.get(p.id).state === 'awaiting_code')
    await clock.advance(9 * 60_000)
    expect(env.checkout.engine.get(p.id).state).toBe('awaiting_code')
    await runUntil(clock, () => env!.checkout.engine.get(p.id).final, 120_000, 1000)
    expect(env.checkout.engine.get(p.id).state).toBe('cancelled')
    expect(fake.only().status).toBe('closed')
    expect(env.checkout.engine.current()).toBeNull()
  })
})
