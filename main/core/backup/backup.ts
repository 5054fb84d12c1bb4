/**
 * Backups of the ledger: online copies taken with SQLite's backup API while the app keeps selling,
 * kept in `<dataDir>/backups` for 30 days, and a restore that checks a candidate before it goes anywhere
 * near the live file.
 *
 * Restore never swaps files under an open connection (the old WAL could be replayed into the new file):
 * the verified copy is staged as `<ledger>.restore-pending`, and `applyPendingRestore` moves it in while
 * no connection is open, either right away (when the app gave a `closeLedger` hook) or at the next start.
 * The replaced ledger is kept beside it (`<ledger>.replaced-<time>`, with its WAL), never deleted.
 */
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync
} from 'node:fs'
import { basename, join } from 'node:path'
import Database from 'better-sqlite3'
import { PosError } from '../errors'
import type { Clock } from '../clock'
import { LATEST_VERSION } from '../ledger/migrations'
import { fsyncDir } from '../settings/atomic-file'
import { isCorrupt, isDiskFull, storageFailure } from './ledger-errors'

export type BackupReason = 'manual' | 'close-of-day' | 'daily' | 'before-restore'

export interface BackupEntry {
  name: string
  createdAt: number
  bytes: number
  reason: BackupReason
}

export const BACKUP_DIR_NAME = 'backups'
export const RETENTION_DAYS = 30
/** Kept whatever their age, so a store closed for two months still has something to restore. */
export const MIN_KEPT = 7

const NAME = /^ledger-(\d{8})-(\d{9})-(manual|close-of-day|daily|before-restore)\.sqlite$/

/** `ledger-YYYYMMDD-HHMMSSmmm-<reason>.sqlite`, UTC, so names sort by time. */
export function backupName(at: number, reason: BackupReason): string {
  const iso = new Date(at).toISOString() // 2026-11-25T17:15:00.123Z
  return `ledger-${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}${iso.slice(20, 23)}-${reason}.sqlite`
}

/** The time and reason encoded in a backup name, or null for any other file. */
export function parseBackupName(name: string): { createdAt: number; reason: BackupReason } | null {
  const m = NAME.exec(name)
  if (!m) return null
  const [d, t] = [m[1]!, m[2]!]
  const createdAt = Date.UTC(
    +d.slice(0, 4),
    +d.slice(4, 6) - 1,
    +d.slice(6, 8),
    +t.slice(0, 2),
    +t.slice(2, 4),
    +t.slice(4, 6),
    +t.slice(6, 9)
  )
  return Number.isNaN(createdAt) ? null : { createdAt, reason: m[3] as BackupReason }
}

export type CandidateProblem = 'missing' | 'not-a-database' | 'corrupt' | 'newer-version' | 'not-a-ledger'

/**
 * Opens a candidate read-only and checks it is a healthy ledger this version understands. Throws
 * `PosError('CONFLICT' | 'NOT_FOUND')` with `details.problem` and a message saying what to do.
 */
export function checkLedgerFile(file: string, supportedVersion = LATEST_VERSION): { version: number } {
  const refuse = (problem: CandidateProblem, message: string, code: 'CONFLICT' | 'NOT_FOUND' = 'CONFLICT'): never => {
    throw new PosError(code, message, { problem, file: basename(file) })
  }
  if (!existsSync(file)) refuse('missing', `There is no backup named ${basename(file)}.`, 'NOT_FOUND')
  let db: Database.Database | undefined
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    const check = (db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[]).map(
      (r) => r.integrity_check
    )
    if (check.length !== 1 || check[0] !== 'ok') {
      refuse(
        'corrupt',
        `The backup ${basename(file)} is damaged (${check.slice(0, 2).join('; ')}): it was not restored. Choose an older backup.`
      )
    }
    const version = db.pragma('user_version', { simple: true }) as number
    if (version > supportedVersion) {
      refuse(
        'newer-version',
        `The backup ${basename(file)} was made by a newer version of QRC POS (schema ${version}, this one understands up to ${supportedVersion}). Install the newer version to restore it.`
      )
    }
    if (version < 1)
      refuse('not-a-ledger', `${basename(file)} is an SQLite file but not a QRC POS ledger: it was not restored.`)
    return { version }
  } catch (e) {
    if (e instanceof PosError) throw e
    if (isCorrupt(e)) {
      const notDb = (e as { code?: string }).code === 'SQLITE_NOTADB'
      return refuse(
        notDb ? 'not-a-database' : 'corrupt',
        notDb
          ? `${basename(file)} is not a database file: it was not restored. Choose a backup made by QRC POS.`
          : `The backup ${basename(file)} is damaged: it was not restored. Choose an older backup.`
      )
    }
    throw e
  } finally {
    db?.close()
  }
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

export const PENDING_SUFFIX = '.restore-pending'
const SIDE_FILES = ['', '-wal', '-shm', '-journal']

/**
 * Moves a staged restore into place. Call it before opening the ledger (no connection may be open).
 * Returns the path the old ledger was moved to, or null when nothing was pending.
 */
