/**
 * The `settings`, `backup` and `diagnostics` channels: store settings, Pockyt credentials (the token is
 * write-only: no output here can carry it), the manager PIN, backups of the ledger and the diagnostics zip.
 *
 * `Settings` is the one model of what is persisted (main validates with it on load and on every update);
 * `settings:update` takes a loosely typed patch on purpose, so main can answer with a message per field
 * instead of the router's single BAD_INPUT line.
 */
import { z } from 'zod'
import { LOGO_DATA_URL_MAX_CHARS, LOGO_MAX_KB, PAYMENT_TIMEOUT_SECONDS, PIN_PATTERN } from '../settings-limits'

/** Currencies Pockyt lists for in-store payments (same list as main/core/money.ts). */
export const CURRENCIES = ['USD', 'CNY', 'PHP', 'IDR', 'KRW', 'HKD', 'THB', 'MYR', 'GBP', 'BDT', 'PKR'] as const
export const LANGUAGES = ['en', 'zh-CN'] as const
export const POCKYT_ENVIRONMENTS = ['production', 'sandbox', 'legacySandbox', 'custom'] as const
export const PAY_PATHS = ['/app-instore/v3/pay', '/app-instore/v3/prepay'] as const

export { LOGO_DATA_URL_MAX_CHARS, LOGO_MAX_KB, PAYMENT_TIMEOUT_SECONDS, PIN_PATTERN }

const trimmed = (max: number, what: string) =>
  z
    .string({ error: `${what} must be text.` })
    .trim()
    .max(max, { error: `${what} is too long (at most ${max} characters).` })

/** Digits only, as Pockyt issues them. */
const pockytNumber = (what: string) =>
  z
    .string({ error: `${what} must be text.` })
    .trim()
    .regex(/^(\d{1,20})?$/, { error: `${what} is digits only (e.g. 200043), or empty while in training.` })

const LOGO_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.(png|jpe?g|webp)$/i
const LOGO_DATA_URL = /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}$/

/**
 * A logo: a small PNG/JPEG/WebP data URL, or the name of an image file in the data folder. SVG is refused:
 * it can carry script, and the logo is shown on the customer display.
 */
export const StoreLogo = z.union([
  z.null(),
  z
    .string()
    .max(LOGO_DATA_URL_MAX_CHARS, { error: `The logo is too large: use an image under ${LOGO_MAX_KB} KB.` })
    .refine((s) => (s.startsWith('data:') ? LOGO_DATA_URL.test(s) : LOGO_FILE.test(s)), {
      error:
        'The logo must be a PNG, JPEG or WebP image (a data URL, or a file name in the data folder such as logo.png).'
    })
])

export const TaxRate = z.strictObject({
  /** Stable id the catalog refers to (letters, digits, - and _). */
  id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, { error: 'A tax rate id is 1 to 32 letters, digits, - or _.' }),
  name: trimmed(40, 'A tax rate name').min(1, { error: 'A tax rate needs a name.' }),
  /** Basis points: 825 = 8.25%. */
  rateBp: z
    .number({ error: 'A tax rate must be a number.' })
    .int({ error: 'A tax rate is in hundredths of a percent (825 = 8.25%): no fractions.' })
    .min(0, { error: 'A tax rate cannot be negative.' })
    .max(10_000, { error: 'A tax rate cannot exceed 100%.' })
})

