/**
 * The customer display follows Settings' `customerDisplay` (none / automatic / a display id) at start
 * and on settings:changed, and a display window someone closed comes back on the next monitor change or
 * settings change; "none" keeps it closed. Electron is the hand-written mock.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { BrowserWindow } from 'electron'
import { choiceFromEvents, createCustomerDisplay, type CustomerDisplayChoice } from '../../main/customer-display'
import { createEventBus, type EventBus } from '../../main/core/events'
import { createWindowRegistry, type WindowRegistry } from '../../main/window-registry'
import { createCashierWindow, type WindowContext } from '../../main/windows'
import type { EventPayload } from '../../preload/contract'
import * as electron from './mock-electron'

vi.mock('electron', () => import('./mock-electron'))

function display(id: number, x: number, width = 1920, height = 1080) {
  return { id, bounds: { x, y: 0, width, height }, workArea: { x, y: 0, width, height: height - 40 } }
}

let registry: WindowRegistry
let ctx: WindowContext
let events: EventBus

/** What the settings service announces, with only the field this module reads filled in. */
const settingsChanged = (customerDisplay: CustomerDisplayChoice) =>
  events.emit('settings:changed', { settings: { customerDisplay } } as unknown as EventPayload<'settings:changed'>)

const asFake = (win: BrowserWindow | undefined) => win as unknown as electron.FakeBrowserWindow

beforeEach(() => {
  electron.resetElectronMock()
  registry = createWindowRegistry()
  ctx = { registry, preloadPath: '/p.js' }
  events = createEventBus()
  electron.screen.displays = [display(1, 0), display(2, 1920, 1280, 1024), display(3, 3200, 1024, 768)]
})

function start(initial: CustomerDisplayChoice) {
  const cashier = createCashierWindow(ctx)
  const cd = createCustomerDisplay(ctx, cashier, { initial, events })
  return { cashier, cd }
}

describe('customer display from settings', () => {
  it('automatic: the first monitor that is not the cashier’s', () => {
    const { cd } = start({ kind: 'auto' })
    expect(asFake(cd.window()).options).toMatchObject({ x: 1920, width: 1280, fullscreen: true })
    expect(registry.get('display')).toBe(cd.window())
  })

  it('a chosen display id at start puts the window there', () => {
    const { cd } = start({ kind: 'display', displayId: 3 })
    expect(asFake(cd.window()).options).toMatchObject({ x: 3200, width: 1024, height: 768, fullscreen: true })
  })

  it('a chosen display that is not connected falls back to automatic', () => {
    const { cd } = start({ kind: 'display', displayId: 9 })
    expect(asFake(cd.window()).options).toMatchObject({ x: 1920 })
  })

  it('settings:changed moves it to the chosen display at once, without a new window', () => {
    const { cd } = start({ kind: 'auto' })
    const win = asFake(cd.window())
    settingsChanged({ kind: 'display', displayId: 3 })
    expect(cd.window()).toBe(win as unknown as BrowserWindow)
    expect(win.getBounds()).toEqual({ x: 3200, y: 0, width: 1024, height: 768 })
    expect(win.isFullScreen()).toBe(true)
    // Left full screen before moving, then full screen again on the new monitor.
    expect(win.setFullScreen.mock.calls.map((c) => c[0])).toEqual([false, true])
  })

  it('"none" closes it and keeps it closed through monitor changes; choosing again opens it', () => {
    const { cd } = start({ kind: 'auto' })
    const first = asFake(cd.window())
    settingsChanged({ kind: 'none' })
    expect(first.isDestroyed()).toBe(true)
    expect(cd.window()).toBeUndefined()
    electron.screen.emit('display-added', {}, display(4, 4300))
    expect(cd.window()).toBeUndefined()
    settingsChanged({ kind: 'display', displayId: 2 })
    const again = asFake(cd.window())
    expect(again).not.toBe(first)
    expect(again.options).toMatchObject({ x: 1920, fullscreen: true })
    expect(registry.get('display')).toBe(cd.window())
  })

  it('"none" at start opens no display window', () => {
    const { cd } = start({ kind: 'none' })
    expect(cd.window()).toBeUndefined()
    expect(electron.FakeBrowserWindow.instances).toHaveLength(1)
  })

  it('a window someone closed comes back on the next monitor change', () => {
    const { cd } = start({ kind: 'auto' })
    asFake(cd.window()).close()
    expect(cd.window()).toBeUndefined()
    electron.screen.displays = [display(1, 0), display(2, 1920, 1280, 1024)]
    electron.screen.emit('display-removed', {}, display(3, 3200))
    const back = asFake(cd.window())
    expect(back.isDestroyed()).toBe(false)
    expect(back.options).toMatchObject({ x: 1920, fullscreen: true })
    expect(registry.get('display')).toBe(cd.window())
  })

  it('…or on the next settings change, or when asked to reopen', () => {
    const { cd } = start({ kind: 'auto' })
    asFake(cd.window()).close()
    settingsChanged({ kind: 'auto' })
    expect(cd.window()).toBeDefined()
    asFake(cd.window()).close()
    expect(cd.reopen()).toBe(true)
    expect(cd.window()).toBeDefined()
    expect(electron.FakeBrowserWindow.instances.filter((w) => !w.destroyed)).toHaveLength(2)
  })

  it('after dispose (quit) nothing reopens it', () => {
    const { cd } = start({ kind: 'auto' })
    cd.dispose()
    asFake(cd.window()).close()
    electron.screen.emit('display-added', {}, display(4, 4300))
    settingsChanged({ kind: 'auto' })
    expect(cd.window()).toBeUndefined()
  })

  it('reads the initial choice from the settings the services published at start', () => {
    expect(choiceFromEvents(events)).toEqual({ kind: 'auto' })
    settingsChanged({ kind: 'display', displayId: 3 })
    expect(choiceFromEvents(events)).toEqual({ kind: 'display', displayId: 3 })
  })
})
