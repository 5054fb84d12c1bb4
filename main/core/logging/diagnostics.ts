/**
 * "Export diagnostics": a zip a store can send to support. It holds the log files (redacted again with
 * the secrets known now), app and OS facts, and the settings as the settings screen sees them. It never
 * holds the ledger, the token, the PIN hash or a backup: only what is listed here goes in.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { arch, cpus, platform, release, totalmem, freemem, uptime } from 'node:os'
import { basename, join } from 'node:path'
import { zipSync, strToU8 } from 'fflate'
import { redactText, redactValue } from './redact'

export interface DiagnosticsInput {
  /** Where the zip is written (created if needed). */
  outDir: string
  /** Log files to include (e.g. `logger.files()`). */
  logFiles: readonly string[]
  app: { name: string; version: string; shell: string; mode: string }
  /** The settings view (already without secrets); redacted once more anyway. */
  settings: unknown
  /** Values that must not appear in the zip (the token). */
  secrets: readonly string[]
  now: number
}

export interface DiagnosticsResult {
  path: string
  bytes: number
  files: string[]
}

/** Facts about the machine and runtime that help support, nothing personal. */
export function systemInfo(): Record<string, unknown> {
  return {
    platform: platform(),
    arch: arch(),
    osRelease: release(),
    node: process.versions.node,
    electron: process.versions.electron ?? null,
    chrome: process.versions.chrome ?? null,
    v8: process.versions.v8,
    cpus: cpus().length,
    memoryMiB: { total: Math.round(totalmem() / 2 ** 20), free: Math.round(freemem() / 2 ** 20) },
    uptimeSeconds: Math.round(uptime())
  }
}

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-')

/** Builds the zip and writes it to `outDir/diagnostics-<time>.zip`. */
export function exportDiagnostics(input: DiagnosticsInput): DiagnosticsResult {
  const entries: Record<string, Uint8Array> = {}
  for (const file of input.logFiles) {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      continue
    }
    entries[`logs/${basename(file)}`] = strToU8(redactText(text, input.secrets))
  }
  const info = {
    exportedAt: new Date(input.now).toISOString(),
    app: input.app,
    system: systemInfo()
  }
  entries['info.json'] = strToU8(redactText(JSON.stringify(info, null, 2), input.secrets))
  entries['settings.json'] = strToU8(JSON.stringify(redactValue(input.settings, input.secrets), null, 2))
  const zip = zipSync(entries, { level: 6, mtime: new Date(input.now) })
  mkdirSync(input.outDir, { recursive: true })
  const path = join(input.outDir, `diagnostics-${stamp(input.now)}.zip`)
  writeFileSync(path, zip, { mode: 0o600 })
  return { path, bytes: zip.byteLength, files: Object.keys(entries).sort() }
}
