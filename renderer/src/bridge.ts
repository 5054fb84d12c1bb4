/**
 * The one way stores reach main. Inside Electron it is `window.pos` (the preload); in the browser
 * harness it is HTTP + SSE to the loopback server. Stores import `bridge` and never touch `window`.
 */
import type { PosBridge } from '../../preload/contract'
import { createHttpBridge } from './http-bridge'

/** Which window this page is (from its file name); the harness tells main with each request. */
export const windowRole: 'cashier' | 'display' = location.pathname.endsWith('display.html') ? 'display' : 'cashier'

export const bridge: PosBridge = window.pos ?? createHttpBridge(windowRole)
