/**
 * Structured logs: one JSON object per line in `<dir>/app.log`, rotated by size to `app.1.log` …
 * `app.<keep-1>.log` (oldest dropped). Every line passes through `redact.ts` first, including any secret
 * value registered with `addSecret` (the token), wherever it appears. Writing is synchronous and never
 * throws: a full disk may lose log lines, never a sale.
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { redactText, redactValue } from './redact'

export type LogLevel = 'info' | 'warn' | 'error'
/** The shape `ServicesOptions.log` takes. */
export type LogFn = (level: LogLevel, message: string, fields?: Record<string, unknown>) => void

export interface Logger extends LogFn {
  readonly dir: string
  /** The file being written now. */
  readonly file: string
  /** Redacts this value from every later line (the token once it is known). */
  addSecret(value: string | null | undefined): void
  /** Current log files, newest first. */
  files(): string[]
  close(): void
}

export interface LoggerOptions {
  /** Rotate when the current file would pass this size. Default 1 MiB. */
  maxBytes?: number
  /** Files kept, the current one included. Default 5. */
  keep?: number
  /** Timestamps; defaults to Date.now (pass the services' clock for deterministic tests). */
  now?: () => number
  /** Secret values known from the start. */
  secrets?: readonly string[]
}

export const LOG_FILE_NAME = 'app.log'
const rotated = (dir: string, n: number) => join(dir, n === 0 ? LOG_FILE_NAME : `app.${n}.log`)

/** Creates the folder if needed and returns a logger appending to `<dir>/app.log`. */
export function createLogger(dir: string, options: LoggerOptions = {}): Logger {
  const maxBytes = Math.max(1024, options.maxBytes ?? 1024 * 1024)
  const keep = Math.max(1, options.keep ?? 5)
  const now = options.now ?? Date.now
  const secrets = new Set<string>(options.secrets ?? [])
  const file = rotated(dir, 0)
  mkdirSync(dir, { recursive: true })
  let fd: number | null = null
  let size = existsSync(file) ? statSync(file).size : 0
  let failedOnce = false

  const open = () => {
    fd ??= openSync(file, 'a', 0o600)
    return fd
  }

  function rotate(): void {
    if (fd !== null) closeSync(fd)
    fd = null
    rmSync(rotated(dir, keep - 1), { force: true })
    for (let n = keep - 2; n >= 0; n--) {
      if (existsSync(rotated(dir, n))) renameSync(rotated(dir, n), rotated(dir, n + 1))
    }
    size = 0
  }

  const log = ((level, message, fields) => {
    try {
      const list = [...secrets]
      const safeFields = fields ? (redactValue(fields, list) as Record<string, unknown>) : {}
      // Fixed keys go last so a field cannot overwrite the level or time.
      const line = `${JSON.stringify({ ...safeFields, t: new Date(now()).toISOString(), level, msg: redactText(message, list) })}\n`
      const bytes = Buffer.byteLength(line)
      if (size > 0 && size + bytes > maxBytes) rotate()
      writeSync(open(), line)
      size += bytes
    } catch (e) {
      if (!failedOnce) {
        failedOnce = true
        console.error(`logging to ${dir} failed: ${(e as Error).message}`)
      }
    }
  }) as Logger

  return Object.assign(log, {
    dir,
    file,
    addSecret(value: string | null | undefined) {
      const v = value?.trim()
      if (v) secrets.add(v)
    },
    files() {
      return Array.from({ length: keep }, (_, n) => rotated(dir, n)).filter((f) => existsSync(f))
    },
    close() {
      if (fd !== null) closeSync(fd)
      fd = null
    }
  })
}

/** A log function that scrubs known secret values (and the usual keys) before passing lines on. */
export interface RedactingLog extends LogFn {
  addSecret(value: string | null | undefined): void
  secrets(): string[]
}

/**
 * Wraps any sink (the file logger, the harness console) so that every line is redacted once, with the
 * secrets registered so far, before any sink sees it.
 */
export function withRedaction(sink: LogFn): RedactingLog {
  const secrets = new Set<string>()
  const log = ((level, message, fields) => {
    const list = [...secrets]
    sink(level, redactText(message, list), fields ? (redactValue(fields, list) as Record<string, unknown>) : undefined)
  }) as RedactingLog
  return Object.assign(log, {
    addSecret(value: string | null | undefined) {
      const v = value?.trim()
      if (v) secrets.add(v)
    },
    secrets: () => [...secrets]
  })
}
