/**
 * What `npm run harness` prints when it cannot start: for a ledger it cannot open, what happened, what
 * to do, and the data folder (the same facts as the Electron app's stop dialog); for anything else, the
 * error's message. Never a stack trace: the person reading it is running the POS, not debugging it.
 */
import { join } from 'node:path'
import { isPosError } from '../core/errors'
import { BACKUP_DIR_NAME } from '../core/backup/backup'
import type { LedgerFailureDetails } from '../core/ledger/open'

export function startupFailureText(error: unknown, dataDir: string): string {
  if (isPosError(error) && error.code === 'LEDGER_UNAVAILABLE') {
    const reason = (error.details as Partial<LedgerFailureDetails> | undefined)?.reason
    const backups = join(dataDir, BACKUP_DIR_NAME)
    const todo =
      reason === 'newer-version'
        ? 'Run the newer QRC POS that wrote it, or start the harness with another --data-dir.'
        : reason === 'corrupt'
          ? `Stop here and keep the damaged file for support. Move it aside and copy the newest backup from ${backups} in its place, or start the harness with another --data-dir.`
          : 'Check that the disk has free space and the data folder can be written, then start again.'
    return [
      'QRC POS cannot open its ledger; no sale can be taken until this is fixed.',
      `What happened: ${error.message}`,
      `What to do: ${todo}`,
      `Data folder: ${dataDir}`
    ].join('\n')
  }
  const message = isPosError(error) || error instanceof Error ? error.message : String(error)
  return `QRC POS harness failed to start: ${message}\nData folder: ${dataDir}`
}
