/**
 * Serves the built renderer on `app://pos/...` (a privileged, standard, secure scheme: the pages are a
 * secure context, so the camera works, without `file://`'s extra powers). No `electron` import: main/index
 * passes the handler to `protocol.handle`, and tests call it with plain Requests.
 */
import { readFile as fsReadFile } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'
import { APP_HOST, APP_SCHEME, CSP_HEADER } from './security'

/** The privileges `protocol.registerSchemesAsPrivileged` must give the scheme before `ready`. */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.txt': 'text/plain; charset=utf-8'
}

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

export type AppPathResult = { ok: true; file: string } | { ok: false; status: 400 | 404 }

/**
 * Maps an `app://pos/<path>` URL to a file under `rootDir`, or says why not. Decodes once, refuses
 * NUL bytes and backslashes (a Windows separator in disguise), and refuses anything that resolves
 * outside `rootDir` whatever the encoding (`..`, `%2e%2e`, `..%2f`). `/` means `/index.html`.
 */
export function resolveAppPath(requestUrl: string, rootDir: string): AppPathResult {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return { ok: false, status: 400 }
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname.toLowerCase() !== APP_HOST || url.port || url.username) {
    return { ok: false, status: 404 }
  }
  let path: string
  try {
    path = decodeURIComponent(url.pathname)
  } catch {
    return { ok: false, status: 400 }
  }
  if (path.includes('\0') || path.includes('\\')) return { ok: false, status: 400 }
  if (path === '' || path.endsWith('/')) path += 'index.html'
  const root = resolve(rootDir)
  const file = resolve(root, `.${path.startsWith('/') ? path : `/${path}`}`)
  const rel = relative(root, file)
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return { ok: false, status: 404 }
  return { ok: true, file }
}

export interface AppProtocolOptions {
  /** The built renderer folder (out/renderer). */
  rootDir: string
  /** Injected by tests; Electron's fs reads inside app.asar transparently. */
  readFile?: (file: string) => Promise<Uint8Array>
}

const SECURITY_HEADERS = {
  'content-security-policy': CSP_HEADER,
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'referrer-policy': 'no-referrer'
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' } })
}

/** The `protocol.handle('app', ...)` handler: GET/HEAD of files under rootDir, with the CSP header. */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const readFile = options.readFile ?? ((file: string) => fsReadFile(file))
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed')
    const target = resolveAppPath(request.url, options.rootDir)
    if (!target.ok) return plain(target.status, target.status === 400 ? 'Bad request' : 'Not found')
    let body: Uint8Array
    try {
      body = await readFile(target.file)
    } catch {
      // Missing file or a folder: the same 404 either way, without echoing paths.
      return plain(404, 'Not found')
    }
    const headers = { ...SECURITY_HEADERS, 'content-type': contentTypeFor(target.file) }
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers })
  }
}
