/**
 * The composition root: builds every core service once, wires them to the event bus, and returns the
 * handler for every channel. Electron's main (`main/index.ts`) and the browser harness
 * (`main/harness/`) both call this, so the two run the very same code behind the same contract.
 */
import { join } from 'node:path'
import type { Handlers } from '../ipc/router'
import { createAppService } from './app/handlers'
import { systemClock, type Clock } from './clock'
import { createEventBus, type EventBus } from './events'
import { createCheckout, LEDGER_FILE, type Checkout } from './payment/checkout'
import { createClientSwitcher } from './payment/switchable-client'
import { createEnvironmentGuard } from './payment/environment-guard'
import { createUnsettledProbe } from './payment/unsettled'
import { createCatalogService } from './catalog/catalog-service'
import type { PockytClient, PockytClientSettings } from './pockyt/types'
import { applyPendingRestore, createBackupService } from './backup/backup'
import { createBackupHandlers } from './backup/handlers'
import { guardHandlers } from './backup/ledger-errors'
import { createBackupScheduler } from './backup/scheduler'
import { createDiagnosticsHandlers } from './logging/handlers'
import { createHistoryService, type Printer } from './reports/history-service'
import { createLogger, withRedaction } from './logging/logger'
import { createEnvSecretStore, type SecretStore } from './settings/secret-store'
import { createSettingsService } from './settings/service'

export interface ServicesOptions {
  /** Folder for the ledger, settings, logs and backups. */
  dataDir: string
  version: string
  shell: 'electron' | 'harness'
  clock?: Clock
  /** Seconds between `app:status` heartbeats; 0 turns them off (tests). */
  heartbeatSeconds?: number
  /** Pockyt settings from the environment (harness) or the settings store (Electron); none = training. */
  pockyt?: { baseUrl: string; merchantNo: string; storeNo: string; token: string }
  /** Tests: a Pockyt client to use instead of the live or Training one. */
  pockytClient?: PockytClient
  /** This till's id (one wallet payment in progress per terminal); default "T1". */
  terminalId?: string
  /** From `pay` to cancelling an unconfirmed payment; default 60 s. */
  paymentTimeoutMs?: number
  log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void
  /** Where the Pockyt token is kept: safeStorage in Electron; default POCKYT_TOKEN (the harness). */
  secrets?: SecretStore
  /** Electron's silent print / printToPDF (main/printing.ts); none in the harness (HTML preview only). */
  printer?: Printer
  /** Electron's customer display window (filled in once the windows exist); none in the harness. */
  displayWindow?: { reopen(): boolean }
}

export interface Services {
  handlers: Handlers
  events: EventBus
  /** The redacting logger (file + the caller's sink); transports log their own failures through it. */
  log: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void
  /** Stops timers and closes the ledger. */
  close(): Promise<void>
}

