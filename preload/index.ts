/**
 * The sandboxed preload: exposes `window.pos` (the PosBridge) and nothing else. It must bundle to ONE
 * CommonJS file whose only `require` is `electron` (sandbox: true), so it imports only the plain name
 * lists in `./contract/channels` at run time; the PosBridge type is a type-only import.
 * No logic here: main validates every payload and checks the sender (main/ipc/electron-transport.ts).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { isChannel, isEventName } from './contract/channels'
import type { PosBridge } from './contract'

const bridge: PosBridge = {
  invoke(channel: unknown, ...input: unknown[]) {
    if (!isChannel(channel)) {
      // Same answer main and the harness give for a name outside the contract; nothing is sent.
      return Promise.resolve({
        ok: false as const,
        error: { code: 'UNKNOWN_CHANNEL' as const, message: `There is no channel "${String(channel)}".` }
      })
    }
    // Exactly one payload crosses (or none): extra arguments are dropped, not forwarded.
    return input.length === 0 ? ipcRenderer.invoke(channel) : ipcRenderer.invoke(channel, input[0])
  },

  on(event: unknown, listener: unknown) {
    if (!isEventName(event)) throw new TypeError(`There is no event "${String(event)}".`)
    if (typeof listener !== 'function') throw new TypeError(`The listener for "${event}" must be a function.`)
    // The page gets the payload only: the IpcRendererEvent (and its `sender`, an ipcRenderer) stays here.
    const forward = (_event: IpcRendererEvent, payload: unknown) => (listener as (p: unknown) => void)(payload)
    ipcRenderer.on(event, forward)
    let subscribed = true
    return () => {
      if (!subscribed) return
      subscribed = false
      ipcRenderer.removeListener(event, forward)
    }
  }
}

contextBridge.exposeInMainWorld('pos', bridge)
