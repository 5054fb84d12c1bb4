/**
 * A hand-written stand-in for the `electron` module (no binary can run here). Use it from a test file with
 *
 *   vi.mock('electron', () => import('./mock-electron'))
 *   import * as electron from './mock-electron'
 *
 * and call `resetElectronMock()` in `beforeEach`. Objects are EventEmitters, so tests fire the same events
 * Electron would (`webContents.emit('will-navigate', ...)`, `screen.emit('display-added')`, ...).
 */
import { EventEmitter } from 'node:events'
import { vi } from 'vitest'

// --- Frames, web contents, sessions ----------------------------------------------------------------

/** The part of WebFrameMain the sender check reads. */
export class FakeFrame {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null
  ) {}
}

export class FakeSession {
  permissionRequestHandler: ((...args: unknown[]) => void) | null = null
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null
  setPermissionRequestHandler = vi.fn((h: ((...args: unknown[]) => void) | null) => {
    this.permissionRequestHandler = h
  })
  setPermissionCheckHandler = vi.fn((h: ((...args: unknown[]) => boolean) | null) => {
    this.permissionCheckHandler = h
  })
}

let nextWebContentsId = 1

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++
  destroyed = false
  mainFrame = new FakeFrame('')
  session: FakeSession
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | undefined
  send = vi.fn()
  setWindowOpenHandler = vi.fn((h: (details: { url: string }) => { action: 'allow' | 'deny' }) => {
    this.windowOpenHandler = h
  })

  constructor(ses: FakeSession) {
    super()
    this.session = ses
  }

  isDestroyed(): boolean {
    return this.destroyed
  }

  getURL(): string {
    return this.mainFrame.url
  }

  /** Test helper: what a page would look like after loading `url`. */
  navigateTo(url: string): void {
    this.mainFrame.url = url
  }
}

// --- BrowserWindow ---------------------------------------------------------------------------------

interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = []

  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.destroyed)
  }

  static fromWebContents(wc: unknown): FakeBrowserWindow | null {
    return FakeBrowserWindow.instances.find((w) => w.webContents === wc && !w.destroyed) ?? null
  }

  readonly options: Record<string, unknown>
  readonly webContents: FakeWebContents
  destroyed = false
  fullScreen = false
  minimized = false
  visible = false
  bounds: Rect

  loadURL = vi.fn(async (url: string) => {
    this.webContents.navigateTo(url)
  })
  show = vi.fn(() => {
    this.visible = true
  })
  showInactive = vi.fn(() => {
    this.visible = true
  })
  focus = vi.fn()
  restore = vi.fn(() => {
    this.minimized = false
  })
  setBounds = vi.fn((b: Partial<Rect>) => {
    this.bounds = { ...this.bounds, ...b }
  })
  setFullScreen = vi.fn((on: boolean) => {
    const was = this.fullScreen
    this.fullScreen = on
    // Real Electron emits these after the (possibly animated) transition; synchronous is enough here.
    if (was && !on) this.emit('leave-full-screen')
    if (!was && on) this.emit('enter-full-screen')
  })
  close = vi.fn(() => this.destroy())

  constructor(options: Record<string, unknown> = {}) {
    super()
    this.options = options
    const webPreferences = (options.webPreferences ?? {}) as { session?: FakeSession }
    this.webContents = new FakeWebContents(webPreferences.session ?? session.defaultSession)
    this.bounds = {
      x: Number(options.x ?? 0),
      y: Number(options.y ?? 0),
      width: Number(options.width ?? 800),
      height: Number(options.height ?? 600)
    }
    this.fullScreen = options.fullscreen === true
    FakeBrowserWindow.instances.push(this)
  }

  isDestroyed(): boolean {
    return this.destroyed
  }
  isFullScreen(): boolean {
    return this.fullScreen
  }
  isMinimized(): boolean {
    return this.minimized
  }
  isVisible(): boolean {
    return this.visible
  }
  getBounds(): Rect {
    return { ...this.bounds }
  }

  /** Test helper: what closing the window does in Electron (contents die, then 'closed'). */
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.webContents.destroyed = true
    this.emit('closed')
  }
}

// --- Modules -------------------------------------------------------------------------------------------

type IpcHandler = (event: unknown, ...args: unknown[]) => unknown

