import { beforeEach, describe, expect, it, vi } from 'vitest'
import { startApp, type StartOptions } from '../../main/app-lifecycle'
import { PosError } from '../../main/core/errors'
import { createEventBus } from '../../main/core/events'
import type { Services, ServicesOptions } from '../../main/core/services'
import { CHANNELS } from '../../preload/contract/channels'
import * as electron from './mock-electron'

vi.mock('electron', () => import('./mock-electron'))

function fakeServices() {
  const services = {
    handlers: {
      'app:info': () => ({
        name: 'QRC POS',
        version: '0.1.0-test',
        mode: 'training' as const,
        shell: 'electron' as const
      }),
      'app:ping': ({ note }: { note: string }) => ({ note, seq: 1 })
    } as unknown as Services['handlers'],
    events: createEventBus(),
    log: vi.fn(),
    close: vi.fn(async () => {})
  }
  const create = vi.fn(async (_options: ServicesOptions) => services as Services)
  return { services, create }
}

function start(overrides: Partial<StartOptions> = {}) {
  const fake = fakeServices()
  const log = vi.fn()
  const promise = startApp({
    env: {},
    createServices: fake.create,
    log,
    rendererDir: '/r',
    preloadPath: '/p.js',
    ...overrides
  })
  return { fake, log, promise }
}

const flush = () => new Promise((r) => setImmediate(r))

