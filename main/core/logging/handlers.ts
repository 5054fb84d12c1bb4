/** The `diagnostics:export` channel: a zip of the logs and app/OS info for support (see diagnostics.ts). */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Handlers } from '../../ipc/router'
import type { Clock } from '../clock'
import { exportDiagnostics } from './diagnostics'

export interface DiagnosticsHandlerDeps {
  dataDir: string
  logDir: string
  clock: Clock
  app: () => { name: string; version: string; shell: string; mode: string }
  /** The settings as windows see them (no secrets). */
  settings: () => Promise<unknown>
  /** Values that must not appear in the zip (the token). */
  secrets: () => Promise<string[]>
}

/** `app.log`, `app.1.log`, …: the files the logger rotates through. */
export function logFilesIn(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((f) => /^app(\.\d+)?\.log$/.test(f))
    .map((f) => join(dir, f))
}

export function createDiagnosticsHandlers(deps: DiagnosticsHandlerDeps): Pick<Handlers, 'diagnostics:export'> {
  return {
    'diagnostics:export': async () =>
      exportDiagnostics({
        outDir: join(deps.dataDir, 'diagnostics'),
        logFiles: logFilesIn(deps.logDir),
        app: deps.app(),
        settings: await deps.settings(),
        secrets: await deps.secrets(),
        now: deps.clock.now()
      })
  }
}
