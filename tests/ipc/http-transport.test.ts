import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'node:http'
import { createRouter } from '../../main/ipc/router'
import { startHttpTransport, MAX_BODY_BYTES, type HttpTransport } from '../../main/ipc/http-transport'
import { createEventBus } from '../../main/core/events'
import type { Handlers } from '../../main/ipc/router'

/** A raw HTTP request, so tests can send any Host/Origin header (fetch forbids setting Host). */
function raw(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      }
    )
    req.on('error', reject)
    if (opts.body) req.write(opts.body)
    req.end()
  })
}

describe('HTTP transport (browser harness)', () => {
  let transport: HttpTransport
  let calls: unknown[]
  const events = createEventBus()
  let host: string

  beforeEach(async () => {
    calls = []
    const handlers = {
      'app:info': () => ({ name: 'QRC POS', version: '1.0.0', mode: 'training', shell: 'harness' }),
      'app:ping': (input: { note: string }, ctx: unknown) => {
        calls.push({ input, ctx })
        events.emit('app:status', { mode: 'training', now: 1, seq: 7 })
        return { note: input.note, seq: 7 }
      }
    } as unknown as Handlers
    const dir = mkdtempSync(join(tmpdir(), 'qrc-static-'))
    mkdirSync(join(dir, 'assets'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>cashier</title>')
    writeFileSync(join(dir, 'assets', 'a.js'), 'console.log(1)')
    writeFileSync(join(tmpdir(), 'qrc-secret.txt'), 'outside')
    transport = await startHttpTransport({
      router: createRouter(handlers),
      events,
      staticDir: dir,
      pageHeaders: { 'content-security-policy': "connect-src 'self'" }
    })
    host = `127.0.0.1:${transport.port}`
  })
  afterEach(() => transport.close())

  const post = (channel: string, body: string, headers: Record<string, string> = {}) =>
    raw(transport.port, {
      method: 'POST',
      path: `/api/${channel}`,
      headers: { host, 'content-type': 'application/json', ...headers },
      body
    })

  it('binds to 127.0.0.1 only', () => {
    expect(transport.server.address()).toMatchObject({ address: '127.0.0.1' })
    expect(transport.url).toBe(`http://127.0.0.1:${transport.port}`)
  })

  it('answers a round trip with the Result, passing the window role', async () => {
    const res = await post('app:ping', JSON.stringify({ note: 'hi' }), { 'x-pos-window': 'display' })
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: { note: 'hi', seq: 7 } })
    expect(calls).toEqual([{ input: { note: 'hi' }, ctx: { window: 'display' } }])
    const info = await post('app:info', '')
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { name: 'QRC POS' } })
  })

  it.each([
    ['a foreign host', { host: 'evil.example:80' }],
    ['a rebinding host name on our port', { host: 'attacker.test:PORT' }],
    ['our host on another port', { host: '127.0.0.1:1' }],
    ['a foreign origin', { origin: 'http://evil.example' }],
    ['a null origin', { origin: 'null' }],
    ['our host but https origin', { origin: 'https://127.0.0.1:PORT' }]
  ])('refuses %s with 403 and calls nothing', async (_what, headers) => {
    const h = Object.fromEntries(
      Object.entries(headers).map(([k, v]) => [k, v.replace('PORT', String(transport.port))])
    )
    const res = await post('app:ping', JSON.stringify({ note: 'x' }), h)
    expect(res.status).toBe(403)
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(calls).toEqual([])
    const page = await raw(transport.port, { path: '/', headers: { host, ...h } })
    expect(page.status).toBe(403)
  })

  it('accepts localhost and its own origin', async () => {
    const res = await post('app:ping', JSON.stringify({ note: 'x' }), {
      host: `localhost:${transport.port}`,
      origin: `http://localhost:${transport.port}`
    })
    expect(res.status).toBe(200)
  })

  it('refuses a body over 64 KiB, declared or streamed, without calling the handler', async () => {
    const big = JSON.stringify({ note: 'x'.repeat(MAX_BODY_BYTES) })
    const res = await post('app:ping', big)
    expect(res.status).toBe(413)
    expect(calls).toEqual([])
    const chunked = await raw(transport.port, {
      method: 'POST',
      path: '/api/app:ping',
      headers: { host, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: big
    })
    expect(chunked.status).toBe(413)
    expect(calls).toEqual([])
  })

  it('refuses unknown channels, wrong methods, non-JSON bodies and bad JSON', async () => {
    expect((await post('nope:never', '{}')).status).toBe(404)
    expect(JSON.parse((await post('nope:never', '{}')).body).error.code).toBe('UNKNOWN_CHANNEL')
    expect((await raw(transport.port, { path: '/api/app:info', headers: { host } })).status).toBe(405)
    expect((await post('app:ping', 'note=x', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415)
    const bad = await post('app:ping', '{"note":')
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body).error.code).toBe('BAD_INPUT')
    const invalid = await post('app:ping', JSON.stringify({ note: 5 }))
    expect(JSON.parse(invalid.body).error.code).toBe('BAD_INPUT')
    expect(calls).toEqual([])
  })

  it('delivers events over SSE, starting with the latest state', async () => {
    events.emit('app:status', { mode: 'training', now: 0, seq: 1 })
    const received: string[] = []
    const done = new Promise<void>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: transport.port, path: '/api/events', headers: { host } },
        (res) => {
          expect(res.headers['content-type']).toMatch(/^text\/event-stream/)
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => {
            received.push(chunk)
            const text = received.join('')
            if (text.includes('"seq":1') && !text.includes('"seq":7'))
              void post('app:ping', JSON.stringify({ note: 'go' }))
            if (text.includes('"seq":7')) {
              req.destroy()
              resolve()
            }
          })
        }
      )
      req.on('error', (e) => (received.join('').includes('"seq":7') ? resolve() : reject(e)))
      req.end()
    })
    await done
    const text = received.join('')
    expect(text).toContain('event: app:status\ndata: {"mode":"training","now":0,"seq":1}')
    expect(text).toContain('event: app:status\ndata: {"mode":"training","now":1,"seq":7}')
  })

  it('serves the built renderer with the CSP and never a file outside it', async () => {
    const page = await raw(transport.port, { path: '/', headers: { host } })
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toBe("connect-src 'self'")
    expect(page.body).toContain('cashier')
    const js = await raw(transport.port, { path: '/assets/a.js', headers: { host } })
    expect(js.headers['content-type']).toMatch(/javascript/)
    for (const path of [
      '/../qrc-secret.txt',
      '/%2e%2e/qrc-secret.txt',
      '/assets/..%2f..%2fqrc-secret.txt',
      '/missing.html'
    ]) {
      const res = await raw(transport.port, { path, headers: { host } })
      expect(res.status).toBe(404)
      expect(res.body).not.toContain('outside')
    }
  })
})