describe('startApp', () => {
  beforeEach(() => electron.resetElectronMock())

  it('registers app:// as a privileged standard, secure, fetch-capable scheme before ready', async () => {
    let resolveReady!: () => void
    electron.app.readyPromise = new Promise<void>((r) => (resolveReady = r))
    const { promise } = start()
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }
    ])
    expect(electron.protocol.handle).not.toHaveBeenCalled()
    expect(electron.FakeBrowserWindow.instances).toHaveLength(0)
    resolveReady()
    await promise
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function))
  })

  it('quits a second launch without touching the ledger or opening windows', async () => {
    electron.app.requestSingleInstanceLock.mockReturnValueOnce(false)
    const { fake, promise } = start()
    await expect(promise).resolves.toBeUndefined()
    expect(electron.app.quit).toHaveBeenCalled()
    expect(electron.app.whenReady).not.toHaveBeenCalled()
    expect(fake.create).not.toHaveBeenCalled()
    expect(electron.FakeBrowserWindow.instances).toHaveLength(0)
  })

  it('focuses (and restores) the running cashier window when a second launch is attempted', async () => {
    const { promise } = start()
    const runtime = (await promise)!
    const cashier = runtime.cashier as unknown as electron.FakeBrowserWindow
    cashier.minimized = true
    electron.app.emit('second-instance')
    expect(cashier.restore).toHaveBeenCalled()
    expect(cashier.show).toHaveBeenCalled()
    expect(cashier.focus).toHaveBeenCalled()
  })

  it('starts services in userData, in training mode by default, as the electron shell', async () => {
    electron.app.paths.userData = '/data/QRC POS'
    const { fake, promise } = start()
    await promise
    expect(fake.create).toHaveBeenCalledTimes(1)
    const options = fake.create.mock.calls[0]![0]
    expect(options).toMatchObject({ dataDir: '/data/QRC POS', version: '0.1.0-test', shell: 'electron' })
    expect(options.pockyt).toBeUndefined()
  })

  it('keeps the Pockyt token with safeStorage in the data folder, not in the environment', async () => {
    electron.app.paths.userData = '/data/QRC POS'
    const { fake, promise } = start()
    await promise
    const secrets = fake.create.mock.calls[0]![0].secrets!
    expect(secrets.kind).toBe('safe-storage')
    expect(secrets.writable).toBe(true)
  })

  it('passes Pockyt settings from POCKYT_* when all four are set', async () => {
    const env = {
      POCKYT_BASE_URL: 'https://mapi.example',
      POCKYT_MERCHANT_NO: '200043',
      POCKYT_STORE_NO: '300014',
      POCKYT_TOKEN: 'tok'
    }
    const { fake, promise } = start({ env })
    await promise
    expect(fake.create.mock.calls[0]![0].pockyt).toEqual({
      baseUrl: 'https://mapi.example',
      merchantNo: '200043',
      storeNo: '300014',
      token: 'tok'
    })
  })

  it('wires the IPC transport and both windows, loading app:// pages with our preload', async () => {
    const { promise } = start()
    const runtime = (await promise)!
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort())
    const [cashier, display] = electron.FakeBrowserWindow.instances
    expect(cashier!.loadURL).toHaveBeenCalledWith('app://pos/index.html')
    expect(display!.loadURL).toHaveBeenCalledWith('app://pos/display.html')
    expect((cashier!.options.webPreferences as { preload: string }).preload).toBe('/p.js')
    expect(runtime.registry.get('cashier')).toBe(runtime.cashier)
    expect(runtime.registry.get('display')).toBe(runtime.display)
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled()
    expect(electron.session.defaultSession.setPermissionCheckHandler).toHaveBeenCalled()
  })

  it('places the customer display as Settings say at start, and follows settings:changed', async () => {
    electron.screen.displays = [
      { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } },
      {
        id: 2,
        bounds: { x: 1920, y: 0, width: 1280, height: 1024 },
        workArea: { x: 1920, y: 0, width: 1280, height: 984 }
      }
    ]
    const fake = fakeServices()
    const settings = (customerDisplay: unknown) => ({ settings: { customerDisplay } }) as never
    // What the settings service publishes at start (the bus replays it).
    fake.services.events.emit('settings:changed', settings({ kind: 'none' }))
    const runtime = (await startApp({
      env: {},
      createServices: fake.create,
      log: vi.fn(),
      rendererDir: '/r',
      preloadPath: '/p.js'
    }))!
    expect(runtime.display).toBeUndefined()
    expect(electron.FakeBrowserWindow.instances).toHaveLength(1)
    fake.services.events.emit('settings:changed', settings({ kind: 'display', displayId: 2 }))
    expect(runtime.display).toBeDefined()
    expect(runtime.registry.get('display')).toBe(runtime.display)
    expect((runtime.display as unknown as electron.FakeBrowserWindow).options).toMatchObject({
      x: 1920,
      fullscreen: true
    })
  })

  it('display:reopen (through the services) opens the display window again after someone closed it', async () => {
    const { fake, promise } = start()
    const runtime = (await promise)!
    const hook = fake.create.mock.calls[0]![0].displayWindow!
    const first = runtime.display as unknown as electron.FakeBrowserWindow
    first.close()
    expect(runtime.display).toBeUndefined()
    expect(hook.reopen()).toBe(true)
    expect(runtime.display).toBeDefined()
    expect(runtime.display).not.toBe(first)
    expect(runtime.registry.get('display')).toBe(runtime.display)
  })

  it('answers a request from the cashier page end to end through the router', async () => {
    const { promise } = start()
    await promise
    const cashier = electron.FakeBrowserWindow.instances[0]!
    const event = { sender: cashier.webContents, senderFrame: cashier.webContents.mainFrame }
    await expect(electron.ipcMain.handlers.get('app:ping')!(event, { note: 'hi' })).resolves.toEqual({
      ok: true,
      value: { note: 'hi', seq: 1 }
    })
    await expect(electron.ipcMain.handlers.get('app:ping')!(event, { note: 5 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' }
    })
  })

  it('loads the dev server in development, and ignores it in a packaged app', async () => {
    const dev = start({ env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } })
    await dev.promise
    expect(electron.FakeBrowserWindow.instances[0]!.loadURL).toHaveBeenCalledWith('http://localhost:5173/index.html')
    expect((electron.FakeBrowserWindow.instances[0]!.options.webPreferences as { devTools: boolean }).devTools).toBe(
      true
    )

    electron.resetElectronMock()
    electron.app.isPackaged = true
    const packaged = start({ env: { ELECTRON_RENDERER_URL: 'https://evil.example' } })
    await packaged.promise
    expect(electron.FakeBrowserWindow.instances[0]!.loadURL).toHaveBeenCalledWith('app://pos/index.html')
    expect((electron.FakeBrowserWindow.instances[0]!.options.webPreferences as { devTools: boolean }).devTools).toBe(
      false
    )
    expect(packaged.log).toHaveBeenCalledWith('warn', expect.stringContaining('ignoring ELECTRON_RENDERER_URL'))
  })

  it('shows a stop dialog with the ledger message and exits when the ledger cannot be opened', async () => {
    const { fake, promise } = start()
    fake.create.mockRejectedValueOnce(new PosError('LEDGER_UNAVAILABLE', 'The ledger was written by a newer QRC POS.'))
    await expect(promise).resolves.toBeUndefined()
    expect(electron.dialog.showErrorBox).toHaveBeenCalledTimes(1)
    const [title, body] = electron.dialog.showErrorBox.mock.calls[0]!
    expect(title).toMatch(/cannot open its ledger/)
    expect(body).toContain('The ledger was written by a newer QRC POS.')
    expect(body).toContain('/tmp/qrc-pos-test/userData')
    expect(electron.app.exit).toHaveBeenCalledWith(1)
    expect(electron.FakeBrowserWindow.instances).toHaveLength(0)
    expect(electron.ipcMain.handlers.size).toBe(0)
  })

  it('refuses to start with a partial POCKYT_* set, saying which are missing', async () => {
    const { fake, promise } = start({ env: { POCKYT_TOKEN: 'tok' } })
    await promise
    expect(fake.create).not.toHaveBeenCalled()
    const [title, body] = electron.dialog.showErrorBox.mock.calls[0]!
    expect(title).toMatch(/could not start/)
    expect(body).toMatch(/POCKYT_BASE_URL/)
    expect(body).not.toContain('tok')
    expect(electron.app.exit).toHaveBeenCalledWith(1)
  })

  it('closes the services, shows the stop dialog and exits when a window cannot be created', async () => {
    electron.screen.getAllDisplays.mockImplementationOnce(() => {
      throw new Error('GPU process crashed')
    })
    const { fake, promise } = start()
    await expect(promise).resolves.toBeUndefined()
    expect(fake.services.close).toHaveBeenCalledTimes(1)
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('QRC POS could not start', 'GPU process crashed')
    expect(electron.app.exit).toHaveBeenCalledWith(1)
  })

  it('shows the stop dialog and exits when anything fails before the services start', async () => {
    electron.protocol.handle.mockImplementationOnce(() => {
      throw new Error('scheme already handled')
    })
    const { fake, promise } = start()
    await expect(promise).resolves.toBeUndefined()
    expect(fake.create).not.toHaveBeenCalled()
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('QRC POS could not start', 'scheme already handled')
    expect(electron.app.exit).toHaveBeenCalledWith(1)
  })

  it('quits when the cashier window closes, and when all windows are closed', async () => {
    const { promise } = start()
    const runtime = (await promise)!
    ;(runtime.cashier as unknown as electron.FakeBrowserWindow).destroy()
    expect(electron.app.quit).toHaveBeenCalled()
    electron.app.quit.mockClear()
    electron.app.emit('window-all-closed')
    expect(electron.app.quit).toHaveBeenCalled()
  })

  it('closes the services (ledger) once before quitting, and stops IPC first', async () => {
    const { fake, promise } = start()
    await promise
    const event = { preventDefault: vi.fn() }
    electron.app.emit('before-quit', event)
    expect(event.preventDefault).toHaveBeenCalled()
    expect(electron.ipcMain.handlers.size).toBe(0)
    electron.app.emit('before-quit', { preventDefault: vi.fn() }) // Cmd+Q twice: still one close
    await flush()
    expect(fake.services.close).toHaveBeenCalledTimes(1)
    expect(electron.app.quit).toHaveBeenCalled() // the real quit, now that the ledger is closed
    const last = { preventDefault: vi.fn() }
    electron.app.emit('before-quit', last)
    expect(last.preventDefault).not.toHaveBeenCalled()
  })

  it('still quits if closing the services fails, logging why', async () => {
    const { fake, log, promise } = start()
    await promise
    fake.services.close.mockRejectedValueOnce(new Error('disk gone'))
    electron.app.emit('before-quit', { preventDefault: vi.fn() })
    await flush()
    expect(log).toHaveBeenCalledWith('error', 'closing services failed', { error: 'Error: disk gone' })
    expect(electron.app.quit).toHaveBeenCalled()
  })
})
