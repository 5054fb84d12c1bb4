/**
 * The persisted settings: `<dataDir>/settings.json`, validated on load and on every change.
 *
 * - A file that cannot be read or does not validate is never overwritten silently: it is copied to
 *   `settings.corrupt-<time>.json`, defaults are used in memory, and `problem` says so until the next save.
 * - `update(patch)` validates the whole result and writes nothing on any error; the error lists a message
 *   per field (`details.fields`).
 * - Training vs live: live only after the current credentials passed "Test connection"; changing the
 *   credentials drops back to training.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import {
  ConnectionTest,
  Settings,
  SETTINGS_FIELDS,
  type SettingsField,
  type SettingsValue
} from '../../../preload/contract/schemas/settings'
import { BASE_URL_PRESETS } from '../pockyt/types'
import { PosError } from '../errors'
import type { Clock } from '../clock'
import { writeFileAtomic } from './atomic-file'

export const SETTINGS_FILE_NAME = 'settings.json'

export type Mode = 'training' | 'live'
export type ConnectionTestValue = z.output<typeof ConnectionTest>

/** What works out of the box: training mode against the simulator, US dollars, no tax. */
export const DEFAULT_SETTINGS: SettingsValue = Object.freeze({
  storeName: 'My store',
  storeAddress: '',
  storeLogo: null,
  currency: 'USD',
  taxRates: [],
  paymentTimeoutSeconds: 60,
  customerDisplay: { kind: 'auto' },
  cashierLanguage: 'en',
  displayLanguage: 'en',
  receiptPrinter: null,
  cameraDeviceId: null,
  pockytEnvironment: 'sandbox',
  pockytCustomUrl: null,
  merchantNo: '',
  storeNo: '',
  storeAdminNo: '',
  payPath: '/app-instore/v3/pay'
}) as SettingsValue

/** Fields whose change invalidates a passed connection test (and so live mode). */
export const CREDENTIAL_FIELDS: readonly SettingsField[] = [
  'pockytEnvironment',
  'pockytCustomUrl',
  'merchantNo',
  'storeNo',
  'storeAdminNo',
  'payPath'
]

const StoredConnection = ConnectionTest.extend({ credentialsKey: z.string() })

/** What settings.json holds (read field by field by `recover`). */
interface SettingsFileValue {
  format: 1
  settings: SettingsValue
  mode: Mode
  connection: z.output<typeof StoredConnection> | null
}

/** Per-field messages, keyed by setting name. */
export type FieldErrors = Partial<Record<SettingsField | 'patch', string>>

export interface SettingsState {
  settings: SettingsValue
  mode: Mode
  /** The last connection test, only if it was of the current credentials. */
  connection: ConnectionTestValue | null
  problem: string | null
}

export interface SettingsStore {
  readonly file: string
  get(): SettingsValue
  state(): SettingsState
  /** Validates and saves; throws BAD_INPUT with `details.fields` and saves nothing on any error. */
  update(patch: Partial<Record<SettingsField, unknown>>): { changed: SettingsField[]; credentialsChanged: boolean }
  /** Records a connection test of the current credentials (a failed one also ends live mode). */
  recordConnectionTest(test: ConnectionTestValue): void
  /** Forgets the test result and returns to training (e.g. the token was replaced). */
  invalidateConnection(): void
  /** Training -> live needs `confirm` and a passing test of the current credentials. */
  setMode(mode: Mode, confirm: boolean): void
}

/** The base URL the chosen environment resolves to (custom: as entered, without a trailing slash). */
export function resolveBaseUrl(s: Pick<SettingsValue, 'pockytEnvironment' | 'pockytCustomUrl'>): string {
  if (s.pockytEnvironment === 'custom') return (s.pockytCustomUrl ?? '').replace(/\/+$/, '')
  return BASE_URL_PRESETS[s.pockytEnvironment]
}

/** Identifies the credentials a test was run with (no token: replacing the token invalidates explicitly). */
export function credentialsKey(s: SettingsValue): string {
  return JSON.stringify([resolveBaseUrl(s), s.merchantNo, s.storeNo, s.storeAdminNo, s.payPath])
}

