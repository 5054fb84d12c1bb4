/**
 * Shared helpers for the ledger/sale/payment suites: a manual clock, a scripted fake Pockyt client that
 * keeps a tiny transaction state (so queries and cancels tell the truth), and a ledger + engine built in a
 * temporary folder exactly as the app builds them.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Clock } from '../../main/core/clock'
import { createEventBus, type PosEvent } from '../../main/core/events'
import { createCheckout, type CheckoutOptions } from '../../main/core/payment/checkout'
import type {
  PockytClient,
  PockytOutcome,
  PockytStatus,
  PockytTransaction,
  TransactionRef
} from '../../main/core/pockyt/types'

export type ManualClock = Clock & { advance(ms: number): Promise<void>; sleepers(): number }

/** A clock whose time moves only when told; sleeps resolve as `advance` passes them. */
export function manualClock(start = Date.UTC(2026, 10, 25, 2, 0, 0)): ManualClock {
  let now = start
  const sleepers: Array<{ at: number; resolve: () => void }> = []
  return {
    now: () => now,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason)
        const entry = { at: now + ms, resolve }
        sleepers.push(entry)
        signal?.addEventListener(
          'abort',
          () => {
            const i = sleepers.indexOf(entry)
            if (i >= 0) sleepers.splice(i, 1)
            reject(signal.reason)
          },
          { once: true }
        )
      })
    },
    async advance(ms) {
      now += ms
      for (const s of sleepers.filter((x) => x.at <= now)) {
        sleepers.splice(sleepers.indexOf(s), 1)
        s.resolve()
      }
      await settle()
    },
    sleepers: () => sleepers.length
  }
}

/** Lets pending promise chains and I/O callbacks run. */
export async function settle(rounds = 8): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r))
}

/** Advances the clock in steps until `done()` holds; fails after `maxMs` of simulated time. */
export async function runUntil(clock: ManualClock, done: () => boolean, maxMs = 180_000, stepMs = 100) {
  await settle()
  for (let t = 0; !done(); t += stepMs) {
    if (t > maxMs) throw new Error(`condition not reached within ${maxMs} ms of simulated time`)
    await clock.advance(stepMs)
  }
}

interface FakeTx {
  transactionNo: string
  reference: string
  amountMinor: number
  status: PockytStatus
}

type Op = 'add' | 'pay' | 'query' | 'cancel'
type Override = (req: unknown, fake: FakePockyt) => PockytOutcome<PockytTransaction> | undefined

export const unknownOutcome = (detail = 'socket hang up'): PockytOutcome<never> => ({
  kind: 'unknown',
  reason: 'network',
  detail
})
export const rejected = (retCode: string, retMsg = 'refused'): PockytOutcome<never> => ({
  kind: 'rejected',
  retCode,
  retMsg
})

/**
 * A scripted Pockyt. By default it behaves like Pockyt (add -> init, pay -> `payStatus(code)`, query
 * tells the state, cancel closes or refunds); `script(op, fn)` queues one-shot overrides that may change
 * the state first and then answer anything (e.g. process the pay and lose the answer).
 */
export class FakePockyt implements PockytClient {
  calls: Array<{ op: Op; req: unknown; at: number }> = []
  txs = new Map<string, FakeTx>()
  private next = 297553640000000001n
  private overrides: Record<Op, Override[]> = { add: [], pay: [], query: [], cancel: [] }
  /** What `pay` does with a code: a plain success unless told otherwise. */
  payStatus: (code: string) => PockytStatus = () => 'success'

  constructor(private readonly clock: Clock) {}

  script(op: Op, fn: Override): this {
    this.overrides[op].push(fn)
    return this
  }

  count(op: Op): number {
    return this.calls.filter((c) => c.op === op).length
  }

  only(): FakeTx {
    const all = [...this.txs.values()]
    if (all.length !== 1) throw new Error(`expected one transaction, have ${all.length}`)
    return all[0]!
  }

  private view(tx: FakeTx): PockytTransaction {
    return {
      transactionNo: tx.transactionNo,
      reference: tx.reference,
      amountMinor: tx.amountMinor,
      currency: 'USD',
      status: tx.status
    }
  }

