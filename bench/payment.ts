/**
 * The payment engine's own latency, end to end through the router, a real ledger file (WAL,
 * synchronous=FULL) and the real HTTP client against the simulator on 127.0.0.1:
 *  1. "scanned code submitted" (router call) -> the `pay` request reaching the simulator's handler
 *     (goal p95 < 15 ms), next to a bare `fetch` of a request to the same server as the baseline;
 *  2. the customer's confirmation at the simulator -> `payment:changed` (succeeded) reaching a subscriber
 *     (goal: p95 within the polling gap, 1 s, plus 100 ms); confirmations land at random moments;
 *  3. `tran-query` calls per payment, for those confirmations and for the 5 s confirmation of scenario 901.
 * Run alone: `npx tsx bench/payment.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PosEvent } from '../main/core/events'
import type { PaymentView } from '../main/core/payment/payment-view'
import { createPockytClient } from '../main/core/pockyt/client'
import { createSimulator, type Simulator } from '../main/core/pockyt/simulator/index'
import { startSimulatorServer } from '../main/core/pockyt/simulator/server'
import { SANDBOX_CREDENTIALS } from '../main/core/pockyt/types'
import { createServices } from '../main/core/services'
import { createRouter } from '../main/ipc/router'
import { percentile, printTable, type Row } from './lib'

const SUBMIT_RUNS = 100
const CONFIRM_RUNS = 20
const ctx = { window: 'cashier' as const }
const code = (suffix: string) => `134668918993771${suffix}`
const wallNow = () => performance.timeOrigin + performance.now()

export async function benchPayment(): Promise<Row[]> {
  // One HTTP server whose simulator can be swapped, so each confirmation sample gets its own delay.
  let current: Simulator = createSimulator()
  let payArrivedAt = 0
  let bareArrivedAt = 0
  const proxy: Simulator = {
    get state() {
      return current.state
    },
    fetch: (url, init) => current.fetch(url, init),
    close: () => current.close(),
    handle: async (request) => {
      const path = new URL(request.url).pathname
      if (path.endsWith('/pay')) payArrivedAt = performance.now()
      if (path.endsWith('/bench-bare')) {
        bareArrivedAt = performance.now()
        return new Response('ok')
      }
      return current.handle(request)
    }
  }
  const server = await startSimulatorServer({ simulator: proxy })
  const dir = mkdtempSync(join(tmpdir(), 'qrc-bench-payment-'))
  const services = await createServices({
    dataDir: dir,
    version: 'bench',
    shell: 'harness',
    heartbeatSeconds: 0,
    pockytClient: createPockytClient({ baseUrl: server.url, ...SANDBOX_CREDENTIALS })
  })
  const router = createRouter(services.handlers)
  const call = async <T>(channel: string, payload?: unknown): Promise<T> => {
    const r = await router.call(channel, payload, ctx)
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`)
    return r.value as T
  }
  const waiters: Array<(e: PosEvent) => void> = []
  services.events.subscribe((e) => waiters.forEach((w) => w(e)))
  const waitFor = (pred: (p: PaymentView) => boolean) =>
    new Promise<{ view: PaymentView; at: number }>((resolve) => {
      const w = (e: PosEvent) => {
        if (e.name !== 'payment:changed' || !pred(e.payload as PaymentView)) return
        waiters.splice(waiters.indexOf(w), 1)
        resolve({ view: e.payload as PaymentView, at: wallNow() })
      }
      waiters.push(w)
    })
  const newSale = async () => {
    const sale = await call<{ id: number }>('sale:current')
    await call('sale:addCustomItem', { saleId: sale.id, name: 'Bench item', unitPriceMinor: 1234, taxRateBp: 825 })
    return sale.id
  }

  try {
    // 1. submit -> pay at the simulator, with the payment already waiting for its code.
    const submitMs: number[] = []
    const bareMs: number[] = []
    for (let i = 0; i < SUBMIT_RUNS + 20; i++) {
      const saleId = await newSale()
      const ready = waitFor((p) => p.state === 'awaiting_code')
      await call('payment:start', { saleId })
      const { view } = await ready
      const done = waitFor((p) => p.id === view.id && p.final)
      const t0 = performance.now()
      await call('payment:submitCode', { saleId, code: code('844') })
      const settled = await done
      if (settled.view.state !== 'succeeded') throw new Error(`bench payment ended ${settled.view.state}`)
      const b0 = performance.now()
      await (await fetch(`${server.url}/bench-bare`, { method: 'POST', body: '{}' })).text()
      if (i >= 20) {
        submitMs.push(payArrivedAt - t0)
        bareMs.push(bareArrivedAt - b0)
      }
    }

    // 2 + 3. Confirmation in the wallet -> event at a subscriber; queries per payment.
    const confirmMs: number[] = []
    const queries: number[] = []
    for (let i = 0; i < CONFIRM_RUNS; i++) {
      // Scenario 901 confirms 5 s (simulated) after pay: scale it to land anywhere in 0.5-2.5 s.
      current = createSimulator({
        timeScale: 0.1 + Math.random() * 0.4,
        firstTransactionNo: String(297553650000000001n + BigInt(i) * 1000n)
      })
      const saleId = await newSale()
      const done = waitFor((p) => p.final)
      await call('payment:submitCode', { saleId, code: code('901') })
      const { view, at } = await done
      if (view.state !== 'succeeded') throw new Error(`bench confirmation ended ${view.state}`)
      const tx = current.state.get(view.transactionNo!)!
      confirmMs.push(at - tx.paidAt!)
      queries.push(view.queryCount)
    }
    current = createSimulator({ firstTransactionNo: '297553660000000001' })
    const saleId = await newSale()
    const done901 = waitFor((p) => p.final)
    await call('payment:submitCode', { saleId, code: code('901') })
    const standard = (await done901).view.queryCount

    const p = (xs: number[], q: number) => percentile(xs, q)
    return [
      {
        name: 'payment: scanned code submitted -> pay at simulator',
        p50: p(submitMs, 50),
        p95: p(submitMs, 95),
        unit: 'ms',
        baseline: `bare fetch to the same server p50 ${p(bareMs, 50).toFixed(3)} p95 ${p(bareMs, 95).toFixed(3)}`,
        note: `goal p95 < 15 ms; router + validation + prepay_sent commit (fsync) + signing + HTTP; n=${SUBMIT_RUNS}`
      },
      {
        name: 'payment: customer confirms -> payment:changed at subscriber',
        p50: p(confirmMs, 50),
        p95: p(confirmMs, 95),
        unit: 'ms',
        baseline: 'polling gap 1000 ms (first 10 s after pay)',
        note: `goal p95 <= 1100 ms; confirmations 0.5-2.5 s after pay; n=${CONFIRM_RUNS}`
      },
      {
        name: 'payment: tran-query calls per payment',
        p50: p(queries, 50),
        p95: p(queries, 95),
        unit: 'queries',
        baseline: `scenario 901 (confirms after 5 s): ${standard}`,
        note: 'same payments as the row above; a plain success needs 0'
      }
    ]
  } finally {
    await services.close()
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1]?.replace(/\\/g, '/').endsWith('bench/payment.ts')) {
  benchPayment().then(printTable, (e: unknown) => {
    console.error(e)
    process.exit(1)
  })
}