export async function createServices(options: ServicesOptions): Promise<Services> {
  const clock = options.clock ?? systemClock
  // Every line goes to <dataDir>/logs (rotated) and to the caller's sink, with the token scrubbed.
  const fileLog = createLogger(join(options.dataDir, 'logs'), { now: () => clock.now() })
  const log = withRedaction((level, message, fields) => {
    fileLog(level, message, fields)
    options.log?.(level, message, fields)
  })
  log.addSecret(options.pockyt?.token)
  const events = createEventBus((e) => log('error', 'event listener failed', { error: String(e) }))
  // The mode of the client the checkout uses now (it follows Settings, see switchable-client.ts).
  const running: { checkout?: Checkout } = {}
  const mode = (): 'training' | 'live' =>
    running.checkout?.switchable.current().mode ?? (options.pockyt ? 'live' : 'training')
  let settingsChanged = async () => {}
  const settings = await createSettingsService({
    dataDir: options.dataDir,
    clock,
    events,
    secrets: options.secrets ?? createEnvSecretStore(),
    log,
    addSecret: log.addSecret,
    activeMode: mode,
    environmentCredentials: options.pockyt !== undefined,
    apply: () => settingsChanged(),
    onChanged: () => app.pushStatus()
  })
  // Live credentials: the harness's environment, else the settings once they passed "Test connection".
  const fromSettings = options.pockyt || options.pockytClient ? null : await settings.pockytSettings()
  const pockyt = options.pockyt ?? fromSettings ?? undefined

  const app = createAppService({ name: 'QRC POS', version: options.version, shell: options.shell, mode, events, clock })

  // A restore staged by backup:restore is swapped in here, before any connection to the ledger opens.
  const ledgerFile = join(options.dataDir, LEDGER_FILE)
  const restored = applyPendingRestore(ledgerFile, clock.now())
  if (restored) log('warn', 'restored ledger put in place', { replaced: restored.replaced })

  // Throws PosError LEDGER_UNAVAILABLE (details.reason: corrupt | newer-version | io) for the stop screen.
  const checkout = await createCheckout({
    dataDir: options.dataDir,
    clock,
    events,
    pockyt,
    pockytClient: options.pockytClient,
    recoveryPockyt: options.pockyt || options.pockytClient ? null : await settings.storedCredentials(),
    terminalId: options.terminalId,
    // Read for each new sale / payment: a change in Settings applies at once.
    currency: () => settings.store.get().currency,
    paymentTimeoutMs: options.paymentTimeoutMs ?? (() => settings.store.get().paymentTimeoutSeconds * 1000),
    log
  })
  running.checkout = checkout
  // Training <-> live (and new credentials) apply at once, or when the unsettled payments and refunds
  // have settled: a payment's calls all go to the environment it started in. Not when the environment
  // (harness POCKYT_*) or a test fixes the client.
  if (!options.pockyt && !options.pockytClient) {
    const unsettled = createUnsettledProbe(checkout.ledger.db)
    const keyOf = (p: PockytClientSettings | null) => JSON.stringify(p)
    const switcher = createClientSwitcher({
      switchable: checkout.switchable,
      busy: unsettled,
      initialKey: keyOf(checkout.startedWith),
      async desired() {
        const p = await settings.pockytSettings()
        return { key: keyOf(p), build: () => checkout.targetFor(p) }
      },
      onSwitched() {
        app.pushStatus()
        void settings.publish()
      },
      log
    })
    events.subscribe((e) => {
      if (e.name === 'payment:changed' || e.name === 'refund:changed') switcher.retry()
    })
    settingsChanged = async () => {
      checkout.sales.currencyChanged()
      await switcher.request()
    }
    // Started on the environment of payments a previous run left unsettled: the configured one follows.
    if (keyOf(checkout.startedWith) !== keyOf(fromSettings)) await switcher.request()
  } else {
    settingsChanged = async () => checkout.sales.currencyChanged()
  }
  // Once the checkout runs, so `activeMode` is the client's (windows that connect later get it replayed).
  await settings.publish()

  const backups = createBackupService({ dataDir: options.dataDir, ledgerFile, db: () => checkout.ledger.db, clock })
  const backupScheduler = createBackupScheduler({ backups, clock, log })
  backupScheduler.start()

  const history = createHistoryService({
    db: checkout.ledger.db,
    client: checkout.client,
    clock,
    events,
    dataDir: options.dataDir,
    terminalId: options.terminalId ?? 'T1',
    storeId: () => checkout.switchable.current().storeId,
    settings: () => settings.store.get(),
    mode,
    requireManagerPin: settings.requireManagerPin,
    printer: options.printer,
    onSale: (saleId) => checkout.sales.notify(saleId),
    log
  })

  const handlers: Handlers = {
    ...app.handlers,
    ...checkout.handlers,
    ...settings.handlers,
    ...createCatalogService({ db: checkout.ledger.db, clock, events, currency: () => settings.store.get().currency })
      .handlers,
    ...createBackupHandlers({ backups, requireManagerPin: settings.requireManagerPin, log }),
    ...createDiagnosticsHandlers({
      dataDir: options.dataDir,
      logDir: fileLog.dir,
      clock,
      app: () => ({ name: 'QRC POS', version: options.version, shell: options.shell, mode: mode() }),
      settings: () => settings.view(),
      secrets: async () => log.secrets()
    }),
    ...history.handlers,
    'display:reopen': () => ({ open: options.displayWindow?.reopen() ?? false })
  }

  // A refund or void goes to the environment that took the payment (Training and live switch at run time;
  // not when the environment or a test fixes the client).
  if (!options.pockyt && !options.pockytClient) {
    const sameEnvironment = createEnvironmentGuard(checkout.ledger.db, () => checkout.switchable.current())
    const refund = handlers['refund:start']
    handlers['refund:start'] = (input, ctx) => (sameEnvironment(input.saleId, 'refund'), refund(input, ctx))
    const voidSale = handlers['void:start']
    handlers['void:start'] = (input, ctx) => (sameEnvironment(input.saleId, 'void'), voidSale(input, ctx))
  }

  // Close of day: each Z report is followed by a backup of the ledger (a failed backup is logged; the report stands).
  const zReport = handlers['report:z']
  handlers['report:z'] = async (input, ctx) => {
    const report = await zReport(input, ctx)
    backupScheduler.closeOfDay().catch((e) => log('warn', 'close-of-day backup failed', { error: e }))
    return report
  }

  app.pushStatus()
  const heartbeat =
    (options.heartbeatSeconds ?? 5) > 0
      ? setInterval(app.pushStatus, (options.heartbeatSeconds ?? 5) * 1000)
      : undefined
  heartbeat?.unref?.()

  return {
    // A ledger write failing for lack of disk or a damaged file reaches the window as LEDGER_UNAVAILABLE.
    handlers: guardHandlers(handlers, ledgerFile, (channel, e) =>
      log('error', 'ledger write failed', { channel, error: e.message, details: e.details })
    ),
    events,
    log,
    async close() {
      if (heartbeat) clearInterval(heartbeat)
      await backupScheduler.stop()
      await history.close()
      await checkout.close()
      fileLog.close()
    }
  }
}
