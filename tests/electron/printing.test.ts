import { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it, vi } from 'vitest'

/** The few BrowserWindow/WebContents members printing.ts touches. */
const state = vi.hoisted(() => ({
  windows: [] as unknown[],
  printResult: { success: true, reason: '' },
  loadFails: false
}))

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events')
  class Contents extends Emitter {
    windowOpenHandler: (() => unknown) | null = null
    setWindowOpenHandler = vi.fn((h: () => unknown) => {
      this.windowOpenHandler = h
    })
    print = vi.fn((_opts: unknown, cb: (ok: boolean, reason: string) => void) =>
      cb(state.printResult.success, state.printResult.reason)
    )
    printToPDF = vi.fn(async () => Buffer.from('%PDF-1.7'))
  }
  class BrowserWindow {
    webContents = new Contents()
    destroyed = false
    loadURL = vi.fn(async () => {
      if (state.loadFails) throw new Error('load failed')
    })
    constructor(public options: unknown) {
      state.windows.push(this)
    }
    isDestroyed() {
      return this.destroyed
    }
    destroy() {
      this.destroyed = true
    }
  }
  return { BrowserWindow }
})

import { createElectronPrinter, printPageSize } from '../../main/printing'

interface FakeWin {
  options: { show: boolean; webPreferences: Record<string, unknown> }
  destroyed: boolean
  loadURL: ReturnType<typeof vi.fn>
  webContents: EventEmitter & {
    windowOpenHandler: () => unknown
    print: ReturnType<typeof vi.fn>
    printToPDF: ReturnType<typeof vi.fn>
  }
}
const lastWindow = () => state.windows.at(-1) as FakeWin

beforeEach(() => {
  state.windows.length = 0
  state.printResult = { success: true, reason: '' }
  state.loadFails = false
})

describe('printing glue', () => {
  it('prints silently to the chosen printer from a hidden window without JavaScript, then destroys it', async () => {
    await createElectronPrinter().print('<p>receipt</p>', { printer: 'EPSON TM-T20', format: '80mm' })
    const win = lastWindow()
    expect(win.options.show).toBe(false)
    expect(win.options.webPreferences).toMatchObject({
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false
    })
    expect(decodeURIComponent(win.loadURL.mock.calls[0]![0] as string)).toBe(
      'data:text/html;charset=utf-8,<p>receipt</p>'
    )
    expect(win.webContents.print.mock.calls[0]![0]).toMatchObject({
      silent: true,
      deviceName: 'EPSON TM-T20',
      pageSize: { width: 80_000, height: 297_000 }
    })
    expect(win.webContents.windowOpenHandler()).toEqual({ action: 'deny' })
    const nav = { preventDefault: vi.fn() }
    win.webContents.emit('will-navigate', nav)
    expect(nav.preventDefault).toHaveBeenCalled()
    expect(win.destroyed).toBe(true)
  })

  it('uses the default printer when none is chosen, and reports a refused job', async () => {
    state.printResult = { success: false, reason: 'Printer is out of paper' }
    await expect(createElectronPrinter().print('<p>x</p>', { printer: null, format: 'a4' })).rejects.toThrow(
      'out of paper'
    )
    const win = lastWindow()
    expect(win.webContents.print.mock.calls[0]![0]).not.toHaveProperty('deviceName')
    expect(win.webContents.print.mock.calls[0]![0]).toMatchObject({ pageSize: 'A4' })
    expect(win.destroyed).toBe(true)
  })

  it('makes PDFs with the CSS page size and cleans up when loading fails', async () => {
    const bytes = await createElectronPrinter().pdf('<p>x</p>', { format: 'letter' })
    expect(Buffer.from(bytes).toString()).toBe('%PDF-1.7')
    expect(lastWindow().webContents.printToPDF.mock.calls[0]![0]).toMatchObject({ preferCSSPageSize: true })
    state.loadFails = true
    await expect(createElectronPrinter().pdf('<p>x</p>', { format: 'a4' })).rejects.toThrow('load failed')
    expect(lastWindow().destroyed).toBe(true)
    expect(printPageSize('letter')).toBe('Letter')
  })
})
