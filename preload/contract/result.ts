/**
 * What every channel answers: a value, or an error with a stable code and a message for people.
 * Exceptions never cross a transport; the router turns them into `{ ok: false }`.
 */

/** Stable error codes. Windows branch on these, never on messages. Append only. */
export const ERROR_CODES = [
  /** The payload did not match the channel's input schema. Nothing was changed. */
  'BAD_INPUT',
  /** No such channel. */
  'UNKNOWN_CHANNEL',
  /** The sender is not one of our windows (Electron) or not our origin (harness). */
  'FORBIDDEN',
  /** A record the request names does not exist. */
  'NOT_FOUND',
  /** The request contradicts the current state (e.g. editing a paid sale). */
  'CONFLICT',
  /** A wallet payment is already in progress on this terminal. */
  'PAYMENT_IN_PROGRESS',
  /** Pockyt or the wallet refused the payment (declined, insufficient balance, ...). */
  'POCKYT_DECLINED',
  /** Pockyt answered with an error for this request (bad credentials, bad value, ...). */
  'POCKYT_REJECTED',
  /** Pockyt could not be reached or did not answer in time. */
  'POCKYT_UNREACHABLE',
  /** A manager PIN is needed, or the one given is wrong. */
  'PIN_REQUIRED',
  /** The ledger cannot be written (disk full, corrupt, newer version). */
  'LEDGER_UNAVAILABLE',
  /** A bug: logged in main, reported without details. */
  'INTERNAL'
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface PosErrorInfo {
  code: ErrorCode
  /** A sentence for the cashier: what happened and what to do. */
  message: string
  details?: unknown
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: PosErrorInfo }
