import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { BrowserWindow, Session } from 'electron'
import { EXTERNAL_LINK_HOSTS, isSafeExternalUrl } from '../../main/security'
import { createWindowRegistry, type WindowRegistry } from '../../main/window-registry'
import {
  applyPlacement,
  createCashierWindow,
  createDisplayWindow,
  guardWindow,
  installPermissionHandlers,
  openExternalIfSafe,
  osAllowsCamera,
  type PermissionOptions,
  pageUrl,
  type WindowContext
} from '../../main/windows'
import * as electron from './mock-electron'

vi.mock('electron', () => import('./mock-electron'))

const DEV = 'http://localhost:5173'
const PRELOAD = '/app/out/preload/index.js'

function display(id: number, x: number, width = 1920, height = 1080) {
  return { id, bounds: { x, y: 0, width, height }, workArea: { x, y: 0, width, height: height - 40 } }
}

/** An Electron-style event whose preventDefault we can observe. */
function navEvent(fields: Record<string, unknown> = {}) {
  return { preventDefault: vi.fn(), ...fields }
}

let registry: WindowRegistry
let ctx: WindowContext

beforeEach(() => {
  electron.resetElectronMock()
  registry = createWindowRegistry()
  ctx = { registry, preloadPath: PRELOAD }
})

const asFake = (win: BrowserWindow) => win as unknown as electron.FakeBrowserWindow

describe('window creation', () => {
  it.each([
    ['cashier', () => createCashierWindow(ctx)],
    ['display', () => createDisplayWindow(ctx)]
  ] as const)('the %s window is sandboxed, isolated, node-free, with our preload', (_role, create) => {
    const win = asFake(create())
    const prefs = win.options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      preload: PRELOAD,
      devTools: false
    })
    expect(win.options.show).toBe(false)
  })

  it('loads app://pos pages in production and the trusted dev server in development', () => {
    expect(pageUrl('cashier')).toBe('app://pos/index.html')
    expect(pageUrl('display')).toBe('app://pos/display.html')
    expect(pageUrl('display', DEV)).toBe('http://localhost:5173/display.html')

    const cashier = asFake(createCashierWindow(ctx))
    const display = asFake(createDisplayWindow(ctx, cashier as unknown as BrowserWindow))
    expect(cashier.loadURL).toHaveBeenCalledWith('app://pos/index.html')
    expect(display.loadURL).toHaveBeenCalledWith('app://pos/display.html')
  })

  it('registers each window with its role, so the IPC sender check knows it', () => {
    const cashier = createCashierWindow(ctx)
    const display = createDisplayWindow(ctx, cashier)
    expect(registry.get('cashier')).toBe(cashier)
    expect(registry.get('display')).toBe(display)
  })

  it('shows the cashier when painted, and the display without stealing focus', () => {
    const cashier = asFake(createCashierWindow(ctx))
    const display = asFake(createDisplayWindow(ctx, cashier as unknown as BrowserWindow))
    cashier.emit('ready-to-show')
    display.emit('ready-to-show')
    expect(cashier.show).toHaveBeenCalled()
    expect(display.showInactive).toHaveBeenCalled()
    expect(display.show).not.toHaveBeenCalled()
  })

  it('logs a page that fails to load instead of crashing main', async () => {
    const log = vi.fn()
    // The fake loadURL records the URL through navigateTo: make that fail, as a missing out/renderer would.
    const spy = vi.spyOn(electron.FakeWebContents.prototype, 'navigateTo').mockImplementationOnce(() => {
      throw new Error('ERR_FILE_NOT_FOUND')
    })
    createCashierWindow({ ...ctx, log })
    await new Promise((r) => setImmediate(r))
    expect(log).toHaveBeenCalledWith('error', 'page failed to load', expect.objectContaining({ role: 'cashier' }))
    spy.mockRestore()
  })
})