export function applyPendingRestore(ledgerFile: string, now: number): { replaced: string | null } | null {
  const pending = ledgerFile + PENDING_SUFFIX
  if (!existsSync(pending)) return null
  checkLedgerFile(pending)
  let replaced: string | null = null
  if (existsSync(ledgerFile)) {
    replaced = `${ledgerFile}.replaced-${now}`
    // The old WAL goes with the old file: left behind, SQLite would replay it into the restored one.
    for (const side of SIDE_FILES) {
      if (existsSync(ledgerFile + side)) renameSync(ledgerFile + side, replaced + side)
    }
  } else {
    for (const side of SIDE_FILES.slice(1)) rmSync(ledgerFile + side, { force: true })
  }
  renameSync(pending, ledgerFile)
  fsyncDir(join(ledgerFile, '..'))
  return { replaced }
}

export interface BackupServiceOptions {
  dataDir: string
  ledgerFile: string
  /** The ledger's open connection, for an online backup; when absent the file is opened read-only. */
  db?: () => Database.Database | null | undefined
  /** Closes the ledger so a restore can be applied at once; without it the restore waits for a restart. */
  closeLedger?: () => void
  clock: Clock
  retentionDays?: number
  minKept?: number
  supportedVersion?: number
}

export interface BackupService {
  readonly dir: string
  backupNow(reason?: BackupReason): Promise<BackupEntry>
  /** Newest first. */
  list(): BackupEntry[]
  /** Deletes backups older than the retention (keeping the newest `minKept`); returns the names deleted. */
  prune(): string[]
  /** Checks and stages a backup, keeps a safety copy of the current ledger, and applies it if it can. */
  restore(
    name: string
  ): Promise<{ restored: string; safetyCopy: string | null; restartRequired: true; applied: boolean }>
}

export function createBackupService(options: BackupServiceOptions): BackupService {
  const dir = join(options.dataDir, BACKUP_DIR_NAME)
  const retentionMs = (options.retentionDays ?? RETENTION_DAYS) * 86_400_000
  const minKept = options.minKept ?? MIN_KEPT

  function list(): BackupEntry[] {
    if (!existsSync(dir)) return []
    return readdirSync(dir)
      .flatMap((name) => {
        const parsed = parseBackupName(name)
        if (!parsed) return []
        return [{ name, ...parsed, bytes: statSync(join(dir, name)).size }]
      })
      .sort((a, b) => b.createdAt - a.createdAt || b.name.localeCompare(a.name))
  }

  async function backupNow(reason: BackupReason = 'manual'): Promise<BackupEntry> {
    const live = options.db?.()
    if (!live && !existsSync(options.ledgerFile)) {
      throw new PosError('NOT_FOUND', 'There is no ledger to back up yet: nothing has been sold.')
    }
    mkdirSync(dir, { recursive: true })
    const createdAt = options.clock.now()
    const name = backupName(createdAt, reason)
    const tmp = join(dir, `${name}.partial`)
    let source: Database.Database | undefined
    try {
      source = live ?? new Database(options.ledgerFile, { readonly: true, fileMustExist: true })
      await source.backup(tmp)
      // A standalone file: rollback journal, no -wal/-shm beside it, readable anywhere.
      const copy = new Database(tmp)
      try {
        copy.pragma('journal_mode = DELETE')
      } finally {
        copy.close()
      }
      fsyncFile(tmp)
      renameSync(tmp, join(dir, name))
      fsyncDir(dir)
    } catch (e) {
      for (const side of SIDE_FILES) rmSync(tmp + side, { force: true })
      if (isDiskFull(e)) {
        throw new PosError(
          'LEDGER_UNAVAILABLE',
          'The backup failed: the disk is full. Free some space, then try "Back up now" again.',
          {
            reason: 'disk-full'
          }
        )
      }
      throw storageFailure(e, options.ledgerFile) ?? e
    } finally {
      if (source && source !== live) source.close()
    }
    return { name, createdAt, reason, bytes: statSync(join(dir, name)).size }
  }

  function prune(): string[] {
    const cutoff = options.clock.now() - retentionMs
    const deleted: string[] = []
    list().forEach((entry, i) => {
      if (i < minKept || entry.createdAt >= cutoff) return
      rmSync(join(dir, entry.name), { force: true })
      deleted.push(entry.name)
    })
    return deleted
  }

  async function restore(name: string) {
    if (!NAME.test(name)) throw new PosError('BAD_INPUT', `${name} is not a backup name from the list.`)
    const candidate = join(dir, name)
    checkLedgerFile(candidate, options.supportedVersion)
    // Keep what we are about to replace, as a backup the list shows.
    let safetyCopy: string | null = null
    if (options.db?.() || existsSync(options.ledgerFile)) {
      try {
        safetyCopy = (await backupNow('before-restore')).name
      } catch (e) {
        // A damaged current ledger cannot be backed up, and is exactly when a restore is needed.
        if (!(e instanceof PosError && (e.details as { reason?: string } | undefined)?.reason === 'corrupt')) throw e
      }
    }
    const pending = options.ledgerFile + PENDING_SUFFIX
    copyFileSync(candidate, pending)
    fsyncFile(pending)
    let applied = false
    if (options.closeLedger) {
      options.closeLedger()
      applyPendingRestore(options.ledgerFile, options.clock.now())
      applied = true
    }
    return { restored: name, safetyCopy, restartRequired: true as const, applied }
  }

  return { dir, backupNow, list, prune, restore }
}
