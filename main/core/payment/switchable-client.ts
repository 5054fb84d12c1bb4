/**
 * The Pockyt client the checkout and refunds hold for the whole run, delegating to a target that can be
 * swapped when Settings change (Training <-> live, other credentials). It only swaps while nothing is
 * in flight, and `createClientSwitcher` only asks it to while no payment or refund is unsettled:
 *
 * Rule: every call of one payment (add, pay, query, cancel) and of its refunds goes to the Pockyt
 * environment it started with. So a switch is applied only when the ledger holds no non-final payment
 * and no non-final refund and no call is in flight; otherwise it waits (the old client keeps serving,
 * the settings screen says the switch is waiting) and is retried each time a payment or refund changes.
 * Recovery follows from the same rule: a payment left unsettled always belongs to the running client.
 */
import type { PockytClient } from '../pockyt/types'

/** One Pockyt environment as the checkout uses it. */
export interface ClientTarget {
  client: PockytClient
  mode: 'training' | 'live'
  /** Part of every payment reference ("TRAIN" in training, the store number live). */
  storeId: string
  /** Training's in-process simulator forgets on restart: "no such transaction" ends a payment there. */
  notFoundIsFinal: boolean
}

export interface SwitchableClient {
  /** Delegates every call to the current target (the one current when the call began). */
  readonly client: PockytClient
  current(): ClientTarget
  /** Calls started and not yet answered. */
  inFlight(): number
  /** Replaces the target; throws if a call is in flight (the caller checks first). */
  swap(next: ClientTarget): void
  /** Called each time the last in-flight call ends. */
  onIdle(listener: () => void): void
}

const METHODS = ['add', 'pay', 'query', 'cancel', 'refund', 'transList'] as const

export function createSwitchableClient(initial: ClientTarget): SwitchableClient {
  let target = initial
  let inFlight = 0
  const idle: (() => void)[] = []
  const client = {} as Record<(typeof METHODS)[number], (...args: unknown[]) => Promise<unknown>>
  for (const name of METHODS) {
    client[name] = async (...args: unknown[]) => {
      const t = target.client as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>
      inFlight++
      try {
        return await t[name]!(...args)
      } finally {
        inFlight--
        if (inFlight === 0) for (const l of idle) l()
      }
    }
  }
  return {
    client: client as unknown as PockytClient,
    current: () => target,
    inFlight: () => inFlight,
    swap(next) {
      if (inFlight > 0) throw new Error('cannot switch the Pockyt client while a call is in flight')
      target = next
    },
    onIdle: (l) => void idle.push(l)
  }
}

export interface ClientSwitcherOptions {
  switchable: SwitchableClient
  /** Why a switch must wait now (a payment or refund is unsettled), or null when it may happen. */
  busy(): string | null
  /** The target the settings ask for, with a key telling environments apart (never logged). */
  desired(): Promise<{ key: string; build(): ClientTarget }>
  /** The key of the initial target. */
  initialKey: string
  /** After a swap: push the new mode to the windows. */
  onSwitched(target: ClientTarget): void
  log?(level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void
}

export type SwitchOutcome = 'unchanged' | 'switched' | 'deferred'

/** Applies the settings' Pockyt environment to the running checkout, deferring while payments settle. */
export function createClientSwitcher(o: ClientSwitcherOptions) {
  const log = o.log ?? (() => {})
  let currentKey = o.initialKey
  let waiting: { key: string; build(): ClientTarget } | null = null
  let chain: Promise<unknown> = Promise.resolve()

  const apply = (): SwitchOutcome => {
    if (!waiting) return 'unchanged'
    if (waiting.key === currentKey) {
      waiting = null
      return 'unchanged'
    }
    const reason = o.busy() ?? (o.switchable.inFlight() > 0 ? 'a call to Pockyt is in flight' : null)
    if (reason) return 'deferred'
    const target = waiting.build()
    o.switchable.swap(target)
    currentKey = waiting.key
    waiting = null
    log('warn', `Pockyt client switched to ${target.mode}`)
    o.onSwitched(target)
    return 'switched'
  }

  o.switchable.onIdle(() => void retry())

  /** Re-reads the settings; switches now when idle, else remembers to (see `retry`). */
  function request(): Promise<SwitchOutcome> {
    const run = chain.then(async () => {
      waiting = await o.desired()
      const out = apply()
      if (out === 'deferred')
        log('warn', 'Pockyt client switch waits until payments and refunds settle', { why: o.busy() })
      return out
    })
    chain = run.catch(() => {})
    return run
  }

  /** Applies a waiting switch if nothing is unsettled any more (payment/refund changes call this). */
  function retry(): SwitchOutcome {
    return waiting ? apply() : 'unchanged'
  }

  return {
    request,
    retry,
    /** True while a requested switch waits for payments or refunds to settle. */
    pending: () => waiting !== null && waiting.key !== currentKey
  }
}
