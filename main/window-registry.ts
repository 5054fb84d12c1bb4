/**
 * The windows this app created, with their role. The Electron transport answers only senders found here
 * (plus frame and origin checks), and fans events out to every live entry. Windows leave it when closed.
 */
import type { BrowserWindow, WebContents } from 'electron'
import type { CallContext } from './ipc/router'

export type WindowRole = CallContext['window']

export interface RegisteredWindow {
  win: BrowserWindow
  role: WindowRole
  /** Kept from registration: `win.webContents` throws once the window is destroyed. */
  webContents: WebContents
}

export interface WindowRegistry {
  /** Registers a window we created; it is dropped again on 'closed'. One window per role. */
  add(win: BrowserWindow, role: WindowRole): RegisteredWindow
  /** The entry whose contents sent a message, if it is one of ours and still alive. */
  find(webContents: unknown): RegisteredWindow | undefined
  get(role: WindowRole): BrowserWindow | undefined
  /** Entries whose window and contents are both alive, in registration order. */
  live(): RegisteredWindow[]
  /** Called for every window added from now on (the transport replays state to it). */
  onAdd(listener: (entry: RegisteredWindow) => void): () => void
}

export function createWindowRegistry(): WindowRegistry {
  const entries: RegisteredWindow[] = []
  const addListeners = new Set<(entry: RegisteredWindow) => void>()
  const alive = (e: RegisteredWindow) => !e.win.isDestroyed() && !e.webContents.isDestroyed()

  return {
    add(win, role) {
      if (entries.some((e) => e.role === role && alive(e))) throw new Error(`A ${role} window is already open.`)
      const entry: RegisteredWindow = { win, role, webContents: win.webContents }
      entries.push(entry)
      win.once('closed', () => {
        const i = entries.indexOf(entry)
        if (i >= 0) entries.splice(i, 1)
      })
      for (const listener of addListeners) listener(entry)
      return entry
    },
    find(webContents) {
      const entry = entries.find((e) => e.webContents === webContents)
      return entry && alive(entry) ? entry : undefined
    },
    get(role) {
      const entry = entries.find((e) => e.role === role && alive(e))
      return entry?.win
    },
    live: () => entries.filter(alive),
    onAdd(listener) {
      addListeners.add(listener)
      return () => addListeners.delete(listener)
    }
  }
}
