/**
 * The contract's own cost: a channel call through router + HTTP transport, against a bare node:http
 * server answering the same JSON on the same machine in the same run.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRouter, type Handlers } from '../main/ipc/router'
import { startHttpTransport } from '../main/ipc/http-transport'
import { createEventBus } from '../main/core/events'
import { percentile, sample, type Row } from './lib'

export async function benchTransport(): Promise<Row[]> {
  const value = { note: 'bench', seq: 1 }
  const handlers = { 'app:ping': () => value } as unknown as Handlers
  const router = createRouter(handlers, { validateOutput: true })
  const transport = await startHttpTransport({ router, events: createEventBus() })
  const bare = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ ok: true, value }))
    })
  })
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r))
  const barePort = (bare.address() as AddressInfo).port
  const body = JSON.stringify({ note: 'bench' })
  const headers = { 'content-type': 'application/json' }
  try {
    const direct = await sample(() => router.call('app:ping', { note: 'bench' }, { window: 'cashier' }), 5000)
    const ours = await sample(
      () => fetch(`${transport.url}/api/app:ping`, { method: 'POST', headers, body }).then((r) => r.json()),
      500
    )
    const baseline = await sample(
      () => fetch(`http://127.0.0.1:${barePort}/`, { method: 'POST', headers, body }).then((r) => r.json()),
      500
    )
    return [
      { name: 'router.call (validate in+out)', p50: percentile(direct, 50), p95: percentile(direct, 95), unit: 'ms' },
      {
        name: 'harness POST /api/<channel>',
        p50: percentile(ours, 50),
        p95: percentile(ours, 95),
        unit: 'ms',
        baseline: `bare node:http p50 ${percentile(baseline, 50).toFixed(3)} p95 ${percentile(baseline, 95).toFixed(3)}`,
        note: `overhead p95 ${(percentile(ours, 95) - percentile(baseline, 95)).toFixed(3)} ms`
      }
    ]
  } finally {
    await transport.close()
    await new Promise((r) => bare.close(r))
  }
}
