/**
 * The two windows (cashier, customer display), locked down the same way, and the display window's
 * placement across monitors. Decisions live in pure modules (security.ts, display-placement.ts); this
 * file only applies them to Electron objects.
 */
import { BrowserWindow, screen, shell, systemPreferences, type Session } from 'electron'
import { chooseCustomerDisplay, samePlacement, type Placement } from './display-placement'
import { APP_ORIGIN, EXTERNAL_LINK_HOSTS, isPermissionAllowed, isSafeExternalUrl } from './security'
import type { WindowRegistry, WindowRole } from './window-registry'

export type Log = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void

export interface WindowContext {
  registry: WindowRegistry
  /** Absolute path of the built preload (out/preload/index.js). */
  preloadPath: string
  /** The trusted dev-server origin in development; undefined serves app://pos. */
  devServerUrl?: string
  /** Devtools only for development builds. */
  devTools?: boolean
  /** The customer display chosen in settings, when the settings store has one. */
  preferredDisplayId?: () => number | undefined
  log?: Log
}

const PAGES: Record<WindowRole, string> = { cashier: 'index.html', display: 'display.html' }

/** The page a window of this role loads: app://pos/... in production, the dev server in development. */
export function pageUrl(role: WindowRole, devServerUrl?: string): string {
  return `${devServerUrl ?? APP_ORIGIN}/${PAGES[role]}`
}

/**
 * Opens a link in the OS browser only if it passes isSafeExternalUrl for an allowed host
 * (EXTERNAL_LINK_HOSTS); a refusal is logged by scheme only, never the URL.
 */
export function openExternalIfSafe(url: string, log: Log = () => {}): boolean {
  if (!isSafeExternalUrl(url, { allowedHosts: EXTERNAL_LINK_HOSTS })) {
    let scheme = 'invalid'
    try {
      scheme = new URL(url).protocol
    } catch {
      /* keep 'invalid' */
    }
    log('warn', 'refused to open an external URL', { scheme })
    return false
  }
  shell.openExternal(url).catch((e: unknown) => log('warn', 'could not open external URL', { error: String(e) }))
  return true
}

/**
 * No navigation away from our page, no redirects, no webviews, no new windows. A link to an allowed
 * https page (help, Pockyt docs) goes to the OS browser instead of replacing the POS.
 */
export function guardWindow(win: BrowserWindow, log: Log = () => {}): void {
  const contents = win.webContents
  contents.on('will-navigate', (event) => {
    event.preventDefault()
    openExternalIfSafe(event.url, log)
  })
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault() // no subframes should exist (CSP frame-src 'none')
  })
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfSafe(url, log)
    return { action: 'deny' }
  })
}

/** The part of `systemPreferences` the macOS camera gate uses (tests pass a fake). */
export interface MediaAccess {
  getMediaAccessStatus(mediaType: 'camera'): string
  askForMediaAccess(mediaType: 'camera'): Promise<boolean>
}

/**
 * Does the OS let this app use the camera? Only macOS gates it per app: ask once ('not-determined'),
 * otherwise follow what the user chose in System Settings. Elsewhere Chromium's own request decides.
 */
export async function osAllowsCamera(
  platform: NodeJS.Platform,
  media: MediaAccess,
  log: Log = () => {}
): Promise<boolean> {
  if (platform !== 'darwin') return true
  const status = media.getMediaAccessStatus('camera')
  if (status === 'granted') return true
  if (status === 'not-determined') return media.askForMediaAccess('camera')
  log('warn', 'camera access is off for QRC POS in System Settings > Privacy & Security > Camera', { status })
  return false
}

export interface PermissionOptions {
  devServerUrl?: string
  platform?: NodeJS.Platform
  media?: MediaAccess
  log?: Log
}

/**
 * The session's permission policy: the camera for the main frame of our own windows on our own
 * pages, nothing else. Both handlers are needed: Chromium checks first, then requests. On macOS a
 * granted camera request also asks the OS once, so the system prompt appears instead of a dead camera.
 */
