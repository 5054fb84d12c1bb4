/**
 * Pure security predicates for the Electron shell: which URLs are ours, which may go to the OS browser,
 * which permission requests a page may get. No `electron` import, so every rule is table-tested in Node
 * (tests/electron/security.test.ts); main/windows.ts and main/ipc/electron-transport.ts only wire them up.
 */
import { CONTENT_SECURITY_POLICY } from './csp'

/** The privileged scheme and host the production renderer is served from (`app://pos/index.html`). */
export const APP_SCHEME = 'app'
export const APP_HOST = 'pos'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/**
 * The CSP as a response header (app:// protocol). Same policy as the meta tag (main/csp.ts) plus
 * `frame-ancestors`, which Chromium ignores in a meta tag.
 */
export const CSP_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`
export { CONTENT_SECURITY_POLICY }

// URL() quietly drops tabs/newlines and trims spaces; a URL that needed that is not one we vouch for.
function hasUnsafeChars(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c <= 0x20 || c === 0x7f || c === 0x5c /* backslash */) return true
  }
  return /\s/.test(value) // non-ASCII spaces (U+00A0, U+2028, ...)
}
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/
const MAX_EXTERNAL_URL_LENGTH = 2048

function parse(value: unknown): URL | undefined {
  if (typeof value !== 'string' || value.length === 0 || hasUnsafeChars(value)) return undefined
  try {
    return new URL(value)
  } catch {
    return undefined
  }
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]'
}

/**
 * The only sites the app sends people to (help and Pockyt's docs/portal), subdomains included. A link
 * to anything else is dropped: nothing in a POS should open arbitrary pages. Add a host here to allow it.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['pockyt.io']

export interface ExternalUrlOptions {
  /** When given, the host must be one of these or a subdomain of one (e.g. `pockyt.io`). */
  allowedHosts?: readonly string[]
}

/**
 * May this URL be handed to `shell.openExternal`? Only plain public `https:` links: no credentials,
 * no explicit port, no IP literals, no single-label / localhost / `.local` hosts (nothing on the shop's
 * LAN or this machine), nothing URL() had to repair, nothing absurdly long.
 */
export function isSafeExternalUrl(value: unknown, options: ExternalUrlOptions = {}): boolean {
  if (typeof value === 'string' && value.length > MAX_EXTERNAL_URL_LENGTH) return false
  const url = parse(value)
  if (!url) return false
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return false
  const host = url.hostname.toLowerCase()
  // URL() has already normalised 0x7f.1 / 2130706433 / 127.1 to dotted IPv4, and IPv6 comes bracketed.
  if (host.startsWith('[') || IPV4.test(host)) return false
  if (!host.includes('.') || host.endsWith('.')) return false
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal'))
    return false
  if (options.allowedHosts) {
    return options.allowedHosts.some((allowed) => {
      const a = allowed.toLowerCase()
      return host === a || host.endsWith(`.${a}`)
    })
  }
  return true
}

/**
 * The electron-vite dev server URL, only when it is safe to trust: never in a packaged app (an
 * attacker-set ELECTRON_RENDERER_URL would otherwise get the bridge), and only http on loopback.
 */
export function trustedDevServerUrl(value: string | undefined, isPackaged: boolean): string | undefined {
  if (isPackaged || !value) return undefined
  const url = parse(value)
  if (!url || url.protocol !== 'http:' || url.username || url.password) return undefined
  if (!isLoopbackHost(url.hostname)) return undefined
  return url.origin
}

/**
 * Is this URL one of our pages? `app://pos/...` exactly (no credentials, no port, no look-alike host),
 * or, in development, the exact origin of the trusted dev server.
 */
export function isAppUrl(value: unknown, devServerUrl?: string): boolean {
  const url = parse(value)
  if (!url || url.username || url.password) return false
  if (url.protocol === `${APP_SCHEME}:`) return url.hostname.toLowerCase() === APP_HOST && url.port === ''
  if (!devServerUrl) return false
  const dev = parse(devServerUrl)
  return !!dev && (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === dev.origin
}

/** What Electron tells a permission handler; request and check handlers name the media types differently. */
export interface PermissionDetails {
  /** Request handler: `['video']`, `['audio']`, both, or empty (Windows sometimes sends none). */
  mediaTypes?: readonly string[]
  /** Check handler: `video`, `audio` or `unknown`. */
  mediaType?: string
  isMainFrame?: boolean
}

/**
 * The whole permission policy: the camera (html5-qrcode) for the main frame of our own pages, nothing
 * else for anyone. A microphone request (alone or with the camera) is denied: we never need sound in.
 */
export function isPermissionAllowed(
  permission: string,
  requestingUrl: unknown,
  details: PermissionDetails = {},
  devServerUrl?: string
): boolean {
  if (permission !== 'media') return false
  if (details.isMainFrame === false) return false
  if (!isAppUrl(requestingUrl, devServerUrl)) return false
  if (details.mediaTypes && !details.mediaTypes.every((t) => t === 'video')) return false
  if (details.mediaType !== undefined && details.mediaType !== 'video' && details.mediaType !== 'unknown') return false
  return true
}
