/**
 * The browser harness transport: the same contract as Electron IPC, over HTTP + Server-Sent Events.
 *   POST /api/<channel>   body: JSON input (empty for no input)  ->  200 + Result JSON
 *   GET  /api/events      text/event-stream of every main -> window event
 *   GET  /<file>          the built renderer (index.html = cashier, display.html = customer display)
 * It binds 127.0.0.1 only and refuses any request whose Host or Origin is not its own loopback address,
 * so a web page the cashier happens to open cannot drive the till (DNS rebinding, CSRF).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, resolve, sep } from 'node:path'
import type { AddressInfo } from 'node:net'
import { isChannel } from '../../preload/contract/channels'
import type { EventBus } from '../core/events'
import type { CallContext, Router } from './router'

export const MAX_BODY_BYTES = 64 * 1024

export interface HttpTransportOptions {
  router: Router
  events: EventBus
  /** Folder of the built renderer (out/renderer). Omit to serve the API only. */
  staticDir?: string
  /** 0 picks a free port. */
  port?: number
  /** Extra response headers for pages (the CSP). */
  pageHeaders?: Record<string, string>
  /** Seconds between SSE keep-alive comments. */
  keepAliveSeconds?: number
}

export interface HttpTransport {
  server: Server
  port: number
  url: string
  close(): Promise<void>
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg'
}

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(JSON.stringify({ ok: false, error: { code, message } }))
}

/** Reads the body up to the limit; resolves null (and stops reading) when it is larger. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > limit) return resolveBody(null)
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        req.removeAllListeners('data')
        req.resume()
        resolveBody(null)
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolveBody(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export function startHttpTransport(options: HttpTransportOptions): Promise<HttpTransport> {
  const { router, events } = options
  const staticDir = options.staticDir ? resolve(options.staticDir) : undefined
  let port = 0
  const sseClients = new Set<ServerResponse>()

  /** Host must be exactly our loopback address; Origin, when present, must be our own page. */
  const isOwnRequest = (req: IncomingMessage): boolean => {
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`]
    if (!allowedHosts.includes(String(req.headers.host ?? '').toLowerCase())) return false
    const origin = req.headers.origin
    if (origin === undefined) return true
    return allowedHosts.some((h) => origin.toLowerCase() === `http://${h}`)
  }

  const handleApi = async (req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> => {
    if (req.method !== 'POST') return refuse(res, 405, 'BAD_INPUT', 'Use POST for API channels.')
    if (!isChannel(channel)) return refuse(res, 404, 'UNKNOWN_CHANNEL', `There is no channel "${channel}".`)
    const type = String(req.headers['content-type'] ?? '')
    // Requiring JSON keeps out "simple" cross-site form posts even if a browser skipped the Origin check.
    if (!/^application\/json\b/i.test(type)) {
      return refuse(res, 415, 'BAD_INPUT', 'Send the request body as application/json.')
    }
    const body = await readBody(req, MAX_BODY_BYTES)
    if (body === null) return refuse(res, 413, 'BAD_INPUT', `Request body is larger than ${MAX_BODY_BYTES} bytes.`)
    let payload: unknown = undefined
    if (body.length > 0) {
      try {
        payload = JSON.parse(body.toString('utf8'))
      } catch {
        return refuse(res, 400, 'BAD_INPUT', 'The request body is not valid JSON.')
      }
    }
    const role = req.headers['x-pos-window'] === 'display' ? 'display' : 'cashier'
    const ctx: CallContext = { window: role }
    const result = await router.call(channel, payload, ctx)
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    res.end(JSON.stringify(result))
  }

  const handleEvents = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET') return refuse(res, 405, 'BAD_INPUT', 'Use GET for the event stream.')
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive'
    })
    res.write('retry: 1000\n\n')
    sseClients.add(res)
    // A window that (re)connects starts from the current state, as an Electron window does after a reload.
    for (const event of events.latest()) res.write(formatEvent(event.name, event.payload))
    req.on('close', () => sseClients.delete(res))
  }

  const handleStatic = async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    if (!staticDir || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return refuse(res, 404, 'NOT_FOUND', 'Not found.')
    }
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '')
    const file = normalize(join(staticDir, relative))
    if (file !== staticDir && !file.startsWith(staticDir + sep)) return refuse(res, 404, 'NOT_FOUND', 'Not found.')
    try {
      const info = await stat(file)
      if (!info.isFile()) return refuse(res, 404, 'NOT_FOUND', 'Not found.')
      const ext = extname(file)
      const headers: Record<string, string> = {
        'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache'
      }
      if (ext === '.html') Object.assign(headers, options.pageHeaders ?? {})
      res.writeHead(200, headers)
      res.end(req.method === 'HEAD' ? undefined : await readFile(file))
    } catch {
      refuse(res, 404, 'NOT_FOUND', 'Not found.')
    }
  }

  const server = createServer((req, res) => {
    if (!isOwnRequest(req)) {
      return refuse(res, 403, 'FORBIDDEN', 'This server only answers its own loopback pages.')
    }
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
    const work =
      pathname === '/api/events'
        ? Promise.resolve(handleEvents(req, res))
        : pathname.startsWith('/api/')
          ? handleApi(req, res, pathname.slice('/api/'.length))
          : handleStatic(req, res, pathname)
    work.catch(() => {
      if (!res.headersSent) refuse(res, 500, 'INTERNAL', 'Something went wrong inside the harness.')
      else res.destroy()
    })
  })

  const unsubscribe = events.subscribe((event) => {
    const text = formatEvent(event.name, event.payload)
    for (const client of sseClients) client.write(text)
  })
  const keepAlive = setInterval(
    () => {
      for (const client of sseClients) client.write(': keep-alive\n\n')
    },
    (options.keepAliveSeconds ?? 15) * 1000
  )
  keepAlive.unref()

  return new Promise((resolveStart, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port
      resolveStart({
        server,
        port,
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe()
            clearInterval(keepAlive)
            for (const client of sseClients) client.end()
            sseClients.clear()
            server.closeAllConnections()
            server.close(() => done())
          })
      })
    })
  })
}

function formatEvent(name: string, payload: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`
}
