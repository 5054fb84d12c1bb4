/**
 * The `settings:*` channels: the settings model, the write-only token, "Test connection", training vs
 * live, and the manager PIN. Every answer and event is a `SettingsView`, which has no field that could
 * carry the token (`tokenSet` says whether one is stored).
 */
import type { z } from 'zod'
import type { Handlers } from '../../ipc/router'
import type { SettingsView } from '../../../preload/contract/schemas/settings'
import type { Clock } from '../clock'
import { PosError } from '../errors'
import type { EventBus } from '../events'
import type { FetchLike, PockytClientSettings } from '../pockyt/client'
import type { LogFn } from '../logging/logger'
import { testConnection } from './connection'
import { createManagerPin, type ManagerPin } from './pin'
import { normaliseToken, type SecretStore } from './secret-store'
import { createSettingsStore, resolveBaseUrl, type Mode, type SettingsStore } from './store'

export type SettingsViewValue = z.output<typeof SettingsView>

export interface SettingsServiceDeps {
  dataDir: string
  clock: Clock
  events: EventBus
  secrets: SecretStore
  log?: LogFn
  /** Told every secret value the moment it is known, so logs can redact it. */
  addSecret?: (value: string) => void
  /** For "Test connection"; defaults to the global fetch. */
  fetch?: FetchLike
  connectionTimeoutMs?: number
  /**
   * The mode the running checkout uses: it follows the configured one at once, except while a payment
   * or refund is unsettled (then when they settle); default: the configured one.
   */
  activeMode?: () => Mode
  /** True when the harness took live credentials from POCKYT_* (they win over the settings). */
  environmentCredentials?: boolean
  /**
   * Applies a saved change to the running app (the checkout's Pockyt client, currency) before the
   * answer and `settings:changed` are built, so they already tell the mode in use.
   */
  apply?: () => Promise<void>
  /** Called after every saved change (the composition root pushes `app:status` for the mode badge). */
  onChanged?: (view: SettingsViewValue) => void
}

type SettingsChannel =
  | 'settings:get'
  | 'settings:update'
  | 'settings:setToken'
  | 'settings:testConnection'
  | 'settings:setMode'
  | 'settings:setPin'
  | 'settings:verifyPin'

export interface SettingsService {
  handlers: Pick<Handlers, SettingsChannel>
  store: SettingsStore
  pin: ManagerPin
  /** What windows may see. */
  view(): Promise<SettingsViewValue>
  /** The configured mode (what `activeMode` becomes once no payment or refund is unsettled). */
  mode(): Mode
  /** Emits the current view (at start, so windows that connect later get it from the bus's replay). */
  publish(): Promise<void>
  /**
   * The guard for refunds, voids, settings and Z reports: throws PIN_REQUIRED unless `pin` is the
   * manager PIN (or no PIN is set yet and `mustBeSet` is not asked for).
   */
  requireManagerPin(pin: string | undefined, options?: { mustBeSet?: boolean; action?: string }): void
  /** The live Pockyt settings with the token, or null in training. Main only: never send it to a window. */
  pockytSettings(): Promise<PockytClientSettings | null>
  /** The stored credentials whatever the mode (null if incomplete): to settle payments a live run left. */
  storedCredentials(): Promise<PockytClientSettings | null>
}

