import type { ErrorCode, PosErrorInfo } from '../../preload/contract/result'

/**
 * The one error type core code throws on purpose. The router turns it into `{ ok: false, error }`;
 * anything else thrown is a bug and becomes `INTERNAL` without leaking its message.
 */
export class PosError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown
  ) {
    super(message)
    this.name = 'PosError'
  }

  toInfo(): PosErrorInfo {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }
}

export function isPosError(e: unknown): e is PosError {
  return e instanceof PosError
}