describe('navigation guards', () => {
  it('prevents every navigation, redirect and webview, on both windows', () => {
    for (const win of [createCashierWindow(ctx), createDisplayWindow(ctx)].map(asFake)) {
      const contents = win.webContents
      for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
        const e = navEvent({ url: 'https://evil.example/' })
        contents.emit(name, e)
        expect(e.preventDefault, name).toHaveBeenCalled()
      }
      const sub = navEvent({ url: 'https://evil.example/', isMainFrame: false })
      contents.emit('will-frame-navigate', sub)
      expect(sub.preventDefault).toHaveBeenCalled()
    }
  })

  it('prevents navigation even to our own origin (each window is one page)', () => {
    const win = asFake(createCashierWindow(ctx))
    const e = navEvent({ url: 'app://pos/display.html' })
    win.webContents.emit('will-navigate', e)
    expect(e.preventDefault).toHaveBeenCalled()
    expect(electron.shell.openExternal).not.toHaveBeenCalled()
  })

  it('sends an allowed https link clicked in the page to the OS browser instead, and drops others', () => {
    const win = asFake(createCashierWindow(ctx))
    win.webContents.emit('will-navigate', navEvent({ url: 'https://docs.pockyt.io/' }))
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://docs.pockyt.io/')
    win.webContents.emit('will-navigate', navEvent({ url: 'https://example.com/' }))
    expect(electron.shell.openExternal).toHaveBeenCalledTimes(1)
  })

  it('allows only the hosts in EXTERNAL_LINK_HOSTS, each of which is a plain public name', () => {
    expect(EXTERNAL_LINK_HOSTS.length).toBeGreaterThan(0)
    for (const host of EXTERNAL_LINK_HOSTS) expect(isSafeExternalUrl(`https://${host}/`)).toBe(true)
    expect(openExternalIfSafe('https://example.com/')).toBe(false)
  })

  it('denies every window.open; opens only safe https URLs externally', () => {
    const log = vi.fn()
    const win = asFake(createCashierWindow({ ...ctx, log }))
    const handler = win.webContents.windowOpenHandler!
    expect(handler({ url: 'https://pockyt.io/help' })).toEqual({ action: 'deny' })
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://pockyt.io/help')
    for (const url of [
      'http://pockyt.io',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://127.0.0.1/',
      'app://pos/'
    ]) {
      expect(handler({ url })).toEqual({ action: 'deny' })
    }
    expect(electron.shell.openExternal).toHaveBeenCalledTimes(1)
    expect(log).toHaveBeenCalledWith('warn', 'refused to open an external URL', { scheme: 'file:' })
  })

  it('guards any window it is given (defence for windows added later)', () => {
    const win = new electron.BrowserWindow()
    guardWindow(win as unknown as BrowserWindow)
    const e = navEvent({ url: 'https://pockyt.io' })
    win.webContents.emit('will-redirect', e)
    expect(e.preventDefault).toHaveBeenCalled()
    expect(win.webContents.setWindowOpenHandler).toHaveBeenCalled()
  })

  it('logs a failing openExternal rather than throwing', async () => {
    const log = vi.fn()
    electron.shell.openExternal.mockRejectedValueOnce(new Error('no browser'))
    expect(openExternalIfSafe('https://pockyt.io/', log)).toBe(true)
    await new Promise((r) => setImmediate(r))
    expect(log).toHaveBeenCalledWith('warn', 'could not open external URL', expect.anything())
  })
})

describe('permission handlers', () => {
  function setup(devServerUrl?: string, options: Partial<PermissionOptions> = {}) {
    const ses = electron.session.defaultSession
    installPermissionHandlers(ses as unknown as Session, registry, { devServerUrl, platform: 'linux', ...options })
    const ours = asFake(createCashierWindow({ ...ctx, devServerUrl }))
    /** The answer the request handler gives (it may answer after asking the OS). */
    const request = async (contents: unknown, permission: string, details: Record<string, unknown>) => {
      const callback = vi.fn()
      ses.permissionRequestHandler!(contents, permission, callback, details)
      await new Promise((r) => setImmediate(r))
      expect(callback).toHaveBeenCalledTimes(1)
      return callback.mock.calls[0]![0] as boolean
    }
    const check = (contents: unknown, permission: string, origin: string, details: Record<string, unknown>) =>
      ses.permissionCheckHandler!(contents, permission, origin, details)
    return { ses, ours, request, check }
  }

  it('installs both the request and the check handler', () => {
    const { ses } = setup()
    expect(ses.setPermissionRequestHandler).toHaveBeenCalledTimes(1)
    expect(ses.setPermissionCheckHandler).toHaveBeenCalledTimes(1)
  })

  it('grants the camera to our window on our page', async () => {
    const { ours, request, check } = setup()
    const url = 'app://pos/index.html'
    expect(
      await request(ours.webContents, 'media', { requestingUrl: url, mediaTypes: ['video'], isMainFrame: true })
    ).toBe(true)
    expect(await request(ours.webContents, 'media', { requestingUrl: url, mediaTypes: [], isMainFrame: true })).toBe(
      true
    )
    expect(check(ours.webContents, 'media', 'app://pos', { mediaType: 'video', isMainFrame: true })).toBe(true)
    expect(
      check(ours.webContents, 'media', 'app://pos', { requestingUrl: url, mediaType: 'video', isMainFrame: true })
    ).toBe(true)
  })

  it('grants the camera on the dev server only when it is the trusted one', async () => {
    const { ours, request } = setup(DEV)
    const details = { requestingUrl: 'http://localhost:5173/index.html', mediaTypes: ['video'], isMainFrame: true }
    expect(await request(ours.webContents, 'media', details)).toBe(true)
    expect(await request(ours.webContents, 'media', { ...details, requestingUrl: 'http://localhost:5174/' })).toBe(
      false
    )
  })

  it('denies the microphone, other permissions, foreign pages, subframes and strangers', async () => {
    const { ours, request, check } = setup()
    const url = 'app://pos/index.html'
    expect(
      await request(ours.webContents, 'media', { requestingUrl: url, mediaTypes: ['audio'], isMainFrame: true })
    ).toBe(false)
    for (const p of [
      'geolocation',
      'notifications',
      'clipboard-read',
      'display-capture',
      'openExternal',
      'hid',
      'usb'
    ]) {
      expect(await request(ours.webContents, p, { requestingUrl: url, isMainFrame: true }), p).toBe(false)
      expect(check(ours.webContents, p, 'app://pos', { requestingUrl: url, isMainFrame: true }), p).toBe(false)
    }
    expect(
      await request(ours.webContents, 'media', {
        requestingUrl: 'https://evil.example/',
        mediaTypes: ['video'],
        isMainFrame: true
      })
    ).toBe(false)
    expect(
      await request(ours.webContents, 'media', { requestingUrl: url, mediaTypes: ['video'], isMainFrame: false })
    ).toBe(false)
    const stranger = new electron.BrowserWindow()
    expect(
      await request(stranger.webContents, 'media', { requestingUrl: url, mediaTypes: ['video'], isMainFrame: true })
    ).toBe(false)
    expect(check(null, 'media', 'app://pos', { mediaType: 'video', isMainFrame: false })).toBe(false)
  })
})