/** Builds the service; reads settings.json and the PIN file, registers the stored token for redaction. */
export async function createSettingsService(deps: SettingsServiceDeps): Promise<SettingsService> {
  const log = deps.log ?? (() => {})
  const store = createSettingsStore({ dataDir: deps.dataDir, clock: deps.clock })
  const pin = createManagerPin({ dataDir: deps.dataDir, clock: deps.clock })
  try {
    const stored = await deps.secrets.get()
    if (stored) deps.addSecret?.(stored)
  } catch (e) {
    log('warn', 'stored API token unreadable', { error: e })
  }
  if (store.state().problem) log('warn', 'settings file unusable, defaults in use', { problem: store.state().problem })

  async function view(): Promise<SettingsViewValue> {
    const s = store.state()
    return {
      settings: s.settings,
      baseUrl: resolveBaseUrl(s.settings),
      mode: s.mode,
      activeMode: deps.activeMode?.() ?? s.mode,
      credentialsFrom: deps.environmentCredentials ? 'environment' : 'settings',
      tokenSet: await deps.secrets.has(),
      tokenWritable: deps.secrets.writable,
      pinSet: pin.isSet(),
      connection: s.connection,
      problem: s.problem
    }
  }

  async function changed(): Promise<SettingsViewValue> {
    try {
      await deps.apply?.()
    } catch (e) {
      // The change is saved; the running app keeps what it had (logged, retried on the next change).
      log('error', 'settings change not applied to the running app', { error: e })
    }
    const v = await view()
    deps.events.emit('settings:changed', v)
    deps.onChanged?.(v)
    return v
  }

  /** The credentials as the client wants them, or a BAD_INPUT saying what is missing. */
  async function credentials(): Promise<PockytClientSettings> {
    const s = store.get()
    const token = await deps.secrets.get()
    const missing = [!s.merchantNo && 'merchant number', !s.storeNo && 'store number', !token && 'API token'].filter(
      Boolean
    )
    if (missing.length)
      throw new PosError('BAD_INPUT', `Enter the ${missing.join(', ')} first, then test the connection.`)
    return {
      baseUrl: resolveBaseUrl(s),
      merchantNo: s.merchantNo,
      storeNo: s.storeNo,
      storeAdminNo: s.storeAdminNo || undefined,
      token: token!,
      payPath: s.payPath
    }
  }

  const requireManagerPin: SettingsService['requireManagerPin'] = (given, options) => pin.require(given, options)

  const handlers: SettingsService['handlers'] = {
    'settings:get': () => view(),

    'settings:update': async ({ patch, pin: given }) => {
      // The cashier's own screen language (the header's select) is a preference, not a store setting:
      // it needs no manager PIN on its own. Anything else in the same patch does.
      const keys = Object.keys(patch)
      const languageOnly = keys.length > 0 && keys.every((k) => k === 'cashierLanguage')
      if (!languageOnly) requireManagerPin(given, { action: 'change settings' })
      const { changed: fields, credentialsChanged } = store.update(patch)
      if (fields.length) log('info', 'settings saved', { fields, credentialsChanged })
      return changed()
    },

    'settings:setToken': async ({ token, pin: given }) => {
      requireManagerPin(given, { action: 'change the API token' })
      if (!deps.secrets.writable) {
        throw new PosError(
          'CONFLICT',
          'The API token comes from the environment here and cannot be changed from the app.'
        )
      }
      if (token === null) await deps.secrets.clear()
      else {
        const t = normaliseToken(token)
        deps.addSecret?.(t)
        await deps.secrets.set(t)
      }
      store.invalidateConnection()
      log('info', token === null ? 'API token cleared' : 'API token replaced')
      return changed()
    },

    'settings:testConnection': async () => {
      const creds = await credentials()
      const result = await testConnection(creds, {
        fetch: deps.fetch,
        clock: deps.clock,
        log,
        timeoutMs: deps.connectionTimeoutMs
      })
      const test = { ...result, at: deps.clock.now(), baseUrl: creds.baseUrl }
      store.recordConnectionTest(test)
      log(result.outcome === 'works' ? 'info' : 'warn', 'connection tested', {
        outcome: result.outcome,
        detail: result.detail
      })
      await changed()
      return test
    },

    'settings:setMode': async ({ mode, confirm, pin: given }) => {
      requireManagerPin(given, { action: mode === 'live' ? 'go live' : 'switch to training' })
      const before = store.state().mode
      store.setMode(mode, confirm === true)
      if (before !== mode) log('warn', `mode switched to ${mode}`)
      return changed()
    },

    'settings:setPin': ({ currentPin, newPin }) => {
      const first = !pin.isSet()
      pin.set(newPin, currentPin)
      log('info', first ? 'manager PIN set' : 'manager PIN changed')
      void changed()
      return { pinSet: true as const }
    },

    'settings:verifyPin': ({ pin: given }) => {
      pin.verify(given)
      return { ok: true as const }
    }
  }

  return {
    handlers,
    store,
    pin,
    view,
    mode: () => store.state().mode,
    async publish() {
      deps.events.emit('settings:changed', await view())
    },
    requireManagerPin,
    async storedCredentials() {
      try {
        return await credentials()
      } catch {
        return null
      }
    },
    async pockytSettings() {
      // Both, always: live mode AND a passing test of exactly these credentials.
      const state = store.state()
      if (state.mode !== 'live' || state.connection?.outcome !== 'works') return null
      try {
        return await credentials()
      } catch (e) {
        // Live but the token is gone or unreadable: payments fall back to training, loudly.
        log('error', 'live mode without usable credentials: running in training', { error: e })
        return null
      }
    }
  }
}
