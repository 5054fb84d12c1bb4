/**
 * The payment timeout comes from Settings through a getter: a change applies to the next payment, and a
 * payment already waiting keeps the timeout it started with.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { FakePockyt, makeCheckout, manualClock, runUntil } from './helpers'
import type { PaymentView } from '../../main/core/payment/payment-view'

const ctx = { window: 'cashier' as const }
let env: Awaited<ReturnType<typeof makeCheckout>> | undefined
afterEach(async () => {
  await env?.close()
  env = undefined
})

describe('payment timeout from Settings', () => {
  it('a change applies to new payments; the one waiting keeps its own', async () => {
    const clock = manualClock()
    const fake = new FakePockyt(clock)
    fake.payStatus = () => 'pending'
    let timeoutMs = 20_000
    env = await makeCheckout({ clock, pockytClient: fake, paymentTimeoutMs: () => timeoutMs })
    const sale = await env.sale(1000, 0)
    const h = env.checkout.handlers
    const engine = env.checkout.engine

    const pay = async () => {
      const accepted = h['payment:submitCode'](
        { saleId: sale.id, code: '134668918993771844' },
        ctx
      ) as Promise<PaymentView>
      await runUntil(clock, () => true)
      const p = await accepted
      await runUntil(clock, () => fake.calls.some((c) => c.op === 'query' && c.at > p.paySentAt!))
      return p
    }
    /** From `pay` to the first cancel of this payment's transaction. */
    const cancelledAfter = (p: PaymentView) => {
      const no = engine.get(p.id).transactionNo
      const cancel = fake.calls.find(
        (c) => c.op === 'cancel' && (c.req as { transactionNo?: string }).transactionNo === no
      )!
      return cancel.at - engine.get(p.id).paySentAt!
    }

    const first = await pay()
    timeoutMs = 5_000 // saved in Settings while the first payment waits
    await runUntil(clock, () => engine.get(first.id).final)
    expect(cancelledAfter(first)).toBeGreaterThanOrEqual(20_000)
    expect(cancelledAfter(first)).toBeLessThan(21_000)

    const second = await pay()
    await runUntil(clock, () => engine.get(second.id).final)
    expect(cancelledAfter(second)).toBeGreaterThanOrEqual(5_000)
    expect(cancelledAfter(second)).toBeLessThan(6_000)
  })
})
