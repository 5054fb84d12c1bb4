import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { PosBridge } from '../../preload/contract'
import { CHANNELS, EVENTS } from '../../preload/contract/channels'
import * as electron from './mock-electron'

vi.mock('electron', () => import('./mock-electron'))

// The preload exposes the bridge as a side effect of being loaded: load it once, keep what the page sees.
await import('../../preload/index')
const exposeCalls = [...electron.contextBridge.exposeInMainWorld.mock.calls]
const exposedBridge = electron.contextBridge.exposed.pos as PosBridge

async function loadPreload(): Promise<PosBridge> {
  return exposedBridge
}

describe('preload bridge', () => {
  beforeEach(() => electron.resetElectronMock())

  it('exposes exactly { invoke, on } as window.pos, and no ipcRenderer', async () => {
    const bridge = await loadPreload()
    expect(exposeCalls).toHaveLength(1)
    expect(exposeCalls[0]![0]).toBe('pos')
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on'])
    for (const value of Object.values(bridge)) {
      expect(value).not.toBe(electron.ipcRenderer)
      expect(typeof value).toBe('function')
    }
  })

  it('forwards every contract channel to ipcRenderer.invoke with its one payload', async () => {
    const bridge = await loadPreload()
    electron.ipcRenderer.invoke.mockResolvedValue({ ok: true, value: 'answer' })
    const invoke = bridge.invoke as (channel: string, ...input: unknown[]) => Promise<unknown>
    for (const channel of CHANNELS) {
      electron.ipcRenderer.invoke.mockClear()
      await expect(invoke(channel, { note: 'x' })).resolves.toEqual({ ok: true, value: 'answer' })
      expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(channel, { note: 'x' })
    }
  })

  it('sends no payload argument when none is given, and drops extra arguments', async () => {
    const bridge = await loadPreload()
    await bridge.invoke('app:info')
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('app:info')
    expect(electron.ipcRenderer.invoke.mock.lastCall).toHaveLength(1)
    const invoke = bridge.invoke as (channel: string, ...input: unknown[]) => Promise<unknown>
    await invoke('app:ping', { note: 'a' }, 'extra', { more: true })
    expect(electron.ipcRenderer.invoke.mock.lastCall).toEqual(['app:ping', { note: 'a' }])
  })

  it.each(['app:nope', 'APP:INFO', '', 'constructor', '__proto__', 'app:status'])(
    'refuses the non-channel %j without sending anything',
    async (name) => {
      const bridge = await loadPreload()
      const invoke = bridge.invoke as (channel: unknown, ...input: unknown[]) => Promise<unknown>
      await expect(invoke(name)).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
      expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled()
    }
  )

  it('refuses non-string channel names without sending anything', async () => {
    const bridge = await loadPreload()
    const invoke = bridge.invoke as (channel: unknown) => Promise<unknown>
    for (const name of [undefined, null, 1, {}, ['app:info'], { toString: () => 'app:info' }]) {
      await expect(invoke(name)).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
    }
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled()
  })

  it('delivers event payloads to listeners, never the IPC event object', async () => {
    const bridge = await loadPreload()
    for (const name of EVENTS) {
      const listener = vi.fn()
      bridge.on(name, listener)
      const ipcEvent = { sender: electron.ipcRenderer, senderId: 0 }
      electron.ipcRenderer.emitter.emit(name, ipcEvent, { seq: 1 })
      expect(listener).toHaveBeenCalledTimes(1)
      expect(listener.mock.calls[0]).toEqual([{ seq: 1 }])
    }
  })

  it('returns an unsubscribe function that removes exactly that listener, once', async () => {
    const bridge = await loadPreload()
    const a = vi.fn()
    const b = vi.fn()
    const offA = bridge.on('app:status', a)
    bridge.on('app:status', b)
    offA()
    offA() // idempotent
    electron.ipcRenderer.emitter.emit('app:status', {}, { seq: 2 })
    expect(a).not.toHaveBeenCalled()
    expect(b).toHaveBeenCalledWith({ seq: 2 })
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledTimes(1)
    expect(electron.ipcRenderer.emitter.listenerCount('app:status')).toBe(1)
  })

  it('refuses to subscribe to names outside EVENTS or with a non-function listener', async () => {
    const bridge = await loadPreload()
    const on = bridge.on as (event: unknown, listener: unknown) => () => void
    expect(() => on('app:info', () => {})).toThrow(/no event/)
    expect(() => on('ipc-internal', () => {})).toThrow(/no event/)
    expect(() => on(undefined, () => {})).toThrow(/no event/)
    expect(() => on('app:status', 'not a function')).toThrow(/must be a function/)
    expect(electron.ipcRenderer.on).not.toHaveBeenCalled()
  })
})
