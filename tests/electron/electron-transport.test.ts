import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { BrowserWindow } from 'electron'
import { CHANNELS } from '../../preload/contract/channels'
import { createEventBus } from '../../main/core/events'
import { checkSender, FORBIDDEN_RESULT, registerElectronTransport } from '../../main/ipc/electron-transport'
import type { Router } from '../../main/ipc/router'
import { createWindowRegistry, type WindowRegistry } from '../../main/window-registry'
import * as electron from './mock-electron'

vi.mock('electron', () => import('./mock-electron'))

const APP_PAGE = 'app://pos/index.html'
const DEV = 'http://localhost:5173'

function ourWindow(registry: WindowRegistry, role: 'cashier' | 'display' = 'cashier', url = APP_PAGE) {
  const win = new electron.BrowserWindow()
  win.webContents.navigateTo(url)
  registry.add(win as unknown as BrowserWindow, role)
  return win
}

/** An IPC event as Electron builds it for a message from `frame` in `win`. */
function eventFrom(win: electron.FakeBrowserWindow, frame: electron.FakeFrame | null = win.webContents.mainFrame) {
  return { sender: win.webContents, senderFrame: frame }
}

function fakeRouter() {
  const call = vi.fn<Router['call']>(async (channel) => ({ ok: true, value: `handled ${String(channel)}` }))
  return { call } satisfies Router
}

describe('checkSender', () => {
  let registry: WindowRegistry
  beforeEach(() => {
    electron.resetElectronMock()
    registry = createWindowRegistry()
  })

  it("accepts the main frame of our window on our origin, with that window's role", () => {
    const cashier = ourWindow(registry, 'cashier')
    const display = ourWindow(registry, 'display', 'app://pos/display.html')
    expect(checkSender(eventFrom(cashier), registry)).toEqual({ ok: true, role: 'cashier' })
    expect(checkSender(eventFrom(display), registry)).toEqual({ ok: true, role: 'display' })
  })

  it('accepts the dev-server page only when that dev server is trusted', () => {
    const win = ourWindow(registry, 'cashier', 'http://localhost:5173/index.html')
    expect(checkSender(eventFrom(win), registry, DEV)).toEqual({ ok: true, role: 'cashier' })
    expect(checkSender(eventFrom(win), registry)).toMatchObject({ ok: false, reason: /origin/ })
  })

  it('refuses a subframe of our own window, even one showing our origin', () => {
    const win = ourWindow(registry)
    const sub = new electron.FakeFrame(APP_PAGE, win.webContents.mainFrame)
    expect(checkSender(eventFrom(win, sub), registry)).toMatchObject({ ok: false, reason: /subframe/ })
  })

  it('refuses a frame that is gone (senderFrame null after navigation or destruction)', () => {
    const win = ourWindow(registry)
    expect(checkSender(eventFrom(win, null), registry)).toMatchObject({ ok: false, reason: /gone/ })
  })

  it.each([
    'https://evil.example/index.html',
    'https://evil.example/?next=app://pos/index.html',
    'app://pos.evil/index.html',
    'app://user@pos/index.html',
    'file:///tmp/index.html',
    'about:blank',
    'http://localhost:5173/index.html'
  ])('refuses our window when its page is %s', (url) => {
    const win = ourWindow(registry, 'cashier', url)
    expect(checkSender(eventFrom(win), registry)).toMatchObject({ ok: false, reason: /origin/ })
  })

  it('refuses a window we did not register (e.g. a devtools or stray window)', () => {
    const stranger = new electron.BrowserWindow()
    stranger.webContents.navigateTo(APP_PAGE)
    expect(checkSender(eventFrom(stranger), registry)).toMatchObject({ ok: false, reason: /not one of our/ })
  })

  it('refuses unknown web contents and a missing sender', () => {
    ourWindow(registry)
    const orphan = new electron.FakeWebContents(new electron.FakeSession())
    orphan.navigateTo(APP_PAGE)
    expect(checkSender({ sender: orphan, senderFrame: orphan.mainFrame }, registry).ok).toBe(false)
    expect(checkSender({ sender: undefined, senderFrame: new electron.FakeFrame(APP_PAGE) }, registry).ok).toBe(false)
  })

  it('refuses a destroyed window, and forgets it once closed', () => {
    const win = ourWindow(registry)
    win.webContents.destroyed = true // contents crashed / being torn down, window not yet closed
    expect(checkSender(eventFrom(win), registry).ok).toBe(false)
    win.destroy()
    expect(checkSender(eventFrom(win), registry).ok).toBe(false)
    expect(registry.live()).toHaveLength(0)
  })

  it('refuses a frame of one window presented as coming from another window', () => {
    const cashier = ourWindow(registry, 'cashier')
    const stranger = new electron.BrowserWindow()
    stranger.webContents.navigateTo(APP_PAGE)
    // sender is the stranger even though the frame object is from our window
    expect(checkSender({ sender: stranger.webContents, senderFrame: cashier.webContents.mainFrame }, registry).ok).toBe(
      false
    )
  })
})