export const Settings = z
  .strictObject({
    storeName: trimmed(60, 'The store name').min(1, {
      error: 'The store name is required (it is printed on receipts).'
    }),
    storeAddress: trimmed(200, 'The store address').refine((s) => s.split('\n').length <= 4, {
      error: 'The store address fits on at most 4 lines.'
    }),
    storeLogo: StoreLogo,
    currency: z.enum(CURRENCIES, { error: `The currency must be one Pockyt takes: ${CURRENCIES.join(', ')}.` }),
    taxRates: z
      .array(TaxRate, { error: 'Tax rates must be a list.' })
      .max(20, { error: 'At most 20 tax rates.' })
      .refine((rates) => new Set(rates.map((r) => r.id)).size === rates.length, {
        error: 'Two tax rates have the same id.'
      }),
    paymentTimeoutSeconds: z
      .number({ error: 'The payment timeout must be a number of seconds.' })
      .int({ error: 'The payment timeout is a whole number of seconds.' })
      .min(PAYMENT_TIMEOUT_SECONDS.min, {
        error: `The payment timeout is at least ${PAYMENT_TIMEOUT_SECONDS.min} seconds.`
      })
      .max(PAYMENT_TIMEOUT_SECONDS.max, {
        error: `The payment timeout is at most ${PAYMENT_TIMEOUT_SECONDS.max} seconds.`
      }),
    /** Which monitor shows the customer display: none, the first secondary one, or a specific display id. */
    customerDisplay: z.union(
      [
        z.strictObject({ kind: z.literal('none') }),
        z.strictObject({ kind: z.literal('auto') }),
        z.strictObject({ kind: z.literal('display'), displayId: z.number().int().nonnegative() })
      ],
      { error: 'The customer display is none, automatic, or a display chosen from the list.' }
    ),
    cashierLanguage: z.enum(LANGUAGES, { error: 'The language is English (en) or Simplified Chinese (zh-CN).' }),
    displayLanguage: z.enum(LANGUAGES, { error: 'The language is English (en) or Simplified Chinese (zh-CN).' }),
    /** Printer name as the OS lists it; null = no receipt printer (receipts on screen only). */
    receiptPrinter: z.union([
      z.null(),
      trimmed(200, 'The printer name').min(1, { error: 'Choose a printer or none.' })
    ]),
    /** MediaDeviceInfo.deviceId of the scanning camera; null = the default camera. */
    cameraDeviceId: z.union([z.null(), z.string().min(1).max(200, { error: 'That camera id is too long.' })]),
    pockytEnvironment: z.enum(POCKYT_ENVIRONMENTS, {
      error: 'Pick production, sandbox, legacy sandbox or a custom URL.'
    }),
    /** Only used with `custom`: https, or http://127.0.0.1 for a local simulator. */
    pockytCustomUrl: z.union([z.null(), z.string().trim().max(200, { error: 'That URL is too long.' })]),
    merchantNo: pockytNumber('The merchant number'),
    storeNo: pockytNumber('The store number'),
    storeAdminNo: pockytNumber('The store admin number'),
    payPath: z.enum(PAY_PATHS, { error: `The pay path is ${PAY_PATHS.join(' or ')}.` })
  })
  .superRefine((s, ctx) => {
    if (s.pockytEnvironment !== 'custom') return
    const problem = customUrlProblem(s.pockytCustomUrl)
    if (problem) ctx.addIssue({ code: 'custom', path: ['pockytCustomUrl'], message: problem })
  })

export type SettingsValue = z.output<typeof Settings>
export type SettingsField = keyof SettingsValue
export const SETTINGS_FIELDS = Object.keys(Settings.shape) as SettingsField[]

/** Why a custom base URL is refused, or null when it is fine. Pure: main and tests share it. */
export function customUrlProblem(raw: string | null): string | null {
  if (!raw) return 'Enter the custom Pockyt URL (https://…).'
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return 'That is not a URL: it should look like https://mapi.example.com.'
  }
  if (url.username || url.password) return 'The URL must not contain a user name or password.'
  if (url.search || url.hash) return 'The URL must not have ?query or #fragment parts.'
  if (url.protocol === 'https:') return null
  if (url.protocol === 'http:' && url.hostname === '127.0.0.1') return null
  return 'The URL must start with https:// (plain http is only allowed for a simulator on 127.0.0.1).'
}

/** A patch: any subset of the fields, each checked by main (per-field messages), unknown keys refused. */
export const SettingsPatch = z.strictObject(
  Object.fromEntries(SETTINGS_FIELDS.map((k) => [k, z.unknown().optional()])) as Record<
    SettingsField,
    z.ZodOptional<z.ZodUnknown>
  >
)

const Pin = z.string().regex(PIN_PATTERN, { error: 'A PIN is 4 to 8 digits.' })
/** A manager PIN, needed once a PIN has been set. */
const OptionalPin = z.string().max(8).optional()

export const ConnectionOutcome = z.enum(['works', 'wrong-credentials', 'unreachable'])

