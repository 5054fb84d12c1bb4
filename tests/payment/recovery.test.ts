import { afterEach, describe, expect, it } from 'vitest'
import type { HookPoint } from '../../main/core/payment/engine'
import type { PaymentView } from '../../main/core/payment/payment-view'
import { FakePockyt, makeCheckout, manualClock, runUntil } from './helpers'

const ctx = { window: 'cashier' as const }
const CODE = '134668918993771844'
const cleanup: Array<() => Promise<void>> = []
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!()
})

/**
 * Runs a payment until the engine reaches `point`, "crashes" there (the runner never continues and the
 * ledger is closed under it), then starts a fresh app on the same ledger and lets recovery finish.
 */
async function crashAt(point: HookPoint, opts: { payStatus?: 'success' | 'pending'; nth?: number } = {}) {
  const clock = manualClock()
  const fake = new FakePockyt(clock)
  fake.payStatus = () => opts.payStatus ?? 'success'
  let seen = 0
  let crashed = false
  const first = await makeCheckout({
    clock,
    pockytClient: fake,
    paymentTimeoutMs: 5000,
    hook: (p) => {
      if (p !== point || ++seen < (opts.nth ?? 1)) return
      crashed = true
      return new Promise<void>(() => {}) // frozen for ever: the process "died" here
    }
  })
  const sale = await first.sale()
  const accepted = first.checkout.handlers['payment:submitCode'](
    { saleId: sale.id, code: CODE },
    ctx
  ) as Promise<PaymentView>
  accepted.catch(() => {})
  await runUntil(clock, () => crashed, 120_000)
  await first.close(false, 0)

  const second = await makeCheckout({ clock, pockytClient: fake, dir: first.dir, paymentTimeoutMs: 5000 })
  cleanup.push(() => second.close())
  expect(second.checkout.resumed).toEqual([1])
  await runUntil(clock, () => second.checkout.engine.get(1).final, 300_000)
  return { clock, fake, second, sale, payment: second.checkout.engine.get(1) }
}

describe('recovery after a crash at each step boundary', () => {
  it('attempt written, add never sent: nothing at Pockyt, cancelled', async () => {
    const { fake, payment, second, sale } = await crashAt('attempt-written')
    expect(fake.txs.size).toBe(0)
    expect(payment.state).toBe('cancelled')
    expect((await second.checkout.handlers['sale:get']({ saleId: sale.id }, ctx)).status).toBe('draft')
  })

  it('add answered but not recorded: found by reference and cancelled', async () => {
    const { fake, payment } = await crashAt('add-answered')
    expect(payment).toMatchObject({ state: 'cancelled', transactionNo: fake.only().transactionNo })
    expect(fake.only().status).toBe('closed')
  })

  it('pay announced but never sent: query says init, cancelled; the sale can be paid again, once', async () => {
    const { clock, fake, payment, second, sale } = await crashAt('pay-announced')
    expect(payment.state).toBe('reversed')
    expect(fake.count('pay')).toBe(0)
    expect(fake.only().status).toBe('closed')
    const h = second.checkout.handlers
    const again = (await h['payment:submitCode']({ saleId: sale.id, code: CODE }, ctx)) as PaymentView
    const engine = second.checkout.engine
    await runUntil(clock, () => engine.get(again.id).final)
    expect(engine.get(again.id).state).toBe('succeeded')
    expect([...fake.txs.values()].filter((t) => t.status === 'success')).toHaveLength(1)
  })

  it('pay answered (paid) but not recorded: never re-sent, the query finds it paid', async () => {
    const { fake, payment } = await crashAt('pay-answered')
    expect(payment.state).toBe('succeeded')
    expect(fake.count('pay')).toBe(1)
  })

  it('while polling a pending payment: polling resumes and, past the timeout, cancels', async () => {
    const { fake, payment } = await crashAt('query-answered', { payStatus: 'pending', nth: 2 })
    expect(payment.state).toBe('reversed')
    expect(fake.only().status).toBe('closed')
    expect(fake.count('pay')).toBe(1)
  })

  it('with cancel in flight: the cancel is sent again (harmless) and the outcome queried', async () => {
    const { fake, payment } = await crashAt('cancel-in-flight', { payStatus: 'pending' })
    expect(payment.state).toBe('reversed')
    expect(fake.count('cancel')).toBe(2)
  })
})

describe('periodic sweep', () => {
  it('resumes, every few minutes, a non-final payment that no runner drives', async () => {
    const clock = manualClock()
    const fake = new FakePockyt(clock)
    const env = await makeCheckout({ clock, pockytClient: fake, sweepIntervalMs: 180_000 })
    cleanup.push(() => env.close())
    const sale = await env.sale()
    // A payment left pending with nobody driving it (as after a runner died), paid at Pockyt meanwhile.
    const tx = fake.doAdd({ amountMinor: sale.totals.totalMinor, reference: 'QTRAINT1-sweep-1' })
    fake.doPay({ transactionNo: tx.transactionNo, paymentBarcode: CODE })
    const db = env.checkout.ledger.db
    const t0 = clock.now()
    db.prepare(`UPDATE sales SET status = 'open' WHERE id = ?`).run(sale.id)
    db.prepare(
      `INSERT INTO payments (sale_id, terminal_id, reference, transaction_no, state, amount_minor, currency, created_at, updated_at, pay_sent_at)
       VALUES (?, 'T1', 'QTRAINT1-sweep-1', ?, 'pending', ?, 'USD', ?, ?, ?)`
    ).run(sale.id, tx.transactionNo, sale.totals.totalMinor, t0, t0, t0)
    await clock.advance(170_000)
    expect(fake.count('query')).toBe(0)
    await runUntil(clock, () => env.checkout.engine.get(1).final, 60_000, 1000)
    expect(clock.now() - t0).toBeGreaterThanOrEqual(180_000)
    expect(env.checkout.engine.get(1).state).toBe('succeeded')
    expect(env.checkout.handlers['sale:get']({ saleId: sale.id }, ctx)).toMatchObject({ status: 'paid' })
  })
})

describe('Training mode restart', () => {
  it('a payment pending when the app stopped ends cancelled: the in-process simulator forgot it', async () => {
    const clock = manualClock()
    let stop = false
    const first = await makeCheckout({
      clock,
      hook: (p) => (p === 'query-answered' ? ((stop = true), new Promise<void>(() => {})) : undefined)
    })
    const sale = await first.sale()
    void (first.checkout.handlers['payment:submitCode'](
      { saleId: sale.id, code: '134668918993771903' },
      ctx
    ) as Promise<unknown>)
    await runUntil(clock, () => stop)
    await first.close(false, 0)
    const second = await makeCheckout({ clock, dir: first.dir })
    cleanup.push(() => second.close())
    await runUntil(clock, () => second.checkout.engine.get(1).final)
    expect(second.checkout.engine.get(1)).toMatchObject({ state: 'cancelled', unresolved: false })
    expect(second.checkout.handlers['sale:get']({ saleId: sale.id }, ctx)).toMatchObject({ status: 'draft' })
  })
})
