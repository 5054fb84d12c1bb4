/**
 * The engine driven through the other half's simulator (Training mode's in-process client) with a
 * manual clock: every scenario code 901..909 ends in the right final state, the simulator and the ledger
 * agree on what was paid, and nothing is paid twice.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { PaymentView } from '../../main/core/payment/payment-view'
import type { TrainingClient } from '../../main/core/pockyt/training'
import { code, makeCheckout, manualClock, runUntil } from './helpers'

const ctx = { window: 'cashier' as const }
let env: Awaited<ReturnType<typeof makeCheckout>> | undefined
afterEach(async () => {
  await env?.close()
  env = undefined
})

async function pay(suffix: string) {
  const clock = manualClock()
  env = await makeCheckout({ clock })
  const sim = (env.checkout.switchable.current().client as TrainingClient).simulator
  const sale = await env.sale(1999, 825)
  const h = env.checkout.handlers
  const accepted = h['payment:submitCode']({ saleId: sale.id, code: code(suffix) }, ctx) as Promise<PaymentView>
  await runUntil(
    clock,
    () => env!.checkout.engine.running().length === 0 || env!.checkout.engine.current()?.state === 'pending'
  )
  const first = await accepted
  await runUntil(clock, () => env!.checkout.engine.get(first.id).final, 200_000)
  return { clock, sim, sale, h, payment: env.checkout.engine.get(first.id) }
}

const paidAtSim = (sim: TrainingClient['simulator']) => sim.state.paid()

describe('engine x simulator scenarios', () => {
  it.each([
    ['000', 'succeeded', 'plain success'],
    ['901', 'succeeded', 'pending, confirmed after 5 s'],
    ['902', 'failed', 'declined'],
    ['903', 'reversed', 'never confirmed: cancelled at the timeout'],
    ['904', 'failed', 'customer cancels in the wallet (closed)'],
    ['905', 'succeeded', 'paid, answer lost: query finds it'],
    ['906', 'reversed', 'pay not processed (503): init, cancelled'],
    ['907', 'succeeded', 'malformed answer: query finds it paid'],
    ['908', 'succeeded', 'late answer (15 s)'],
    ['909', 'succeeded', 'flaky queries, confirmed after 8 s']
  ])('%s -> %s (%s)', async (suffix, expected) => {
    const { sim, payment, sale, h } = await pay(suffix)
    expect(payment.state).toBe(expected)
    expect(payment.unresolved).toBe(false)
    const paid = paidAtSim(sim)
    if (expected === 'succeeded') {
      expect(paid).toHaveLength(1)
      expect(paid[0]).toMatchObject({
        transactionNo: payment.transactionNo,
        reference: payment.reference,
        amountMinor: 2164
      })
      expect(h['sale:get']({ saleId: sale.id }, ctx)).toMatchObject({ status: 'paid' })
    } else {
      expect(paid).toHaveLength(0)
      expect(h['sale:get']({ saleId: sale.id }, ctx)).toMatchObject({ status: 'draft' })
    }
    // Pockyt agrees that nothing is left open.
    for (const t of sim.state.list()) expect(['success', 'failed', 'closed', 'reversed']).toContain(t.status)
  })

  it('after 906 (not processed) the cashier scans again and the sale is paid exactly once', async () => {
    const { clock, sim, sale, h } = await pay('906')
    const again = (await h['payment:submitCode']({ saleId: sale.id, code: code('000') }, ctx)) as PaymentView
    await runUntil(clock, () => env!.checkout.engine.get(again.id).final)
    expect(env!.checkout.engine.get(again.id).state).toBe('succeeded')
    expect(paidAtSim(sim)).toHaveLength(1)
    expect(sim.state.list()).toHaveLength(2)
  })
})
