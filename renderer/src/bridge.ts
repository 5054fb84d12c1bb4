/**
 * The one way stores reach main. Inside Electron it is `window.pos` (the preload); in the browser
 * harness it is HTTP + SSE to the loopback server. Stores import `bridge` and never touch `window`.
 */
import type { PosBridge, Result } from '../../preload/contract'
import { createHttpBridge } from './http-bridge'

/** Which window this page is; the display page sets it before anything imports the bridge. */
export const windowRole: 'cashier' | 'display' = location.pathname.endsWith('display.html') ? 'display' : 'cashier'

export const bridge: PosBridge = window.pos ?? createHttpBridge(windowRole)

/** Unwraps a Result for callers that show errors through a thrown BridgeError. */
export class BridgeError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message)
  }
}

export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value
  throw new BridgeError(result.error.code, result.error.message)
}