  private find(ref: TransactionRef): FakeTx | undefined {
    if ('transactionNo' in ref) return this.txs.get(ref.transactionNo)
    return [...this.txs.values()].find((t) => t.reference === ref.reference)
  }

  private async run(op: Op, req: unknown, normal: () => PockytOutcome<PockytTransaction>) {
    this.calls.push({ op, req, at: this.clock.now() })
    await Promise.resolve()
    const o = this.overrides[op].shift()
    const scripted = o?.(req, this)
    return scripted ?? normal()
  }

  /** Pockyt's own processing, callable from overrides ("it happened, but the answer was lost"). */
  doAdd(req: { amountMinor: number; reference: string }): FakeTx {
    const tx = {
      transactionNo: String(this.next++),
      reference: req.reference,
      amountMinor: req.amountMinor,
      status: 'init' as PockytStatus
    }
    this.txs.set(tx.transactionNo, tx)
    return tx
  }

  doPay(req: { transactionNo: string; paymentBarcode: string }): FakeTx | undefined {
    const tx = this.txs.get(req.transactionNo)
    if (tx && tx.status === 'init') tx.status = this.payStatus(req.paymentBarcode)
    return tx
  }

  add(req: { amountMinor: number; currency: string; reference: string }) {
    return this.run('add', req, () => ({ kind: 'ok', value: this.view(this.doAdd(req)) }))
  }

  pay(req: { transactionNo: string; paymentBarcode: string }) {
    return this.run('pay', req, () => {
      const tx = this.txs.get(req.transactionNo)
      if (!tx) return rejected('000021', 'no such transaction')
      if (tx.status !== 'init') return rejected('000040', `transaction is ${tx.status}`)
      return { kind: 'ok', value: this.view(this.doPay(req)!) }
    })
  }

  query(ref: TransactionRef) {
    return this.run('query', ref, () => {
      const tx = this.find(ref)
      return tx ? { kind: 'ok', value: this.view(tx) } : rejected('000021', 'no such transaction')
    })
  }

  cancel(ref: TransactionRef) {
    return this.run('cancel', ref, () => {
      const tx = this.find(ref)
      if (!tx) return rejected('000021', 'no such transaction')
      if (tx.status === 'success') tx.status = 'reversed'
      else if (['init', 'pending', 'dealing'].includes(tx.status)) tx.status = 'closed'
      return { kind: 'ok', value: this.view(tx) }
    })
  }

  async refund(): Promise<never> {
    throw new Error('not used by the engine')
  }

  async transList(): Promise<never> {
    throw new Error('not used by the engine')
  }
}

/** A checkout (ledger + sales + engine) in a fresh temp folder, with every event captured. */
export async function makeCheckout(opts: Partial<CheckoutOptions> & { clock: Clock; dir?: string }) {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'qrc-checkout-'))
  const events = createEventBus()
  const seen: PosEvent[] = []
  events.subscribe((e) => seen.push(e))
  const checkout = await createCheckout({ dataDir: dir, events, sweepIntervalMs: 0, ...opts, clock: opts.clock })
  return {
    dir,
    checkout,
    events,
    seen,
    /** A draft with `lines` demo-like items, ready to pay. */
    async sale(priceMinor = 1000, taxRateBp = 825) {
      const h = checkout.handlers
      const sale = h['sale:current'](undefined, { window: 'cashier' }) as ReturnType<(typeof h)['sale:get']>
      const s = await sale
      return h['sale:addCustomItem'](
        { saleId: s.id, name: 'Item', unitPriceMinor: priceMinor, taxRateBp },
        { window: 'cashier' }
      )
    },
    async close(remove = true, graceMs = 50) {
      await checkout.close(graceMs)
      if (remove) rmSync(dir, { recursive: true, force: true })
    }
  }
}

/** A WeChat-shaped code ending in `suffix` (the simulator's scenarios: 901..909). */
export const code = (suffix = '000') => `134668918993771${suffix}`