describe('registerElectronTransport', () => {
  let registry: WindowRegistry
  beforeEach(() => {
    electron.resetElectronMock()
    registry = createWindowRegistry()
  })

  it('registers exactly one handler per contract channel, and removes them on dispose', () => {
    const t = registerElectronTransport({ router: fakeRouter(), events: createEventBus(), registry })
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort())
    t.dispose()
    expect(electron.ipcMain.handlers.size).toBe(0)
  })

  it('routes an accepted request with its payload and the window role', async () => {
    const router = fakeRouter()
    registerElectronTransport({ router, events: createEventBus(), registry })
    const display = ourWindow(registry, 'display', 'app://pos/display.html')
    const handler = electron.ipcMain.handlers.get('app:ping')!
    await expect(handler(eventFrom(display), { note: 'hi' })).resolves.toEqual({ ok: true, value: 'handled app:ping' })
    expect(router.call).toHaveBeenCalledWith('app:ping', { note: 'hi' }, { window: 'display' })
  })

  it('answers FORBIDDEN and never calls the router for a refused sender, logging the reason only', async () => {
    const router = fakeRouter()
    const log = vi.fn()
    registerElectronTransport({ router, events: createEventBus(), registry, log })
    const win = ourWindow(registry, 'cashier', 'https://evil.example/')
    const secret = { note: 'card 6222021234567890' }
    for (const channel of CHANNELS) {
      await expect(electron.ipcMain.handlers.get(channel)!(eventFrom(win), secret)).resolves.toEqual(FORBIDDEN_RESULT)
    }
    expect(router.call).not.toHaveBeenCalled()
    expect(log).toHaveBeenCalledWith(
      'warn',
      'refused IPC request',
      expect.objectContaining({ reason: expect.any(String) })
    )
    expect(JSON.stringify(log.mock.calls)).not.toContain('6222021234567890')
  })

  it('passes undefined when the window sent no payload', async () => {
    const router = fakeRouter()
    registerElectronTransport({ router, events: createEventBus(), registry })
    const win = ourWindow(registry)
    await electron.ipcMain.handlers.get('app:info')!(eventFrom(win))
    expect(router.call).toHaveBeenCalledWith('app:info', undefined, { window: 'cashier' })
  })

  it('fans every event out to every live window, skipping destroyed ones', () => {
    const events = createEventBus()
    registerElectronTransport({ router: fakeRouter(), events, registry })
    const cashier = ourWindow(registry, 'cashier')
    const display = ourWindow(registry, 'display', 'app://pos/display.html')
    const payload = { mode: 'training' as const, now: 1, seq: 1 }
    events.emit('app:status', payload)
    expect(cashier.webContents.send).toHaveBeenCalledWith('app:status', payload)
    expect(display.webContents.send).toHaveBeenCalledWith('app:status', payload)

    display.webContents.destroyed = true // not yet 'closed', but its contents are gone
    events.emit('app:status', { ...payload, seq: 2 })
    expect(display.webContents.send).toHaveBeenCalledTimes(1)
    expect(cashier.webContents.send).toHaveBeenCalledTimes(2)

    cashier.destroy()
    events.emit('app:status', { ...payload, seq: 3 })
    expect(cashier.webContents.send).toHaveBeenCalledTimes(2)
  })

  it('keeps delivering to the other windows when one send throws', () => {
    const events = createEventBus()
    const log = vi.fn()
    registerElectronTransport({ router: fakeRouter(), events, registry, log })
    const cashier = ourWindow(registry, 'cashier')
    const display = ourWindow(registry, 'display', 'app://pos/display.html')
    cashier.webContents.send.mockImplementation(() => {
      throw new Error('Object has been destroyed')
    })
    events.emit('app:status', { mode: 'training', now: 1, seq: 1 })
    expect(display.webContents.send).toHaveBeenCalledTimes(1)
    expect(log).toHaveBeenCalledWith('error', 'event send failed', expect.objectContaining({ role: 'cashier' }))
  })

  it('does not send to windows that are not registered', () => {
    const events = createEventBus()
    registerElectronTransport({ router: fakeRouter(), events, registry })
    const stranger = new electron.BrowserWindow()
    events.emit('app:status', { mode: 'training', now: 1, seq: 1 })
    expect(stranger.webContents.send).not.toHaveBeenCalled()
  })

  it('replays the latest state to a window when its page (re)loads, including windows added later', () => {
    const events = createEventBus()
    const early = ourWindow(registry, 'cashier')
    registerElectronTransport({ router: fakeRouter(), events, registry })
    events.emit('app:status', { mode: 'training', now: 5, seq: 7 })
    const late = ourWindow(registry, 'display', 'app://pos/display.html')
    early.webContents.send.mockClear()
    early.webContents.emit('did-finish-load')
    late.webContents.emit('did-finish-load')
    expect(early.webContents.send).toHaveBeenCalledWith('app:status', { mode: 'training', now: 5, seq: 7 })
    expect(late.webContents.send).toHaveBeenCalledWith('app:status', { mode: 'training', now: 5, seq: 7 })
  })

  it('stops the fan-out on dispose', () => {
    const events = createEventBus()
    const t = registerElectronTransport({ router: fakeRouter(), events, registry })
    const win = ourWindow(registry)
    t.dispose()
    events.emit('app:status', { mode: 'training', now: 1, seq: 1 })
    expect(win.webContents.send).not.toHaveBeenCalled()
  })
})

describe('window registry', () => {
  beforeEach(() => electron.resetElectronMock())

  it('holds one live window per role and frees the role when it closes', () => {
    const registry = createWindowRegistry()
    const first = ourWindow(registry, 'cashier')
    expect(() => ourWindow(registry, 'cashier')).toThrow(/already open/)
    expect(registry.get('cashier')).toBe(first)
    first.destroy()
    expect(registry.get('cashier')).toBeUndefined()
    const second = ourWindow(registry, 'cashier')
    expect(registry.get('cashier')).toBe(second)
  })
})