export const ipcMain = {
  handlers: new Map<string, IpcHandler>(),
  handle: vi.fn((channel: string, handler: IpcHandler) => {
    if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    ipcMain.handlers.set(channel, handler)
  }),
  removeHandler: vi.fn((channel: string) => {
    ipcMain.handlers.delete(channel)
  })
}

const rendererEmitter = new EventEmitter()
export const ipcRenderer = {
  emitter: rendererEmitter,
  invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => undefined),
  on: vi.fn((event: string, listener: (...args: unknown[]) => void) => {
    rendererEmitter.on(event, listener)
    return ipcRenderer
  }),
  removeListener: vi.fn((event: string, listener: (...args: unknown[]) => void) => {
    rendererEmitter.removeListener(event, listener)
    return ipcRenderer
  })
}

export const contextBridge = {
  exposed: {} as Record<string, unknown>,
  exposeInMainWorld: vi.fn((key: string, api: unknown) => {
    contextBridge.exposed[key] = api
  })
}

class FakeApp extends EventEmitter {
  isPackaged = false
  paths: Record<string, string> = {}
  version = ''
  readyPromise: Promise<void> = Promise.resolve()
  reset(): void {
    this.removeAllListeners()
    this.isPackaged = false
    this.paths = { userData: '/tmp/qrc-pos-test/userData' }
    this.version = '0.1.0-test'
    this.readyPromise = Promise.resolve()
  }
  requestSingleInstanceLock = vi.fn(() => true)
  quit = vi.fn(() => {
    this.emit('before-quit', { preventDefault: () => {} })
  })
  exit = vi.fn()
  whenReady = vi.fn(() => this.readyPromise)
  getPath = vi.fn((name: string) => {
    const p = this.paths[name]
    if (!p) throw new Error(`Failed to get '${name}' path`)
    return p
  })
  getVersion = vi.fn(() => this.version)
}
export const app = new FakeApp()
app.reset()

class FakeScreen extends EventEmitter {
  displays: { id: number; bounds: Rect; workArea: Rect }[] = []
  primaryId = 1
  reset(): void {
    this.removeAllListeners()
    this.displays = [
      { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }
    ]
    this.primaryId = 1
  }
  getAllDisplays = vi.fn(() => this.displays)
  getPrimaryDisplay = vi.fn(() => this.displays.find((d) => d.id === this.primaryId) ?? this.displays[0])
  getDisplayMatching = vi.fn((rect: Rect) => {
    const cx = rect.x + rect.width / 2
    const cy = rect.y + rect.height / 2
    return (
      this.displays.find(
        (d) =>
          cx >= d.bounds.x && cx < d.bounds.x + d.bounds.width && cy >= d.bounds.y && cy < d.bounds.y + d.bounds.height
      ) ?? this.getPrimaryDisplay()
    )
  })
}
export const screen = new FakeScreen()
screen.reset()

export const shell = { openExternal: vi.fn(async (_url: string) => {}) }
export const session = { defaultSession: new FakeSession() }
export const protocol = {
  handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  registerSchemesAsPrivileged: vi.fn(),
  handle: vi.fn((scheme: string, handler: (request: Request) => Response | Promise<Response>) => {
    protocol.handlers.set(scheme, handler)
  })
}
export const dialog = { showErrorBox: vi.fn() }
export const systemPreferences = {
  getMediaAccessStatus: vi.fn((_media: string) => 'granted'),
  askForMediaAccess: vi.fn(async (_media: string) => true)
}
/** Reversible stand-in for the OS keychain: "encrypts" by base64 with a prefix. */
export const safeStorage = {
  isEncryptionAvailable: vi.fn(() => true),
  getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
  encryptString: vi.fn((plain: string) => Buffer.from(`enc:${plain}`)),
  decryptString: vi.fn((encrypted: Buffer) => encrypted.toString().replace(/^enc:/, ''))
}
export const BrowserWindow = FakeBrowserWindow

/** Fresh state for every test: no windows, no handlers, default app/screen, cleared call records. */
export function resetElectronMock(): void {
  vi.clearAllMocks()
  FakeBrowserWindow.instances = []
  ipcMain.handlers.clear()
  rendererEmitter.removeAllListeners()
  contextBridge.exposed = {}
  protocol.handlers.clear()
  session.defaultSession = new FakeSession()
  app.reset()
  screen.reset()
}
