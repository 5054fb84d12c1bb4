/**
 * The simulated Pockyt, ready to use in-process: a state, the handler over it, and a `fetch` that calls
 * the handler directly (no port), which is what Training mode and fast tests plug into the client.
 *
 * Time: pass `clock` (anything with `now()` and `sleep(ms, signal)`, see main/core/clock.ts) and
 * `timeScale`. Customer actions ("confirms after 5 s") are due times checked on each request, so a
 * manual clock only needs `now()` to move; scenario 908's late answer waits with `clock.sleep`, so a
 * manual clock must resolve sleeps when it advances. `timeScale` multiplies every delay (0.01: 5 s -> 50 ms).
 */
import type { FetchLike } from '../client'
import { createSimulatorHandler, SimulatedDrop, type SimulatorHandler } from './handler'
import { SimulatorState, type SimulatorOptions } from './state'

export interface Simulator {
  readonly state: SimulatorState
  /** The fetch-style handler (`server.ts` mounts it on node:http). */
  readonly handle: SimulatorHandler
  /**
   * A `fetch` that calls the handler in-process. It honours the caller's AbortSignal (the simulated
   * server does not see it, exactly like a remote one), and rejects like a dropped connection for 905.
   */
  readonly fetch: FetchLike
  /** Cancels pending late answers (908); later requests still work. */
  close(): void
}

export interface CreateSimulatorOptions extends SimulatorOptions {
  /** One line per request, payment code masked. */
  log?: (line: string) => void
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError')
}

/** Builds a simulator. Defaults: system clock, time scale 1, the published sandbox credentials. */
export function createSimulator(opts: CreateSimulatorOptions = {}): Simulator {
  const state = new SimulatorState(opts)
  let closing = new AbortController()
  const handle = createSimulatorHandler(state, {
    sleep: (ms) => state.clock.sleep(ms, closing.signal),
    log: opts.log
  })

  const inProcessFetch: FetchLike = (url, init) => {
    const signal = init.signal ?? undefined
    if (signal?.aborted) return Promise.reject(abortError(signal))
    // The simulated server gets its own request without the caller's signal.
    const request = new Request(url, { method: init.method, headers: init.headers, body: init.body })
    const answered = handle(request).catch((e: unknown) => {
      if (e instanceof SimulatedDrop) {
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('other side closed'), { code: 'ECONNRESET' })
        })
      }
      throw e
    })
    if (!signal) return answered
    return new Promise<Response>((resolve, reject) => {
      const onAbort = () => reject(abortError(signal))
      signal.addEventListener('abort', onAbort, { once: true })
      answered.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
    })
  }

  return {
    state,
    handle,
    fetch: inProcessFetch,
    close() {
      closing.abort(new Error('simulator closed'))
      closing = new AbortController()
    }
  }
}

export { SimulatorState, SimRefusal, pockytTime } from './state'
export type { SimulatorOptions, SimTransaction, SimRefund, SimCredentials } from './state'
export { SimulatedDrop, createSimulatorHandler } from './handler'
export type { SimulatorHandler } from './handler'
export { SCENARIOS, scenarioFor } from './scenarios'
export type { Scenario } from './scenarios'
