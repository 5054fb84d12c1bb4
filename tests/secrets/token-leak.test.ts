/**
 * The token goes into main and never comes out: this drives the real services (settings, a live
 * payment against the HTTP simulator, backups, diagnostics) with a canary token, then searches every
 * contract response, every event, every log line and every file in the data folder (the SQLite ledger
 * and its WAL included, zips unpacked) for it.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../main/core/services'
import { createRouter, type Router } from '../../main/ipc/router'
import { createMemorySecretStore } from '../../main/core/settings/secret-store'
import { startSimulatorServer, type SimulatorServer } from '../../main/core/pockyt/simulator/server'
import { md5Hex } from '../../main/core/pockyt/sign'

const TOKEN = `QrcCanary${randomBytes(12).toString('hex')}`
const CREDS = { merchantNo: '200043', storeNo: '300014' }
const ctx = { window: 'cashier' as const }

let sim: SimulatorServer
let dataDir: string
const secrets = createMemorySecretStore()
const seen: string[] = []
const sinkLines: string[] = []

async function boot(): Promise<{ services: Services; router: Router; stop: () => Promise<void> }> {
  const services = await createServices({
    dataDir,
    version: '0.0.0-test',
    shell: 'harness',
    heartbeatSeconds: 0,
    secrets,
    log: (level, message, fields) => sinkLines.push(JSON.stringify({ level, message, fields }))
  })
  const unsubscribe = services.events.subscribe((e) => seen.push(JSON.stringify(e)))
  const router = createRouter(services.handlers, {
    validateOutput: true,
    onInternalError: (channel, error) => {
      throw new Error(`internal error on ${channel}: ${String(error)}`)
    }
  })
  return {
    services,
    router,
    stop: async () => {
      unsubscribe()
      await services.close()
    }
  }
}

async function call(router: Router, channel: string, payload?: unknown) {
  const result = await router.call(channel, payload, ctx)
  seen.push(JSON.stringify(result))
  return result as { ok: boolean; value?: any; error?: { code: string; message: string } } // eslint-disable-line @typescript-eslint/no-explicit-any
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? filesUnder(p) : [p]
  })
}

beforeAll(async () => {
  sim = await startSimulatorServer({ credentials: [{ ...CREDS, token: TOKEN }], timeScale: 0.01 })
  dataDir = mkdtempSync(join(tmpdir(), 'qrc-leak-'))
})
afterAll(async () => {
  await sim?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('the API token never leaves main', () => {
  it('set up, test, go live, take a live payment, back up, export diagnostics: the token is nowhere', async () => {
    let app = await boot()
    let r = await call(app.router, 'settings:update', {
      patch: { pockytEnvironment: 'custom', pockytCustomUrl: sim.url, ...CREDS }
    })
    expect(r.ok).toBe(true)
    // A bad token echoes nothing back.
    r = await call(app.router, 'settings:setToken', { token: `${TOKEN} extra` })
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    r = await call(app.router, 'settings:setToken', { token: TOKEN })
    expect(r.value).toMatchObject({ tokenSet: true, tokenWritable: true, mode: 'training' })
    r = await call(app.router, 'settings:testConnection')
    expect(r.value).toMatchObject({ outcome: 'works', baseUrl: sim.url })
    r = await call(app.router, 'settings:setMode', { mode: 'live', confirm: true })
    // Idle till: the switch applies at once (tests/settings/live-switch.test.ts covers it in depth).
    expect(r.value).toMatchObject({ mode: 'live', activeMode: 'live' })
    r = await call(app.router, 'settings:setPin', { newPin: '2468' })
    expect(r.ok).toBe(true)
    await app.stop()

    // Restart: the checkout still uses the live credentials (the simulator) and signs with the token.
    app = await boot()
    r = await call(app.router, 'app:info')
    expect(r.value.mode).toBe('live')
    r = await call(app.router, 'settings:get')
    expect(r.value).toMatchObject({ mode: 'live', activeMode: 'live', tokenSet: true, pinSet: true })
    const sale = await call(app.router, 'sale:new')
    const saleId = sale.value.id
    r = await call(app.router, 'sale:addCustomItem', { saleId, name: 'Tea', unitPriceMinor: 450, taxRateBp: 0 })
    expect(r.ok).toBe(true)
    r = await call(app.router, 'payment:submitCode', { saleId, code: '134668918993771844' })
    expect(r.ok).toBe(true)
    for (let i = 0; i < 100; i++) {
      const current = await call(app.router, 'payment:get', { paymentId: r.value.id })
      if (['succeeded', 'failed', 'cancelled', 'reversed'].includes(current.value.state)) break
      await new Promise((res) => setTimeout(res, 50))
    }
    r = await call(app.router, 'backup:now')
    expect(r.ok).toBe(true)
    await call(app.router, 'backup:list')
    r = await call(app.router, 'diagnostics:export')
    expect(r.value.files).toContain('logs/app.log')
    await call(app.router, 'settings:verifyPin', { pin: '2468' })
    await app.stop()

    // The simulator really was called with our token (so a leak had every chance to happen).
    expect(sim.simulator.state.list().length).toBeGreaterThan(0)

    const haystacks: [string, string][] = [
      ...seen.map((s, i) => [`response/event #${i}`, s] as [string, string]),
      ...sinkLines.map((s, i) => [`log sink line #${i}`, s] as [string, string])
    ]
    for (const file of filesUnder(dataDir)) {
      const bytes = readFileSync(file)
      haystacks.push([file, bytes.toString('latin1')])
      if (file.endsWith('.zip')) {
        for (const [name, content] of Object.entries(unzipSync(bytes)))
          haystacks.push([`${file}:${name}`, Buffer.from(content).toString('latin1')])
      }
    }
    const files = filesUnder(dataDir).map((f) => f.slice(dataDir.length + 1))
    expect(files).toEqual(expect.arrayContaining(['ledger.sqlite3', 'settings.json', 'logs/app.log']))
    expect(files.some((f) => f.startsWith('backups/'))).toBe(true)
    expect(readFileSync(join(dataDir, 'logs/app.log'), 'utf8')).toMatch(/pockyt pay/)
    for (const [where, text] of haystacks) {
      expect(text.includes(TOKEN), `token found in ${where}`).toBe(false)
      // Nor its MD5, the other half of every signature.
      expect(text.includes(md5Hex(TOKEN)), `md5(token) found in ${where}`).toBe(false)
    }
  })
})
