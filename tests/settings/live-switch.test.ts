/**
 * Training <-> live applies at once (issue 7): the real services against the HTTP simulator. An idle
 * till switches as soon as the mode is saved (app:info, app:status, settings:changed follow); a switch
 * saved while a payment is unsettled waits, the payment finishes on the client it started with, and the
 * switch lands when it settles. Currency applies to the empty current sale at once.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../main/core/services'
import { createRouter, type Router } from '../../main/ipc/router'
import { createMemorySecretStore } from '../../main/core/settings/secret-store'
import { startSimulatorServer, type SimulatorServer } from '../../main/core/pockyt/simulator/server'
import type { PosEvent } from '../../main/core/events'

const CREDS = { merchantNo: '200043', storeNo: '300014' }
const TOKEN = '5cbfb079f15b150122261c8537086d77a'
const APPROVED = '134668918993771844'
const PENDING_FOR_EVER = '134668918993771903'
const ctx = { window: 'cashier' as const }

let sim: SimulatorServer
let dataDir: string
let services: Services
let router: Router
let events: PosEvent[]
let memorySecrets: ReturnType<typeof createMemorySecretStore>

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(channel: string, payload?: unknown): Promise<any> {
  const r = (await router.call(channel, payload, ctx)) as { ok: boolean; value?: unknown; error?: unknown }
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`)
  return r.value
}

async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await what()
    if (ok(v)) return v
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error('timed out waiting')
}

const FINAL = ['succeeded', 'failed', 'cancelled', 'reversed']
const lastStatusMode = () => [...events].reverse().find((e) => e.name === 'app:status')?.payload as { mode: string }
const lastSettings = () =>
  [...events].reverse().find((e) => e.name === 'settings:changed')?.payload as { mode: string; activeMode: string }

/** Credentials of the HTTP simulator, tested: ready to go live. */
async function configureLiveCredentials() {
  await call('settings:update', { patch: { pockytEnvironment: 'custom', pockytCustomUrl: sim.url, ...CREDS } })
  await call('settings:setToken', { token: TOKEN })
  expect(await call('settings:testConnection')).toMatchObject({ outcome: 'works' })
}

async function pay(code: string) {
  const sale = await call('sale:current')
  await call('sale:addCustomItem', { saleId: sale.id, name: 'Tea', unitPriceMinor: 450, taxRateBp: 0 })
  return call('payment:submitCode', { saleId: sale.id, code })
}