/** Turns zod issues into one message per top-level field (the first problem of each). */
export function fieldErrors(issues: readonly { path: PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of issues) {
    const [field, ...rest] = issue.path
    const key = (
      typeof field === 'string' && (SETTINGS_FIELDS as string[]).includes(field) ? field : 'patch'
    ) as keyof FieldErrors
    if (out[key]) continue
    // "Tax rate 2: ..." tells which row of a list is wrong.
    const row = key === 'taxRates' && typeof rest[0] === 'number' ? `Tax rate ${rest[0] + 1}: ` : ''
    out[key] = row + issue.message
  }
  return out
}

/**
 * What kind of problem each field has, so a window can say it in its own language (the messages are
 * English): the zod issue code, its bounds, and for lists the row. `missing-file` is ours (logo).
 */
export interface FieldIssue {
  code: string
  /** What was checked: string, number or array (for too_small / too_big). */
  origin?: string
  min?: number
  max?: number
  row?: number
}

export function fieldIssues(
  issues: readonly {
    path: PropertyKey[]
    code?: string
    origin?: unknown
    minimum?: unknown
    maximum?: unknown
    expected?: unknown
  }[]
): Partial<Record<SettingsField | 'patch', FieldIssue>> {
  const out: Partial<Record<SettingsField | 'patch', FieldIssue>> = {}
  for (const issue of issues) {
    const [field, ...rest] = issue.path
    const key = (
      typeof field === 'string' && (SETTINGS_FIELDS as string[]).includes(field) ? field : 'patch'
    ) as SettingsField
    if (out[key]) continue
    const code = issue.code === 'invalid_type' && issue.expected === 'int' ? 'not_integer' : (issue.code ?? 'custom')
    out[key] = {
      code,
      ...(typeof issue.origin === 'string' ? { origin: issue.origin } : {}),
      ...(typeof issue.minimum === 'number' ? { min: issue.minimum } : {}),
      ...(typeof issue.maximum === 'number' ? { max: issue.maximum } : {}),
      ...(key === 'taxRates' && typeof rest[0] === 'number' ? { row: rest[0] + 1 } : {})
    }
  }
  return out
}

function describe(errors: FieldErrors): string {
  const lines = Object.entries(errors).map(([k, m]) => `${k}: ${m}`)
  return `Nothing was saved. Fix ${lines.length === 1 ? 'this field' : `these ${lines.length} fields`}: ${lines.join(' ')}`
}

/**
 * Reads what it can of a settings file: fields it lacks take their defaults (a file from an older
 * version), keys it does not know are ignored (a newer version), and each invalid field falls back to
 * its default and is reported. Any fallback also returns to training: a live mode must never survive
 * on credentials that were not the ones tested.
 */
export function recover(raw: unknown): { value: SettingsFileValue; problem: string | null } {
  const fresh: SettingsFileValue = { format: 1, settings: { ...DEFAULT_SETTINGS }, mode: 'training', connection: null }
  const obj = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : null
  const given = obj?.settings
  if (!obj || obj.format !== 1 || given === null || typeof given !== 'object' || Array.isArray(given)) {
    return { value: fresh, problem: 'it is not a QRC POS settings file (format 1)' }
  }
  const candidate: Record<string, unknown> = { ...DEFAULT_SETTINGS }
  for (const k of SETTINGS_FIELDS) if (k in given) candidate[k] = (given as Record<string, unknown>)[k]
  const reset: FieldErrors = {}
  for (let round = 0; round < 3; round++) {
    const r = Settings.safeParse(candidate)
    if (r.success) {
      const clean = Object.keys(reset).length === 0
      const connection = StoredConnection.safeParse(obj.connection)
      return {
        value: {
          format: 1,
          settings: r.data,
          mode: clean && obj.mode === 'live' ? 'live' : 'training',
          connection: clean && connection.success ? connection.data : null
        },
        problem: clean
          ? null
          : Object.entries(reset)
              .map(([k, m]) => `${k}: ${m}`)
              .join(' ')
      }
    }
    for (const [k, m] of Object.entries(fieldErrors(r.error.issues))) {
      const field = (k === 'patch' ? 'pockytEnvironment' : k) as SettingsField
      reset[field] ??= m
      candidate[field] = DEFAULT_SETTINGS[field]
      // A custom URL cannot be fixed alone: go back to the default environment with it.
      if (field === 'pockytCustomUrl') candidate.pockytEnvironment = DEFAULT_SETTINGS.pockytEnvironment
    }
  }
  return { value: fresh, problem: 'its values could not be read' }
}

