/**
 * Opens the ledger: one SQLite file holding every sale and payment. Opening is where the guarantees
 * start: a database from a newer app is refused before anything writes to it, a damaged file is
 * refused with a message the app can show as a stop screen, and every migration runs in one transaction.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { PosError } from '../errors'
import { LATEST_VERSION, MIGRATIONS, migrate, type Migration } from './migrations'

export type Db = Database.Database

/** Why the ledger could not be opened; the app shows a stop screen for each. */
export type LedgerFailure = 'corrupt' | 'newer-version' | 'migration-failed' | 'io'

export interface LedgerFailureDetails {
  reason: LedgerFailure
  file: string
  /** Version found in the file, for `newer-version`. */
  found?: number
  supported?: number
}

/** Milliseconds a writer waits for another connection's lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000

export interface Ledger {
  readonly db: Db
  readonly file: string
  /** The schema version after migrations. */
  readonly version: number
  close(): void
}

export interface OpenLedgerOptions {
  /** Migrations to run (tests open at N-1 with a shorter list). */
  migrations?: readonly Migration[]
}

function ledgerError(details: LedgerFailureDetails, message: string): PosError {
  return new PosError('LEDGER_UNAVAILABLE', message, details)
}

/** Reads `user_version` without writing anything to the file (no WAL switch, no schema change). */
function peekVersion(file: string): number {
  if (!existsSync(file)) return 0
  let probe: Db | undefined
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS })
    return probe.pragma('user_version', { simple: true }) as number
  } catch (e) {
    throw classifyOpenError(e, file)
  } finally {
    probe?.close()
  }
}

function classifyOpenError(e: unknown, file: string): PosError {
  const code = (e as { code?: string }).code ?? ''
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return ledgerError(
      { reason: 'corrupt', file },
      `The sales ledger (${file}) is damaged and cannot be read. Do not delete it: close the app, restore the latest backup, or contact support.`
    )
  }
  return ledgerError(
    { reason: 'io', file },
    `The sales ledger (${file}) cannot be opened (${code || String(e)}). Check that the disk is connected and not full, then restart the app.`
  )
}

/**
 * Opens (creating if needed) and migrates the ledger at `file`. Throws a `PosError('LEDGER_UNAVAILABLE')`
 * whose `details.reason` tells the stop screen what happened; in every failure case the file is left as
 * it was found.
 */
export function openLedger(file: string, options: OpenLedgerOptions = {}): Ledger {
  const migrations = options.migrations ?? MIGRATIONS
  const supported = migrations.length ? migrations[migrations.length - 1]!.version : 0
  const found = peekVersion(file)
  if (found > supported) {
    throw ledgerError(
      { reason: 'newer-version', file, found, supported },
      `The sales ledger was written by a newer version of QRC POS (schema ${found}; this version understands up to ${supported}). Install the newer version; the ledger has not been changed.`
    )
  }

  mkdirSync(dirname(file), { recursive: true })
  let db: Db
  try {
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS })
  } catch (e) {
    throw classifyOpenError(e, file)
  }
  try {
    // Integrity first: never migrate or write into a damaged file.
    const check = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[]
    const problems = check.map((r) => r.integrity_check).filter((s) => s !== 'ok')
    if (problems.length) {
      throw ledgerError(
        { reason: 'corrupt', file },
        `The sales ledger (${file}) failed its integrity check (${problems.slice(0, 3).join('; ')}). Do not delete it: close the app, restore the latest backup, or contact support.`
      )
    }
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    const mode = db.pragma('journal_mode = WAL', { simple: true })
    if (mode !== 'wal') throw new Error(`could not switch the ledger to WAL (got ${String(mode)})`)
    // These rows are money: every commit reaches the disk before the call it announces.
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    let version: number
    try {
      version = migrate(db, migrations)
    } catch (e) {
      throw ledgerError(
        { reason: 'migration-failed', file },
        `The sales ledger could not be upgraded (${e instanceof Error ? e.message : String(e)}). Nothing was changed: reinstall the previous version of QRC POS, or contact support.`
      )
    }
    return {
      db,
      file,
      version,
      close: () => {
        if (db.open) db.close()
      }
    }
  } catch (e) {
    db.close()
    if (e instanceof PosError) throw e
    throw classifyOpenError(e, file)
  }
}

/** `PRAGMA integrity_check` as one string ("ok" when healthy). */
export function integrityCheck(db: Db): string {
  const rows = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[]
  return rows.map((r) => r.integrity_check).join('; ')
}

export { LATEST_VERSION }
