/**
 * The Electron app's life: one instance, the app:// scheme, the core services, the IPC transport, the
 * two windows, and a clean quit that closes the ledger. main/index.ts only calls `startApp()`; tests
 * call it with `electron` mocked and fakes injected.
 */
import { join } from 'node:path'
import { app, BrowserWindow, dialog, protocol, session } from 'electron'
import { createServices, type Services, type ServicesOptions } from './core/services'
import { isPosError } from './core/errors'
import { pockytFromEnv } from './core/settings/pockyt-env'
import { createElectronPrinter } from './printing'
import { createSafeStorageSecretStore } from './secrets'
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol'
import { registerElectronTransport, type ElectronTransport } from './ipc/electron-transport'
import { createRouter } from './ipc/router'
import { APP_SCHEME, trustedDevServerUrl } from './security'
import { createWindowRegistry, type WindowRegistry } from './window-registry'
import { createCashierWindow, installPermissionHandlers, type Log } from './windows'
import { choiceFromEvents, createCustomerDisplay, type CustomerDisplay } from './customer-display'

export interface StartOptions {
  env?: NodeJS.ProcessEnv
  /** Injected by tests; production uses main/core/services.ts. */
  createServices?: (options: ServicesOptions) => Promise<Services>
  /** Built renderer and preload; default to the electron-vite output beside out/main. */
  rendererDir?: string
  preloadPath?: string
  log?: Log
}

export interface Runtime {
  services: Services
  transport: ElectronTransport
  registry: WindowRegistry
  cashier: BrowserWindow
  /** The customer display window now (none when Settings say "none", or until it is reopened). */
  readonly display: BrowserWindow | undefined
  /** Follows Settings' `customerDisplay` and reopens a closed display window. */
  customerDisplay: CustomerDisplay
}

/** One JSON line per log entry on stderr; callers never pass tokens or full payment codes. */
const consoleLog: Log = (level, message, fields) => {
  console.error(JSON.stringify({ level, message, ...fields }))
}

/** Tells the person at the till why the app cannot start, in words they can act on, then exits. */
export function showStartupError(error: unknown, dataDir: string): void {
  if (isPosError(error) && error.code === 'LEDGER_UNAVAILABLE') {
    dialog.showErrorBox(
      'QRC POS cannot open its ledger',
      `${error.message}\n\nNo sale can be taken until this is fixed. The ledger is in:\n${dataDir}`
    )
  } else {
    const message = isPosError(error) || error instanceof Error ? error.message : String(error)
    dialog.showErrorBox('QRC POS could not start', message)
  }
}

/**
 * Starts the app. Returns a promise for the running app, or for undefined when this launch stops early
 * (another instance is running, or start-up failed and the app is exiting).
 */
export function startApp(options: StartOptions = {}): Promise<Runtime | undefined> {
  const env = options.env ?? process.env
  const log = options.log ?? consoleLog

  // Must happen before `ready`: a standard + secure scheme makes app://pos a secure context (camera).
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }])

  // Two processes on one ledger would break payment recovery: a second launch focuses the first.
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return Promise.resolve(undefined)
  }

  let runtime: Runtime | undefined
  app.on('second-instance', () => {
    const cashier = runtime?.cashier
    if (!cashier || cashier.isDestroyed()) return
    if (cashier.isMinimized()) cashier.restore()
    cashier.show()
    cashier.focus()
  })
  app.on('window-all-closed', () => app.quit())

  // Quit waits for the ledger to close; the second pass through before-quit lets the quit proceed.
  let closeState: 'open' | 'closing' | 'closed' = 'open'
  app.on('before-quit', (event) => {
    if (!runtime || closeState === 'closed') return
    event.preventDefault()
    if (closeState === 'closing') return
    closeState = 'closing'
    runtime.customerDisplay.dispose()
    runtime.transport.dispose()
    runtime.services
      .close()
      .catch((e: unknown) => log('error', 'closing services failed', { error: String(e) }))
      .finally(() => {
        closeState = 'closed'
        app.quit()
      })
  })

  return app
    .whenReady()
    .then(async () => {
      const devServerUrl = trustedDevServerUrl(env.ELECTRON_RENDERER_URL, app.isPackaged)
      if (env.ELECTRON_RENDERER_URL && !devServerUrl) {
        log('warn', 'ignoring ELECTRON_RENDERER_URL (packaged app, or not a loopback http URL)')
      }
      protocol.handle(
        APP_SCHEME,
        createAppProtocolHandler({ rootDir: options.rendererDir ?? join(__dirname, '../renderer') })
      )

      const registry = createWindowRegistry()
      installPermissionHandlers(session.defaultSession, registry, { devServerUrl, log })

      const dataDir = app.getPath('userData')
      // `display:reopen` reaches the display window once it exists (filled in below).
      const displayWindow = { reopen: (): boolean => false }
      let services: Services
      try {
        services = await (options.createServices ?? createServices)({
          dataDir,
          version: app.getVersion(),
          shell: 'electron',
          // POCKYT_* (all four) is a developer override; normally live credentials come from the settings
          // screen, the token kept by safeStorage. Neither: training mode (the built-in simulator).
          pockyt: pockytFromEnv(env),
          secrets: createSafeStorageSecretStore({ dir: dataDir }),
          printer: createElectronPrinter(),
          displayWindow,
          log
        })
      } catch (e) {
        log('error', 'start-up failed', { error: String(e) })
        showStartupError(e, dataDir)
        app.exit(1)
        return undefined
      }

      try {
        const router = createRouter(services.handlers, {
          onInternalError: (channel, error) =>
            services.log('error', 'handler failed', { channel, error: String(error) })
        })
        const transport = registerElectronTransport({ router, events: services.events, registry, devServerUrl, log })

        const ctx = {
          registry,
          devServerUrl,
          devTools: !app.isPackaged,
          preloadPath: options.preloadPath ?? join(__dirname, '../preload/index.js'),
          log
        }
        const cashier = createCashierWindow(ctx)
        // Where Settings put the customer display (published at start), then every settings:changed.
        const customerDisplay = createCustomerDisplay(ctx, cashier, {
          initial: choiceFromEvents(services.events),
          events: services.events
        })
        displayWindow.reopen = () => customerDisplay.reopen()
        // The display is a view of the cashier's sale: without the cashier window there is no app.
        cashier.once('closed', () => app.quit())

        runtime = {
          services,
          transport,
          registry,
          cashier,
          get display() {
            return customerDisplay.window()
          },
          customerDisplay
        }
      } catch (e) {
        // The ledger is open: close it before giving up, so the next start finds it clean.
        log('error', 'start-up failed', { error: String(e) })
        await services.close().catch(() => {})
        showStartupError(e, dataDir)
        app.exit(1)
        return undefined
      }
      log('info', 'started', { mode: devServerUrl ? 'dev' : 'app', dataDir })
      return runtime
    })
    .catch((e: unknown) => {
      // Anything else before the services exist (protocol, session): same stop, nothing to close.
      log('error', 'start-up failed', { error: String(e) })
      showStartupError(e, '(unknown)')
      app.exit(1)
      return undefined
    })
}