describe('macOS camera access', () => {
  const media = (status: string, answer = true) => ({
    getMediaAccessStatus: vi.fn(() => status),
    askForMediaAccess: vi.fn(async () => answer)
  })

  it('asks macOS once when undecided, and follows the answer', async () => {
    const yes = media('not-determined', true)
    await expect(osAllowsCamera('darwin', yes)).resolves.toBe(true)
    expect(yes.askForMediaAccess).toHaveBeenCalledWith('camera')
    await expect(osAllowsCamera('darwin', media('not-determined', false))).resolves.toBe(false)
  })

  it('follows System Settings once decided, without asking again, and says where to change it', async () => {
    const log = vi.fn()
    const granted = media('granted')
    await expect(osAllowsCamera('darwin', granted)).resolves.toBe(true)
    expect(granted.askForMediaAccess).not.toHaveBeenCalled()
    for (const status of ['denied', 'restricted']) {
      const m = media(status)
      await expect(osAllowsCamera('darwin', m, log)).resolves.toBe(false)
      expect(m.askForMediaAccess).not.toHaveBeenCalled()
    }
    expect(log).toHaveBeenCalledWith('warn', expect.stringContaining('System Settings'), { status: 'denied' })
  })

  it('does not gate other platforms', async () => {
    const m = media('denied')
    await expect(osAllowsCamera('win32', m)).resolves.toBe(true)
    await expect(osAllowsCamera('linux', m)).resolves.toBe(true)
    expect(m.getMediaAccessStatus).not.toHaveBeenCalled()
  })

  it('the request handler asks macOS only for a request our policy already allows', async () => {
    const m = media('not-determined', true)
    const ses = electron.session.defaultSession
    installPermissionHandlers(ses as unknown as Session, registry, { platform: 'darwin', media: m })
    const ours = asFake(createCashierWindow(ctx))
    const answer = async (details: Record<string, unknown>) => {
      const callback = vi.fn()
      ses.permissionRequestHandler!(ours.webContents, 'media', callback, details)
      await new Promise((r) => setImmediate(r))
      return callback.mock.calls[0]?.[0]
    }
    expect(await answer({ requestingUrl: 'https://evil.example/', mediaTypes: ['video'], isMainFrame: true })).toBe(
      false
    )
    expect(m.askForMediaAccess).not.toHaveBeenCalled()
    expect(await answer({ requestingUrl: 'app://pos/index.html', mediaTypes: ['video'], isMainFrame: true })).toBe(true)
    expect(m.askForMediaAccess).toHaveBeenCalledTimes(1)
  })

  it('denies when asking macOS fails', async () => {
    const m = {
      getMediaAccessStatus: () => 'not-determined',
      askForMediaAccess: vi.fn(async () => Promise.reject(new Error('x')))
    }
    const log = vi.fn()
    const ses = electron.session.defaultSession
    installPermissionHandlers(ses as unknown as Session, registry, { platform: 'darwin', media: m, log })
    const ours = asFake(createCashierWindow(ctx))
    const callback = vi.fn()
    ses.permissionRequestHandler!(ours.webContents, 'media', callback, {
      requestingUrl: 'app://pos/index.html',
      mediaTypes: ['video'],
      isMainFrame: true
    })
    await new Promise((r) => setImmediate(r))
    expect(callback).toHaveBeenCalledWith(false)
    expect(log).toHaveBeenCalledWith('warn', 'camera access check failed', expect.anything())
  })
})

