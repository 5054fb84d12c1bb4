/**
 * The `backup:*` channels. Restoring replaces every sale recorded since the backup, so it needs the
 * manager PIN (a PIN must exist) and an explicit confirmation, and the app must restart afterwards.
 */
import type { Handlers } from '../../ipc/router'
import type { LogFn } from '../logging/logger'
import type { BackupService } from './backup'

export interface BackupHandlerDeps {
  backups: BackupService
  requireManagerPin(pin: string | undefined, options?: { mustBeSet?: boolean; action?: string }): void
  log?: LogFn
}

export function createBackupHandlers(
  deps: BackupHandlerDeps
): Pick<Handlers, 'backup:now' | 'backup:list' | 'backup:restore'> {
  const log = deps.log ?? (() => {})
  return {
    'backup:now': async () => {
      const entry = await deps.backups.backupNow('manual')
      deps.backups.prune()
      log('info', 'ledger backed up', { name: entry.name, bytes: entry.bytes, reason: 'manual' })
      return entry
    },
    'backup:list': () => deps.backups.list(),
    'backup:restore': async ({ name, pin }) => {
      deps.requireManagerPin(pin, { mustBeSet: true, action: 'restore a backup' })
      const result = await deps.backups.restore(name)
      log('warn', 'ledger restored from backup', { ...result })
      return { restored: result.restored, safetyCopy: result.safetyCopy, restartRequired: true as const }
    }
  }
}