beforeAll(async () => {
  // Numbers apart from Training's in-process simulator, as real Pockyt's would be.
  sim = await startSimulatorServer({
    credentials: [{ ...CREDS, token: TOKEN }],
    timeScale: 0.01,
    firstTransactionNo: '297553649000000001'
  })
})
afterAll(async () => {
  await sim?.close()
})
beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'qrc-switch-'))
  events = []
  memorySecrets = createMemorySecretStore()
  services = await createServices({
    dataDir,
    version: '0.0.0-test',
    shell: 'harness',
    heartbeatSeconds: 0,
    secrets: memorySecrets,
    log: (level, message, fields) => process.env.DEBUG_SWITCH && console.log(level, message, JSON.stringify(fields))
  })
  services.events.subscribe((e) => events.push(e))
  router = createRouter(services.handlers, {
    validateOutput: true,
    onInternalError: (channel, error) => {
      throw new Error(`internal error on ${channel}: ${String(error)}`)
    }
  })
})
afterEach(async () => {
  await services.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('switching Training <-> live without a restart', () => {
  it('applies at once when the till is idle: mode, badge event and the payments all follow', async () => {
    await configureLiveCredentials()
    expect((await call('app:info')).mode).toBe('training')
    const before = sim.simulator.state.list().length

    const view = await call('settings:setMode', { mode: 'live', confirm: true })
    expect(view).toMatchObject({ mode: 'live', activeMode: 'live' })
    expect((await call('app:info')).mode).toBe('live')
    expect(lastStatusMode().mode).toBe('live')
    expect(lastSettings()).toMatchObject({ mode: 'live', activeMode: 'live' })

    // The next payment goes to the HTTP simulator, with the live store number in its reference.
    const started = await pay(APPROVED)
    const done = await until(
      () => call('payment:get', { paymentId: started.id }),
      (p) => FINAL.includes(p.state)
    )
    expect(done.state).toBe('succeeded')
    expect(sim.simulator.state.list().length).toBe(before + 1)
    expect(sim.simulator.state.list().at(-1)?.reference).toBe(done.reference)
    expect(done.reference.startsWith('Q300014')).toBe(true)

    // And back to training: the badge comes back at once, the next payment stays in-process.
    expect(await call('settings:setMode', { mode: 'training' })).toMatchObject({ activeMode: 'training' })
    expect((await call('app:info')).mode).toBe('training')
    expect(lastStatusMode().mode).toBe('training')
    await call('sale:new')
    const local = await pay(APPROVED)
    const localDone = await until(
      () => call('payment:get', { paymentId: local.id }),
      (p) => FINAL.includes(p.state)
    )
    expect(localDone).toMatchObject({ state: 'succeeded' })
    expect(localDone.reference.startsWith('QTRAIN')).toBe(true)
    expect(sim.simulator.state.list().length).toBe(before + 1)
  })

  it('waits while a payment is unsettled: it ends on its own client, then the switch lands', async () => {
    await configureLiveCredentials()
    const started = await pay(PENDING_FOR_EVER)
    await until(
      () => call('payment:get', { paymentId: started.id }),
      (p) => p.state === 'pending'
    )
    const before = sim.simulator.state.list().length

    // Saved, but the running client stays Training: the settings screen is told it waits.
    const view = await call('settings:setMode', { mode: 'live', confirm: true })
    expect(view).toMatchObject({ mode: 'live', activeMode: 'training' })
    expect((await call('app:info')).mode).toBe('training')

    // The cashier cancels: the reverse goes to Training's simulator, not to the live one.
    await call('payment:cancel', { paymentId: started.id })
    const done = await until(
      () => call('payment:get', { paymentId: started.id }),
      (p) => FINAL.includes(p.state)
    )
    expect(['cancelled', 'reversed']).toContain(done.state)
    expect(sim.simulator.state.list().length).toBe(before)

    // Settled: the switch happened by itself and the windows were told.
    await until(
      () => call('app:info'),
      (i) => i.mode === 'live'
    )
    expect(lastStatusMode().mode).toBe('live')
    expect(lastSettings()).toMatchObject({ mode: 'live', activeMode: 'live' })
  })

  it('closed while a switch waited: the next start settles the old payment in Training first, then goes live', async () => {
    await configureLiveCredentials()
    const started = await pay(PENDING_FOR_EVER)
    await until(
      () => call('payment:get', { paymentId: started.id }),
      (p) => p.state === 'pending'
    )
    expect(await call('settings:setMode', { mode: 'live', confirm: true })).toMatchObject({ activeMode: 'training' })
    const before = sim.simulator.state.list().length
    await services.close()

    services = await createServices({
      dataDir,
      version: '0.0.0-test',
      shell: 'harness',
      heartbeatSeconds: 0,
      secrets: memorySecrets
    })
    services.events.subscribe((e) => events.push(e))
    router = createRouter(services.handlers, { validateOutput: true })
    // Training's fresh simulator has no record of it: Training ends it (no live call for it), then live.
    const done = await until(
      () => call('payment:get', { paymentId: started.id }),
      (p) => FINAL.includes(p.state)
    )
    expect(['cancelled', 'failed', 'reversed']).toContain(done.state)
    expect(sim.simulator.state.list().length).toBe(before)
    await until(
      () => call('app:info'),
      (i) => i.mode === 'live'
    )
    expect(lastSettings()).toMatchObject({ mode: 'live', activeMode: 'live' })

    // A plain restart while live: the settings published at start already say live (no waiting note).
    await services.close()
    events = []
    services = await createServices({
      dataDir,
      version: '0.0.0-test',
      shell: 'harness',
      heartbeatSeconds: 0,
      secrets: memorySecrets
    })
    const replayed = services.events.latest().find((e) => e.name === 'settings:changed')?.payload
    expect(replayed).toMatchObject({ mode: 'live', activeMode: 'live' })
  })

  it('a sale paid live is refunded live: from Training the refund is refused with what to do', async () => {
    await configureLiveCredentials()
    await call('settings:setMode', { mode: 'live', confirm: true })
    const started = await pay(APPROVED)
    const paid = await until(
      () => call('payment:get', { paymentId: started.id }),
      (p) => FINAL.includes(p.state)
    )
    expect(paid.state).toBe('succeeded')
    await call('settings:setMode', { mode: 'training' })
    const refused = await router.call('refund:start', { saleId: paid.saleId, amountMinor: 100, reason: 'test' }, ctx)
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect((refused as { error: { message: string } }).error.message).toMatch(/paid live.*Switch to live in Settings/)
    const voided = await router.call('void:start', { saleId: paid.saleId, reason: 'test' }, ctx)
    expect(voided).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })

    // Back to live: the refund goes to the live simulator.
    await call('settings:testConnection')
    await call('settings:setMode', { mode: 'live', confirm: true })
    const refund = await call('refund:start', { saleId: paid.saleId, amountMinor: 100, reason: 'test' })
    expect(refund.state).not.toBe('failed')
    await until(
      async () => sim.simulator.state.get(paid.transactionNo)?.refundedMinor,
      (v) => v === 100
    )
  })

  it('a new currency applies to the empty current sale at once, and to its payment', async () => {
    const sale = await call('sale:current')
    expect(sale.currency).toBe('USD')
    await call('settings:update', { patch: { currency: 'HKD' } })
    expect((await call('sale:current')).currency).toBe('HKD')
    const started = await pay(APPROVED)
    expect(started.currency).toBe('HKD')

    // A sale with lines keeps the currency it was rung up in.
    await call('settings:update', { patch: { currency: 'GBP' } })
    expect((await call('sale:get', { saleId: sale.id })).currency).toBe('HKD')
  })

  it('Training after a restart numbers its transactions above the ledger (no clash with the last run)', async () => {
    const started = await pay(APPROVED)
    const first = await until(
      () => call('payment:get', { paymentId: started.id }),
      (p) => FINAL.includes(p.state)
    )
    expect(first.state).toBe('succeeded')
    await services.close()
    services = await createServices({
      dataDir,
      version: '0.0.0-test',
      shell: 'harness',
      heartbeatSeconds: 0,
      secrets: createMemorySecretStore()
    })
    router = createRouter(services.handlers, { validateOutput: true })
    await call('sale:new')
    const second = await pay(APPROVED)
    const done = await until(
      () => call('payment:get', { paymentId: second.id }),
      (p) => FINAL.includes(p.state)
    )
    expect(done.state).toBe('succeeded')
    const nos = [first, done].map((p) => BigInt(p.transactionNo ?? 0))
    expect(nos[1]! > nos[0]!).toBe(true)
  })
})
