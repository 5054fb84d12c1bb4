/**
 * Scenario codes: the last three digits of a scanned code pick what the "customer" and the "network"
 * do. Training mode shows this table in the app's help; engine tests use it to provoke every fault.
 * Durations are in simulated milliseconds and are multiplied by the simulator's time scale.
 */
import type { PockytStatus } from '../types'

export interface Scenario {
  /** Last three digits of the payment code. */
  suffix: string
  /** For the help screen. */
  summary: string
  /** A WeChat-shaped code that triggers it, for the help screen and tests. */
  exampleCode: string
  /** Status the transaction takes when `pay` is processed. */
  payStatus: Extract<PockytStatus, 'success' | 'pending' | 'failed' | 'dealing'>
  /** What the customer (or the wallet) does later, `afterMs` after `pay`. */
  then?: { afterMs: number; status: 'success' | 'closed' }
  /**
   * How `pay` is answered: normally; the connection drops after processing; HTTP 503 before
   * processing; a malformed body after processing; or normally but only after `answerDelayMs`.
   */
  answer: 'normal' | 'drop' | 'http503' | 'malformed' | 'late'
  answerDelayMs?: number
  /** Every other tran-query on this transaction answers HTTP 503 (the first one included). */
  flakyQuery?: boolean
  retMsg?: string
}

const example = (suffix: string): string => `134668918993771${suffix}`

/** The table from issue 3, as data. Any other valid code succeeds at once. */
export const SCENARIOS: readonly Scenario[] = [
  {
    suffix: '901',
    summary: 'pending; the customer confirms after 5 s -> success',
    exampleCode: example('901'),
    payStatus: 'pending',
    then: { afterMs: 5_000, status: 'success' },
    answer: 'normal'
  },
  {
    suffix: '902',
    summary: 'declined: insufficient balance (failed)',
    exampleCode: example('902'),
    payStatus: 'failed',
    answer: 'normal',
    retMsg: 'insufficient balance'
  },
  {
    suffix: '903',
    summary: 'pending for ever: the customer never confirms',
    exampleCode: example('903'),
    payStatus: 'pending',
    answer: 'normal'
  },
  {
    suffix: '904',
    summary: 'pending; the customer cancels in the wallet after 5 s -> closed',
    exampleCode: example('904'),
    payStatus: 'pending',
    then: { afterMs: 5_000, status: 'closed' },
    answer: 'normal'
  },
  {
    suffix: '905',
    summary: 'paid (success) but the answer is lost: the connection drops',
    exampleCode: example('905'),
    payStatus: 'success',
    answer: 'drop'
  },
  {
    suffix: '906',
    summary: 'pay answers HTTP 503 and is not processed',
    exampleCode: example('906'),
    payStatus: 'success',
    answer: 'http503'
  },
  {
    suffix: '907',
    summary: 'pay answers a malformed body; the payment did succeed',
    exampleCode: example('907'),
    payStatus: 'success',
    answer: 'malformed'
  },
  {
    suffix: '908',
    summary: 'pay answers after 15 s, success',
    exampleCode: example('908'),
    payStatus: 'dealing',
    then: { afterMs: 15_000, status: 'success' },
    answer: 'late',
    answerDelayMs: 15_000
  },
  {
    suffix: '909',
    summary: 'pending, confirmed after 8 s; every other tran-query answers HTTP 503',
    exampleCode: example('909'),
    payStatus: 'pending',
    then: { afterMs: 8_000, status: 'success' },
    answer: 'normal',
    flakyQuery: true
  }
]

/** The scenario a payment code selects, if any. */
export function scenarioFor(paymentBarcode: string): Scenario | undefined {
  const suffix = paymentBarcode.trim().slice(-3)
  return SCENARIOS.find((s) => s.suffix === suffix)
}
