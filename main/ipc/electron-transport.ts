/**
 * The Electron transport: one `ipcMain.handle` per contract channel, each guarded by a sender check,
 * then the transport-agnostic router; and the event bus fanned out to every live window.
 * Only this file and the preload touch IPC (lint enforces it).
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import { CHANNELS, type Result } from '../../preload/contract'
import type { EventBus } from '../core/events'
import { isAppUrl } from '../security'
import type { RegisteredWindow, WindowRegistry, WindowRole } from '../window-registry'
import type { Router } from './router'

/** What the check reads from an IPC event; a structural subset of IpcMainInvokeEvent. */
export interface SenderInfo {
  sender: unknown
  senderFrame: { url: string; parent: unknown } | null
}

export type SenderCheck = { ok: true; role: WindowRole } | { ok: false; reason: string }

/**
 * Is this message from the main frame of one of our live windows, showing one of our pages?
 * Anything else (a subframe, a page that navigated away, a window we did not create, a destroyed
 * one) is refused before the router sees the payload.
 */
export function checkSender(event: SenderInfo, registry: WindowRegistry, devServerUrl?: string): SenderCheck {
  const entry = registry.find(event.sender)
  if (!entry) return { ok: false, reason: 'sender is not one of our live windows' }
  const frame = event.senderFrame
  if (!frame) return { ok: false, reason: 'sender frame is gone' }
  if (frame.parent !== null) return { ok: false, reason: 'sender is a subframe' }
  if (!isAppUrl(frame.url, devServerUrl)) return { ok: false, reason: 'sender page is not on our origin' }
  return { ok: true, role: entry.role }
}

/** The answer a refused sender gets; the handler is never called. */
export const FORBIDDEN_RESULT: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'This request did not come from a QRC POS window and was refused.' }
}

export interface ElectronTransportOptions {
  router: Router
  events: EventBus
  registry: WindowRegistry
  /** The trusted dev-server origin in development (see trustedDevServerUrl); undefined in production. */
  devServerUrl?: string
  /** Refusals and send failures are logged here (never the payload). */
  log?: (level: 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void
}

export interface ElectronTransport {
  /** Removes the handlers and stops the event fan-out (on quit, and between tests). */
  dispose(): void
}

export function registerElectronTransport(options: ElectronTransportOptions): ElectronTransport {
  const { router, events, registry, devServerUrl } = options
  const log = options.log ?? (() => {})

  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      const check = checkSender(event as unknown as SenderInfo, registry, devServerUrl)
      if (!check.ok) {
        log('warn', 'refused IPC request', { channel, reason: check.reason })
        return FORBIDDEN_RESULT
      }
      return router.call(channel, args[0], { window: check.role })
    })
  }

  const send = (entry: RegisteredWindow, name: string, payload: unknown) => {
    if (entry.win.isDestroyed() || entry.webContents.isDestroyed()) return
    try {
      entry.webContents.send(name, payload)
    } catch (e) {
      // A window closing mid-send must not stop the others from getting the event.
      log('error', 'event send failed', { event: name, role: entry.role, error: String(e) })
    }
  }

  const unsubscribe = events.subscribe(({ name, payload }) => {
    for (const entry of registry.live()) send(entry, name, payload)
  })

  // A page that (re)loads starts from the current state instead of waiting for the next push.
  const replay = (entry: RegisteredWindow) => {
    entry.webContents.on('did-finish-load', () => {
      for (const { name, payload } of events.latest()) send(entry, name, payload)
    })
  }
  for (const entry of registry.live()) replay(entry)
  const stopReplay = registry.onAdd(replay)

  return {
    dispose() {
      for (const channel of CHANNELS) ipcMain.removeHandler(channel)
      unsubscribe()
      stopReplay()
    }
  }
}