export const ConnectionTest = z.strictObject({
  outcome: ConnectionOutcome,
  /** ms since the epoch */
  at: z.number().int(),
  /** The base URL tested (never the token). */
  baseUrl: z.string(),
  /** A sentence for the manager: what happened and what to do. */
  message: z.string(),
  /** Pockyt's ret_code when it answered, or the transport's reason. */
  detail: z.string().optional()
})

export const SettingsView = z.strictObject({
  settings: Settings,
  /** The base URL the chosen environment resolves to. */
  baseUrl: z.string(),
  /** The configured mode. */
  mode: z.enum(['training', 'live']),
  /** The mode payments use right now; differs from `mode` until the app restarts after a switch. */
  activeMode: z.enum(['training', 'live']),
  /**
   * Where the running checkout's live credentials come from: these settings, or the POCKYT_* environment
   * of the harness (which then wins over anything set here).
   */
  credentialsFrom: z.enum(['settings', 'environment']),
  /** Whether a token is stored. The token itself never leaves main. */
  tokenSet: z.boolean(),
  /** False when the token comes from the environment (harness) and cannot be changed here. */
  tokenWritable: z.boolean(),
  pinSet: z.boolean(),
  /** The last "Test connection" of the current credentials, if any. */
  connection: ConnectionTest.nullable(),
  /** Why settings.json could not be read (defaults are in use; the file was kept), or null. */
  problem: z.string().nullable()
})

export const BackupEntry = z.strictObject({
  /** File name inside the backups folder. */
  name: z.string(),
  /** ms since the epoch */
  createdAt: z.number().int(),
  bytes: z.number().int().nonnegative(),
  reason: z.enum(['manual', 'close-of-day', 'daily', 'before-restore'])
})

export const settingsChannels = {
  /** The settings, the mode and what is set; never the token or the PIN hash. */
  'settings:get': { input: z.undefined(), output: SettingsView },
  /**
   * Validates the whole result and saves it, or saves nothing and fails with BAD_INPUT whose
   * `details.fields` maps each bad field to a message. Changing credentials drops back to training.
   */
  'settings:update': {
    input: z.strictObject({ patch: SettingsPatch, pin: OptionalPin }),
    output: SettingsView
  },
  /** Write-only: replaces (or with null clears) the Pockyt API token. */
  'settings:setToken': {
    input: z.strictObject({ token: z.string().max(200).nullable(), pin: OptionalPin }),
    output: SettingsView
  },
  /** Sends a harmless signed query with the saved credentials: works / wrong credentials / unreachable. */
  'settings:testConnection': { input: z.undefined(), output: ConnectionTest },
  /** Training <-> live. Live needs a passing test of the current credentials and `confirm: true`. */
  'settings:setMode': {
    input: z.strictObject({ mode: z.enum(['training', 'live']), confirm: z.boolean().optional(), pin: OptionalPin }),
    output: SettingsView
  },
  /** Sets the first PIN (no `currentPin`) or changes it (`currentPin` required). */
  'settings:setPin': {
    input: z.strictObject({ currentPin: z.string().max(8).optional(), newPin: Pin }),
    output: z.strictObject({ pinSet: z.literal(true) })
  },
  /** Checks a PIN (counts towards the lockout); fails with PIN_REQUIRED when wrong or locked. */
  'settings:verifyPin': {
    input: z.strictObject({ pin: z.string().max(8) }),
    output: z.strictObject({ ok: z.literal(true) })
  },
  /** An online backup of the ledger now. */
  'backup:now': { input: z.undefined(), output: BackupEntry },
  'backup:list': { input: z.undefined(), output: z.array(BackupEntry) },
  /** Replaces the ledger with a backup after checking it; the app must then restart. */
  'backup:restore': {
    input: z.strictObject({ name: z.string().max(200), confirm: z.literal(true), pin: z.string().max(8) }),
    output: z.strictObject({
      restored: z.string(),
      safetyCopy: z.string().nullable(),
      restartRequired: z.literal(true)
    })
  },
  /** Writes a zip of the logs and app/OS info (no secrets, no ledger) into the data folder. */
  'diagnostics:export': {
    input: z.undefined(),
    output: z.strictObject({ path: z.string(), bytes: z.number().int().nonnegative(), files: z.array(z.string()) })
  }
}

export const settingsEvents = {
  /** Pushed after every saved change (never carries the token). */
  'settings:changed': SettingsView
}
