import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { classifyProbe, testConnection } from '../../main/core/settings/connection'
import { startSimulatorServer, type SimulatorServer } from '../../main/core/pockyt/simulator/server'
import { SANDBOX_CREDENTIALS } from '../../main/core/pockyt/types'

let sim: SimulatorServer
const good = () => ({ baseUrl: sim.url, ...SANDBOX_CREDENTIALS })

beforeAll(async () => {
  sim = await startSimulatorServer()
})
afterAll(async () => {
  await sim?.close()
})

/** A local server answering every request with `status` and `body`. */
async function fixedServer(status: number, body: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((_req, res) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(body)
  )
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r()))
  }
}

describe('Test connection against the HTTP simulator', () => {
  it('good credentials: works (the probe query of an unknown reference is answered, not refused)', async () => {
    const r = await testConnection(good())
    expect(r.outcome).toBe('works')
    expect(r.detail).toBe('000021')
  })

  it('a wrong token: wrong credentials', async () => {
    const r = await testConnection({ ...good(), token: 'not-the-token-0000000000000000000' })
    expect(r).toMatchObject({ outcome: 'wrong-credentials', detail: '000030' })
    expect(r.message).toMatch(/merchant number, store number, token and environment/)
  })

  it('an unknown merchant or store: wrong credentials', async () => {
    expect((await testConnection({ ...good(), merchantNo: '999999' })).outcome).toBe('wrong-credentials')
    expect((await testConnection({ ...good(), storeNo: '999999' })).outcome).toBe('wrong-credentials')
  })

  it('the simulator stopped: unreachable', async () => {
    const stopped = await startSimulatorServer()
    const url = stopped.url
    await stopped.close()
    const r = await testConnection({ ...good(), baseUrl: url })
    expect(r.outcome).toBe('unreachable')
    expect(r.detail).toBe('network')
    expect(r.message).toMatch(/could not be reached/)
  })
})

describe('Test connection: the other answers', () => {
  it('HTTP 503 and a System Error (000000) are unreachable; a non-Pockyt page is unreachable with a hint', async () => {
    for (const [status, body, detail] of [
      [503, 'busy', 'http 503'],
      [200, JSON.stringify({ ret_code: '000000', ret_msg: 'System Error' }), '000000'],
      [200, '<html>captive portal</html>', 'malformed']
    ] as const) {
      const server = await fixedServer(status, body)
      const r = await testConnection({ ...good(), baseUrl: server.url })
      await server.close()
      expect(r, body).toMatchObject({ outcome: 'unreachable', detail })
    }
  })

  it('no answer within the timeout: unreachable (timeout)', async () => {
    const server: Server = createServer(() => {})
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const r = await testConnection(
      { ...good(), baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` },
      { timeoutMs: 200 }
    )
    server.closeAllConnections()
    await new Promise<void>((res) => server.close(() => res()))
    expect(r).toMatchObject({ outcome: 'unreachable', detail: 'timeout' })
  })

  it('classifies refusals: 000030 and signature-naming parameter errors are credentials; other codes mean it works', () => {
    const rejected = (retCode: string, retMsg = '') => classifyProbe({ kind: 'rejected', retCode, retMsg })
    expect(rejected('000030').outcome).toBe('wrong-credentials')
    expect(rejected('000023', 'verifySign error').outcome).toBe('wrong-credentials')
    expect(rejected('000022', 'merchantNo and storeNo do not match').outcome).toBe('wrong-credentials')
    expect(rejected('000021').outcome).toBe('works')
    expect(rejected('000023', 'reference format').outcome).toBe('works')
    expect(rejected('000040').outcome).toBe('works')
    expect(classifyProbe({ kind: 'ok', value: {} }).outcome).toBe('works')
    expect(classifyProbe({ kind: 'unknown', reason: 'http', detail: '', httpStatus: 502 })).toMatchObject({
      outcome: 'unreachable',
      detail: 'http 502'
    })
  })

  it('settings that cannot form a request are refused before any call', async () => {
    await expect(testConnection({ ...good(), baseUrl: 'http://example.com' })).rejects.toThrow(/https/)
    await expect(testConnection({ ...good(), token: '' })).rejects.toThrow(/token is empty/)
  })
})