export function installPermissionHandlers(
  ses: Session,
  registry: WindowRegistry,
  options: PermissionOptions = {}
): void {
  const { devServerUrl, log } = options
  const platform = options.platform ?? process.platform
  const media = options.media ?? systemPreferences
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const allowed =
      !!registry.find(contents) && isPermissionAllowed(permission, details.requestingUrl, details, devServerUrl)
    if (!allowed) return callback(false)
    osAllowsCamera(platform, media, log).then(callback, (e: unknown) => {
      log?.('warn', 'camera access check failed', { error: String(e) })
      callback(false)
    })
  })
  ses.setPermissionCheckHandler((contents, permission, requestingOrigin, details) => {
    if (!contents || !registry.find(contents)) return false
    return isPermissionAllowed(permission, details.requestingUrl ?? requestingOrigin, details, devServerUrl)
  })
}

function createWindow(ctx: WindowContext, role: WindowRole, options: Electron.BrowserWindowConstructorOptions) {
  // Electron's secure defaults, spelled out literally here (not built by a helper) so that no one flips
  // them by accident and static checkers (electronegativity) can see them.
  const win = new BrowserWindow({
    ...options,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: ctx.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      devTools: ctx.devTools ?? false
    }
  })
  ctx.registry.add(win, role)
  guardWindow(win, ctx.log)
  win.loadURL(pageUrl(role, ctx.devServerUrl)).catch((e: unknown) => {
    ctx.log?.('error', 'page failed to load', { role, error: String(e) })
  })
  return win
}

/** The cashier window: normal, on the primary display, shown once painted. */
export function createCashierWindow(ctx: WindowContext): BrowserWindow {
  const win = createWindow(ctx, 'cashier', {
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 680,
    title: 'QRC POS'
  })
  win.once('ready-to-show', () => win.show())
  return win
}

/** Where the display window belongs right now, given the monitors and the cashier window. */
export function currentPlacement(ctx: WindowContext, cashier?: BrowserWindow): Placement | undefined {
  const displays = screen.getAllDisplays()
  const primaryId = screen.getPrimaryDisplay().id
  const cashierDisplayId =
    cashier && !cashier.isDestroyed() ? screen.getDisplayMatching(cashier.getBounds()).id : undefined
  return chooseCustomerDisplay({ displays, primaryId, cashierDisplayId, preferredId: ctx.preferredDisplayId?.() })
}

/** Moves the window to a placement; leaves full screen first, as the OS will not move a full-screen window. */
export function applyPlacement(win: BrowserWindow, placement: Placement): void {
  if (win.isDestroyed()) return
  if (win.isFullScreen()) {
    win.once('leave-full-screen', () => applyPlacement(win, placement))
    win.setFullScreen(false)
    return
  }
  win.setBounds(placement.bounds)
  if (placement.fullScreen) win.setFullScreen(true)
}

/**
 * The customer display: full screen on a monitor of its own when there is one, windowed on the
 * primary otherwise; it follows monitors being added, removed or rearranged and the cashier window
 * moving. It never takes focus from the cashier.
 */
export function createDisplayWindow(ctx: WindowContext, cashier?: BrowserWindow): BrowserWindow {
  let placement = currentPlacement(ctx, cashier)
  const win = createWindow(ctx, 'display', {
    ...(placement?.bounds ?? { width: 800, height: 600 }),
    fullscreen: placement?.fullScreen ?? false,
    title: 'QRC POS - Customer display'
  })
  win.once('ready-to-show', () => win.showInactive())

  const follow = () => {
    if (win.isDestroyed()) return
    const next = currentPlacement(ctx, cashier)
    if (!next || samePlacement(placement, next)) return
    placement = next
    ctx.log?.('info', 'customer display moved', { displayId: next.displayId, fullScreen: next.fullScreen })
    applyPlacement(win, next)
  }
  screen.on('display-added', follow)
  screen.on('display-removed', follow)
  screen.on('display-metrics-changed', follow)
  cashier?.on('moved', follow)
  win.once('closed', () => {
    screen.removeListener('display-added', follow)
    screen.removeListener('display-removed', follow)
    screen.removeListener('display-metrics-changed', follow)
    if (cashier && !cashier.isDestroyed()) cashier.removeListener('moved', follow)
  })
  return win
}
