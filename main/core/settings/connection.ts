/**
 * "Test connection": one harmless signed call with the entered credentials, read as one of three
 * answers a manager can act on. The call is a tran-query of a reference that cannot exist, so it can
 * never create, pay or cancel anything.
 *
 * - Pockyt answered and refused us (000030 No Rights, or a refusal naming the signature or account):
 *   wrong credentials.
 * - No answer, a timeout, an HTTP error, a 000000 System Error or a body that is not Pockyt's: unreachable.
 * - Any other answer (000021 "no related information" is the expected one, 000100 too): it works, since
 *   Pockyt checked our signature before looking the reference up.
 */
import { randomBytes } from 'node:crypto'
import type { Clock } from '../clock'
import { createPockytClient, type FetchLike, type PockytClientSettings, type PockytLog } from '../pockyt/client'
import type { PockytOutcome } from '../pockyt/types'

export type ConnectionOutcome = 'works' | 'wrong-credentials' | 'unreachable'

export interface ConnectionResult {
  outcome: ConnectionOutcome
  message: string
  /** ret_code, or the transport's reason (timeout, network, http 503, malformed). */
  detail: string
}

/** Codes that mean "Pockyt does not accept these credentials". */
export const CREDENTIAL_RET_CODES: readonly string[] = ['000030']
/** Parameter errors that name the signature or the account are credential problems too. */
const CREDENTIAL_WORDS = /sign|verify|token|merchant|store|permission|auth|denied|right/i

export interface TestConnectionDeps {
  fetch?: FetchLike
  clock?: Clock
  log?: PockytLog
  /** Default 8 s: long enough for a slow link, short enough for a manager waiting on a button. */
  timeoutMs?: number
}

/** Classifies the answer to the probe query. Exported for tests of each branch. */
export function classifyProbe(outcome: PockytOutcome<unknown>): ConnectionResult {
  if (outcome.kind === 'ok') {
    return { outcome: 'works', message: 'Connected: Pockyt accepted these credentials.', detail: '000100' }
  }
  if (outcome.kind === 'rejected') {
    const { retCode, retMsg } = outcome
    if (
      CREDENTIAL_RET_CODES.includes(retCode) ||
      ((retCode === '000022' || retCode === '000023') && CREDENTIAL_WORDS.test(retMsg))
    ) {
      return {
        outcome: 'wrong-credentials',
        message: `Pockyt refused these credentials (${retCode}). Check the merchant number, store number, token and environment (sandbox credentials do not work in production).`,
        detail: retCode
      }
    }
    return {
      outcome: 'works',
      message: `Connected: Pockyt accepted these credentials (answer ${retCode}).`,
      detail: retCode
    }
  }
  const detail = outcome.retCode ?? (outcome.reason === 'http' ? `http ${outcome.httpStatus ?? '?'}` : outcome.reason)
  const why =
    outcome.reason === 'timeout'
      ? 'it did not answer in time'
      : outcome.reason === 'malformed'
        ? 'the address answered, but not like Pockyt (check the environment or custom URL)'
        : outcome.retCode
          ? `it reported a system error (${outcome.retCode})`
          : outcome.reason === 'http'
            ? `it answered with an HTTP error (${outcome.httpStatus ?? '?'})`
            : 'the connection failed'
  return {
    outcome: 'unreachable',
    message: `Pockyt could not be reached: ${why}. Check the internet connection and the environment, then try again.`,
    detail
  }
}

/** Runs the probe. Throws BAD_INPUT (from the client) when the settings cannot even form a request. */
export async function testConnection(
  settings: PockytClientSettings,
  deps: TestConnectionDeps = {}
): Promise<ConnectionResult> {
  const timeoutMs = deps.timeoutMs ?? 8000
  const client = createPockytClient(settings, {
    fetch: deps.fetch,
    clock: deps.clock,
    log: deps.log,
    timeoutsMs: { query: timeoutMs }
  })
  // 32 chars max: "conncheck-" + 20 hex. Never a reference the app itself generates.
  const reference = `conncheck-${randomBytes(10).toString('hex')}`
  return classifyProbe(await client.query({ reference }))
}
