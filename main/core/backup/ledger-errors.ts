/**
 * Turning storage failures into a stop screen. A write that fails because the disk is full or the file
 * is damaged must never be swallowed: these helpers recognise the SQLite and OS error codes and produce a
 * `PosError('LEDGER_UNAVAILABLE')` whose message says what to do and whose `details.reason` lets the
 * window show the right screen. The ledger code and the Electron shell both use them.
 */
import { PosError } from '../errors'

export type StorageFailure = 'disk-full' | 'corrupt' | 'read-only' | 'io'

export interface StorageFailureDetails {
  reason: StorageFailure
  file?: string
  /** The SQLite or OS code seen (SQLITE_FULL, ENOSPC, …). */
  code: string
}

const codeOf = (e: unknown): string => {
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : ''
}

/** SQLITE_FULL, or ENOSPC/EDQUOT from the file system. */
export function isDiskFull(e: unknown): boolean {
  const code = codeOf(e)
  return code === 'SQLITE_FULL' || code.startsWith('SQLITE_FULL_') || code === 'ENOSPC' || code === 'EDQUOT'
}

/** SQLITE_CORRUPT (and its extended codes) or SQLITE_NOTADB. */
export function isCorrupt(e: unknown): boolean {
  const code = codeOf(e)
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_')
}

function isReadOnly(e: unknown): boolean {
  const code = codeOf(e)
  return (
    code === 'SQLITE_READONLY' ||
    code.startsWith('SQLITE_READONLY_') ||
    code === 'EROFS' ||
    code === 'EACCES' ||
    code === 'EPERM'
  )
}

function isIo(e: unknown): boolean {
  const code = codeOf(e)
  return code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR_') || code === 'SQLITE_CANTOPEN' || code === 'EIO'
}

/**
 * The stop-screen error for a storage failure, or null when `e` is not one (a bug, a constraint
 * violation, …: let those surface as they are).
 */
export function storageFailure(e: unknown, file?: string): PosError | null {
  const code = codeOf(e)
  const where = file ? ` (${file})` : ''
  const details = (reason: StorageFailure): StorageFailureDetails => ({ reason, code, ...(file ? { file } : {}) })
  if (isDiskFull(e)) {
    return new PosError(
      'LEDGER_UNAVAILABLE',
      `The disk is full: the last sale step was NOT saved${where}. Free some space (empty the recycle bin, delete old downloads), then restart the app. Do not take payments until then.`,
      details('disk-full')
    )
  }
  if (isCorrupt(e)) {
    return new PosError(
      'LEDGER_UNAVAILABLE',
      `The sales ledger is damaged${where}. Do not delete it. Stop taking payments, restore the latest backup from Settings, or contact support.`,
      details('corrupt')
    )
  }
  if (isReadOnly(e)) {
    return new PosError(
      'LEDGER_UNAVAILABLE',
      `The sales ledger cannot be written${where}: the folder is read-only or access was denied. Check the disk and its permissions, then restart the app.`,
      details('read-only')
    )
  }
  if (isIo(e)) {
    return new PosError(
      'LEDGER_UNAVAILABLE',
      `The disk holding the sales ledger failed to read or write${where}. Check that the disk is connected, then restart the app.`,
      details('io')
    )
  }
  return null
}

/**
 * Runs a ledger write; a storage failure comes out as the LEDGER_UNAVAILABLE PosError (the write did
 * not happen: SQLite rolled it back), anything else is rethrown unchanged.
 */
export function guardStorage<T>(write: () => T, file?: string): T {
  try {
    return write()
  } catch (e) {
    throw storageFailure(e, file) ?? e
  }
}

/** Like `storageFailure`, for SQLite's own codes only (a failed settings or zip write is not the ledger). */
export function sqliteFailure(e: unknown, file?: string): PosError | null {
  return codeOf(e).startsWith('SQLITE_') ? storageFailure(e, file) : null
}

/**
 * Wraps every handler so that a ledger write failing with SQLITE_FULL / SQLITE_CORRUPT / … reaches the
 * window as LEDGER_UNAVAILABLE with what to do (its stop screen), instead of an anonymous INTERNAL.
 * SQLite rolled the failed transaction back, so nothing was half-written; `onFailure` logs it.
 */
export function guardHandlers<H extends object>(
  handlers: H,
  file: string,
  onFailure?: (channel: string, error: PosError) => void
): H {
  const out: Record<string, unknown> = {}
  for (const [channel, handler] of Object.entries(handlers) as [string, (...args: unknown[]) => unknown][]) {
    out[channel] = async (...args: unknown[]) => {
      try {
        return await handler(...args)
      } catch (e) {
        const failure = sqliteFailure(e, file)
        if (!failure) throw e
        onFailure?.(channel, failure)
        throw failure
      }
    }
  }
  return out as H
}
