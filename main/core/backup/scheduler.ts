/**
 * When backups happen on their own: at close of day (the Z report calls `closeOfDay`) and whenever the
 * newest backup is older than a day, checked on start and then every few minutes of the given clock.
 * Failures are logged and retried at the next check; they never stop the till.
 */
import type { Clock } from '../clock'
import type { LogFn } from '../logging/logger'
import type { BackupEntry, BackupService } from './backup'

export const DAY_MS = 86_400_000

export interface BackupSchedulerOptions {
  backups: BackupService
  clock: Clock
  log?: LogFn
  /** Default 15 minutes. */
  checkEveryMs?: number
  /** A backup is due when the newest is this old. Default one day. */
  maxAgeMs?: number
}

export interface BackupScheduler {
  /** Begins checking, first after one interval (not at start-up, when the till is busiest). */
  start(): void
  /** Takes the close-of-day backup and prunes old ones. */
  closeOfDay(): Promise<BackupEntry>
  /** One check: backs up if due. Returns the new backup, or null when none was due or it failed. */
  check(): Promise<BackupEntry | null>
  /** Stops the timer and waits for a backup in progress (so the ledger can be closed after). */
  stop(): Promise<void>
}

export function createBackupScheduler(options: BackupSchedulerOptions): BackupScheduler {
  const checkEveryMs = options.checkEveryMs ?? 15 * 60_000
  const maxAgeMs = options.maxAgeMs ?? DAY_MS
  const log = options.log ?? (() => {})
  let stopper: AbortController | null = null
  let running: Promise<unknown> = Promise.resolve()

  // One backup at a time: a manual check and the timer must not race on the same second's file name.
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = running.then(fn, fn)
    running = next.catch(() => {})
    return next
  }

  const take = (reason: 'daily' | 'close-of-day') =>
    serial(async () => {
      const entry = await options.backups.backupNow(reason)
      const pruned = options.backups.prune()
      log('info', 'ledger backed up', { name: entry.name, bytes: entry.bytes, reason, pruned: pruned.length })
      return entry
    })

  async function check(): Promise<BackupEntry | null> {
    const newest = options.backups.list()[0]
    if (newest && options.clock.now() - newest.createdAt < maxAgeMs) return null
    try {
      return await take('daily')
    } catch (e) {
      log('warn', 'scheduled backup failed', { error: e })
      return null
    }
  }

  return {
    start() {
      if (stopper) return
      const ctl = new AbortController()
      stopper = ctl
      void (async () => {
        while (!ctl.signal.aborted) {
          try {
            await options.clock.sleep(checkEveryMs, ctl.signal)
          } catch {
            return
          }
          await check()
        }
      })()
    },
    closeOfDay: () => take('close-of-day'),
    check,
    async stop() {
      stopper?.abort()
      stopper = null
      await running
    }
  }
}