export interface SettingsStoreOptions {
  dataDir: string
  clock: Clock
}

/** Loads (or starts from defaults) and returns the store. Never throws for a bad file: see `problem`. */
export function createSettingsStore(options: SettingsStoreOptions): SettingsStore {
  mkdirSync(options.dataDir, { recursive: true })
  const file = join(options.dataDir, SETTINGS_FILE_NAME)
  let current: SettingsFileValue = { format: 1, settings: { ...DEFAULT_SETTINGS }, mode: 'training', connection: null }
  let problem: string | null = null

  if (existsSync(file)) {
    let why: string | null
    try {
      const loaded = recover(JSON.parse(readFileSync(file, 'utf8')))
      current = loaded.value
      why = loaded.problem
    } catch (e) {
      why =
        e instanceof SyntaxError
          ? 'it is not valid JSON'
          : `it cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`
    }
    if (why) {
      const copy = join(options.dataDir, `settings.corrupt-${options.clock.now()}.json`)
      try {
        copyFileSync(file, copy)
      } catch {
        // The original stays in place untouched until the next save; the copy is a courtesy.
      }
      problem = `The settings file could not be used as it is (${why}). Defaults are shown for that, and the app is in training; the file was kept as ${copy}. Saving replaces it.`
    }
  }

  function save(next: SettingsFileValue): void {
    writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`)
    current = next
    problem = null
  }

  function connectionOfCurrent(): ConnectionTestValue | null {
    const c = current.connection
    if (!c || c.credentialsKey !== credentialsKey(current.settings)) return null
    const { credentialsKey: _k, ...test } = c
    return test
  }

  return {
    file,
    get: () => current.settings,
    state: () => ({ settings: current.settings, mode: current.mode, connection: connectionOfCurrent(), problem }),

    update(patch) {
      const unknown = Object.keys(patch).filter((k) => !(SETTINGS_FIELDS as string[]).includes(k))
      if (unknown.length) {
        throw new PosError('BAD_INPUT', `Unknown setting ${unknown.join(', ')}. Nothing was saved.`, {
          fields: { patch: `Unknown setting ${unknown.join(', ')}.` }
        })
      }
      const merged = { ...current.settings, ...patch }
      const r = Settings.safeParse(merged)
      const errors: FieldErrors = r.success ? {} : fieldErrors(r.error.issues)
      const kinds = r.success ? {} : fieldIssues(r.error.issues)
      if (r.success) {
        const logo = r.data.storeLogo
        if (logo && !logo.startsWith('data:') && !existsSync(join(options.dataDir, logo))) {
          errors.storeLogo = `There is no file named ${logo} in the data folder (${options.dataDir}).`
          kinds.storeLogo = { code: 'missing-file' }
        }
      }
      if (!r.success || Object.keys(errors).length) {
        throw new PosError('BAD_INPUT', describe(errors), { fields: errors, issues: kinds })
      }
      const next = r.data
      const changed = SETTINGS_FIELDS.filter((k) => JSON.stringify(next[k]) !== JSON.stringify(current.settings[k]))
      const credentialsChanged = credentialsKey(next) !== credentialsKey(current.settings)
      if (!changed.length && !problem) return { changed, credentialsChanged }
      save({
        ...current,
        settings: next,
        mode: credentialsChanged ? 'training' : current.mode,
        connection: credentialsChanged ? null : current.connection
      })
      return { changed, credentialsChanged }
    },

    recordConnectionTest(test) {
      const stored = { ...test, credentialsKey: credentialsKey(current.settings) }
      save({ ...current, connection: stored, mode: test.outcome === 'works' ? current.mode : 'training' })
    },

    invalidateConnection() {
      if (!current.connection && current.mode === 'training') return
      save({ ...current, connection: null, mode: 'training' })
    },

    setMode(mode, confirm) {
      if (mode === current.mode) return
      if (mode === 'training') return save({ ...current, mode })
      const test = connectionOfCurrent()
      if (!test || test.outcome !== 'works') {
        throw new PosError(
          'CONFLICT',
          'Live mode needs credentials that passed "Test connection". Enter the merchant number, store number and token, then test the connection.'
        )
      }
      if (!confirm) {
        throw new PosError('CONFLICT', 'Going live takes real money from customers: confirm the switch to live mode.')
      }
      save({ ...current, mode })
    }
  }
}
