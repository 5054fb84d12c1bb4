/**
 * Training mode: a real `PockytClient` (same signer, same validation, same outcomes) whose `fetch` is
 * the in-process simulator, with the published sandbox credentials. No port is opened and nothing
 * leaves the machine. Scanned codes ending in 901..909 pick the scenarios listed in `SCENARIOS`.
 */
import type { Clock } from '../clock'
import { createPockytClient, type CallName, type PockytLog } from './client'
import { createSimulator, type Simulator } from './simulator/index'
import { BASE_URL_PRESETS, SANDBOX_CREDENTIALS, type PockytClient } from './types'

export interface TrainingOptions {
  /** Drives the simulator's customer actions and the client's timeouts; default system clock. */
  clock?: Clock
  /** Multiplies the simulator's delays (0.01 in tests); default 1. */
  timeScale?: number
  /** Client timeouts, e.g. shorter ones to reach scenario 908's timeout fast. */
  timeoutsMs?: Partial<Record<CallName, number>>
  log?: PockytLog
  /** `/app-instore/v3/pay` (default) or `/app-instore/v3/prepay`: the simulator serves both. */
  payPath?: string
  /** The simulator's first transaction number (18 digits): above the ledger's, so a restart never reuses one. */
  firstTransactionNo?: string
}

/** A training client; `simulator` is there for tests and the help screen (what it holds as paid). */
export type TrainingClient = PockytClient & { readonly simulator: Simulator }

/** Builds the Training mode client over a fresh in-process simulator. */
export function createTrainingClient(opts: TrainingOptions = {}): TrainingClient {
  const simulator = createSimulator({
    clock: opts.clock,
    timeScale: opts.timeScale,
    firstTransactionNo: opts.firstTransactionNo
  })
  const client = createPockytClient(
    // The sandbox host is only a label here: the in-process fetch never resolves it.
    { baseUrl: BASE_URL_PRESETS.sandbox, ...SANDBOX_CREDENTIALS, payPath: opts.payPath },
    { fetch: simulator.fetch, clock: opts.clock, timeoutsMs: opts.timeoutsMs, log: opts.log }
  )
  return Object.assign(client, { simulator })
}