describe('customer display placement', () => {
  it('goes full screen on the second monitor, away from the cashier', () => {
    electron.screen.displays = [display(1, 0), display(2, 1920, 1024, 768)]
    const cashier = createCashierWindow(ctx)
    const win = asFake(createDisplayWindow(ctx, cashier))
    expect(win.options).toMatchObject({ x: 1920, y: 0, width: 1024, height: 768, fullscreen: true })
  })

  it('is windowed on the primary when there is one monitor', () => {
    const cashier = createCashierWindow(ctx)
    const win = asFake(createDisplayWindow(ctx, cashier))
    expect(win.options.fullscreen).toBe(false)
    expect(win.options).toMatchObject({ width: 800, height: 600 })
  })

  it('moves to a monitor plugged in later, and back to a window when it is unplugged', () => {
    const cashier = createCashierWindow(ctx)
    const win = asFake(createDisplayWindow(ctx, cashier))
    expect(win.isFullScreen()).toBe(false)

    electron.screen.displays = [display(1, 0), display(2, 1920, 1280, 1024)]
    electron.screen.emit('display-added', {}, electron.screen.displays[1])
    expect(win.getBounds()).toEqual({ x: 1920, y: 0, width: 1280, height: 1024 })
    expect(win.isFullScreen()).toBe(true)

    electron.screen.displays = [display(1, 0)]
    electron.screen.emit('display-removed', {}, display(2, 1920))
    expect(win.isFullScreen()).toBe(false)
    expect(win.getBounds()).toMatchObject({ width: 800, height: 600 })
    // left full screen before moving
    const calls = win.setFullScreen.mock.calls.map((c) => c[0])
    expect(calls).toEqual([true, false])
  })

  it('ignores display changes that do not change its placement', () => {
    electron.screen.displays = [display(1, 0), display(2, 1920)]
    const cashier = createCashierWindow(ctx)
    const win = asFake(createDisplayWindow(ctx, cashier))
    electron.screen.emit('display-metrics-changed', {}, display(1, 0), ['workArea'])
    expect(win.setBounds).not.toHaveBeenCalled()
  })

  it('gets out of the way when the cashier window is dragged onto its monitor', () => {
    electron.screen.displays = [display(1, 0), display(2, 1920)]
    const cashier = asFake(createCashierWindow(ctx))
    const win = asFake(createDisplayWindow(ctx, cashier as unknown as BrowserWindow))
    expect(win.options.x).toBe(1920)
    cashier.bounds = { x: 2000, y: 100, width: 1280, height: 800 }
    cashier.emit('moved')
    expect(win.getBounds().x).toBe(0)
    expect(win.isFullScreen()).toBe(true)
  })

  it('uses the display picked in settings when connected', () => {
    electron.screen.displays = [display(1, 0), display(2, 1920), display(3, 3840)]
    const cashier = createCashierWindow(ctx)
    const win = asFake(createDisplayWindow({ ...ctx, preferredDisplayId: () => 3 }, cashier))
    expect(win.options.x).toBe(3840)
  })

  it('stops following the screen once closed', () => {
    const cashier = createCashierWindow(ctx)
    const win = asFake(createDisplayWindow(ctx, cashier))
    expect(electron.screen.listenerCount('display-added')).toBe(1)
    win.destroy()
    expect(electron.screen.listenerCount('display-added')).toBe(0)
    expect(electron.screen.listenerCount('display-removed')).toBe(0)
    expect(asFake(cashier).listenerCount('moved')).toBe(0)
  })

  it('applyPlacement does nothing to a destroyed window', () => {
    const win = new electron.BrowserWindow()
    win.destroy()
    applyPlacement(win as unknown as BrowserWindow, { displayId: 1, fullScreen: true, bounds: display(1, 0).bounds })
    expect(win.setBounds).not.toHaveBeenCalled()
  })
})
