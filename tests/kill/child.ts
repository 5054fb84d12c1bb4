/**
 * The engine as its own process, for the kill test. It talks to the simulator over real HTTP with its
 * own ledger file. `KILL_POINT` names a step boundary: when the engine reaches it (the `KILL_NTH`th
 * time) the runner freezes there and the process SIGKILLs itself after `KILL_JITTER_MS`.
 *
 *   MODE=pay      start a sale, scan CODE, wait until the payment settles (unless killed)
 *   MODE=recover  start the app (recovery runs at start), wait until no payment is unfinished; if the
 *                 sale is still unpaid, the cashier scans a good code again; print a summary
 */
import { createEventBus } from '../../main/core/events'
import { createCheckout } from '../../main/core/payment/checkout'
import type { HookPoint } from '../../main/core/payment/engine'
import { createPockytClient } from '../../main/core/pockyt/client'
import { SANDBOX_CREDENTIALS } from '../../main/core/pockyt/types'
import { scaledClock } from './scaled-clock'

const env = process.env
const need = (k: string) => env[k] ?? (console.error(`missing ${k}`), process.exit(2))
const scale = Number(env.TIME_SCALE ?? '1')
const clock = scaledClock(scale, Number(need('CLOCK_ANCHOR')))
const killPoint = env.KILL_POINT as HookPoint | undefined
const killNth = Number(env.KILL_NTH ?? '1')
const jitter = Number(env.KILL_JITTER_MS ?? '0')
let reached = 0

function hook(point: HookPoint): void | Promise<void> {
  if (point !== killPoint || ++reached < killNth) return
  if (jitter <= 0) process.kill(process.pid, 'SIGKILL')
  setTimeout(() => process.kill(process.pid, 'SIGKILL'), jitter)
  return new Promise<void>(() => {}) // the runner stops at this boundary for good
}

async function main() {
  const events = createEventBus()
  // The client keeps real-time HTTP timeouts: scaling them down would turn a slow, loaded machine into
  // spurious "unknown" outcomes (still safe, but the run would not reach its kill point).
  const client = createPockytClient({ baseUrl: need('SIM_URL'), ...SANDBOX_CREDENTIALS })
  const checkout = await createCheckout({
    dataDir: need('LEDGER_DIR'),
    clock,
    events,
    pockytClient: client,
    terminalId: need('TERMINAL'),
    sweepIntervalMs: 0,
    hook: env.MODE === 'pay' ? hook : undefined
  })
  const h = checkout.handlers
  const ctx = { window: 'cashier' as const }
  const engine = checkout.engine
  const waitSettled = async (limitMs: number) => {
    const until = Date.now() + limitMs
    while (checkout.ledger.db.prepare('SELECT COUNT(*) FROM payments WHERE final_at IS NULL').pluck().get() !== 0) {
      if (Date.now() > until) return false
      await new Promise((r) => setTimeout(r, 10))
    }
    return true
  }

  if (env.MODE === 'pay') {
    const sale = await h['sale:current'](undefined, ctx)
    const price = Number(env.PRICE ?? '1234')
    await h['sale:addCustomItem'](
      { saleId: sale.id, name: 'Kill test item', unitPriceMinor: price, taxRateBp: 825 },
      ctx
    )
    let paymentId: number | undefined
    if (env.CANCEL_WHEN_PENDING === '1') {
      events.subscribe((e) => {
        const p = e.payload as { id: number; state: string }
        if (e.name === 'payment:changed' && p.state === 'pending') engine.cancel(p.id)
      })
    }
    try {
      paymentId = (await h['payment:submitCode']({ saleId: sale.id, code: need('CODE') }, ctx)).id
    } catch (e) {
      console.error('submit refused:', (e as Error).message)
    }
    await waitSettled(30_000)
    console.log(JSON.stringify({ mode: 'pay', paymentId, state: paymentId ? engine.get(paymentId).state : null }))
  } else {
    const settled = await waitSettled(30_000)
    let again: string | null = null
    const sale = checkout.ledger.db.prepare(`SELECT id, status FROM sales ORDER BY id LIMIT 1`).get() as
      { id: number; status: string } | undefined
    if (settled && sale && sale.status === 'draft') {
      const p = await h['payment:submitCode']({ saleId: sale.id, code: need('RETRY_CODE') }, ctx)
      again = (await engine.settled(p.id)).state
    }
    const integrity = checkout.ledger.db.pragma('integrity_check', { simple: true })
    console.log(JSON.stringify({ mode: 'recover', settled, again, integrity, resumed: checkout.resumed.length }))
  }
  await checkout.close(0)
  process.exit(0)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
