/**
 * The settings channels through the real router (input schemas included): PIN guards, the write-only
 * token, Test connection against the HTTP simulator, the live switch, events, and backups' PIN rule.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createRouter, type Router } from '../../main/ipc/router'
import { createEventBus, type PosEvent } from '../../main/core/events'
import { createSettingsService, type SettingsService } from '../../main/core/settings/service'
import { createEnvSecretStore, createMemorySecretStore, type SecretStore } from '../../main/core/settings/secret-store'
import { createBackupHandlers } from '../../main/core/backup/handlers'
import { createBackupService } from '../../main/core/backup/backup'
import { startSimulatorServer, type SimulatorServer } from '../../main/core/pockyt/simulator/server'
import { SANDBOX_CREDENTIALS } from '../../main/core/pockyt/types'
import { openLedger, type Ledger } from '../../main/core/ledger/open'
import type { Handlers } from '../../main/ipc/router'
import { systemClock, type Clock } from '../../main/core/clock'

const ctx = { window: 'cashier' as const }
// A fixed `now`, real sleeps: the connection test's timeout runs on this clock.
const clock: Clock = { now: () => 1_764_000_000_000, sleep: systemClock.sleep }
let sim: SimulatorServer
let dir: string
let events: PosEvent[]
let service: SettingsService
let router: Router
let ledger: Ledger | undefined

beforeAll(async () => {
  sim = await startSimulatorServer()
})
afterAll(async () => {
  await sim?.close()
})

async function build(secrets: SecretStore = createMemorySecretStore()) {
  const bus = createEventBus()
  bus.subscribe((e) => events.push(e))
  service = await createSettingsService({ dataDir: dir, clock, events: bus, secrets })
  ledger = openLedger(join(dir, 'ledger.sqlite3'))
  const backups = createBackupService({ dataDir: dir, ledgerFile: ledger.file, db: () => ledger!.db, clock })
  const handlers = {
    ...service.handlers,
    ...createBackupHandlers({ backups, requireManagerPin: service.requireManagerPin })
  } as unknown as Handlers
  router = createRouter(handlers, { validateOutput: true })
}

const call = (channel: string, payload?: unknown) => router.call(channel, payload, ctx) as Promise<any> // eslint-disable-line @typescript-eslint/no-explicit-any

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qrc-settings-svc-'))
  events = []
  await build()
})
afterEach(() => {
  ledger?.close()
  rmSync(dir, { recursive: true, force: true })
})

async function credentialsToSimulator(pin?: string) {
  const r = await call('settings:update', {
    patch: {
      pockytEnvironment: 'custom',
      pockytCustomUrl: sim.url,
      merchantNo: SANDBOX_CREDENTIALS.merchantNo,
      storeNo: SANDBOX_CREDENTIALS.storeNo
    },
    pin
  })
  expect(r.ok).toBe(true)
}

describe('settings service', () => {
  it('settings:get shows the defaults, no token, no PIN, training', async () => {
    const r = await call('settings:get')
    expect(r.value).toMatchObject({
      mode: 'training',
      activeMode: 'training',
      credentialsFrom: 'settings',
      tokenSet: false,
      tokenWritable: true,
      pinSet: false,
      connection: null
    })
    expect(r.value.baseUrl).toBe('https://mapi.yuansferdev.com')
  })

  it('settings:update answers per-field messages through the router and emits settings:changed only on success', async () => {
    const bad = await call('settings:update', { patch: { storeName: '', currency: 'EUR' } })
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    expect(Object.keys(bad.error.details.fields).sort()).toEqual(['currency', 'storeName'])
    // The kind of each problem too, for windows in other languages.
    expect(bad.error.details.issues).toEqual({
      storeName: { code: 'too_small', origin: 'string', min: 1 },
      currency: { code: 'invalid_value' }
    })
    expect(events).toEqual([])
    expect(existsSync(join(dir, 'settings.json'))).toBe(false)
    // Unknown keys are refused by the contract itself.
    expect((await call('settings:update', { patch: { token: 'x' } })).error.code).toBe('BAD_INPUT')
    const good = await call('settings:update', { patch: { storeName: 'Tea House' } })
    expect(good.value.settings.storeName).toBe('Tea House')
    expect(events.map((e) => e.name)).toEqual(['settings:changed'])
  })

  it('Test connection against the simulator: works with the right token, wrong credentials with another, unreachable when stopped', async () => {
    expect((await call('settings:testConnection')).error).toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/merchant number, store number, API token/)
    })
    await credentialsToSimulator()
    await call('settings:setToken', { token: 'wrong-token-000000000000000000000' })
    expect((await call('settings:testConnection')).value).toMatchObject({
      outcome: 'wrong-credentials',
      baseUrl: sim.url
    })
    await call('settings:setToken', { token: SANDBOX_CREDENTIALS.token })
    expect((await call('settings:testConnection')).value).toMatchObject({ outcome: 'works' })
    expect((await call('settings:get')).value.connection).toMatchObject({ outcome: 'works' })

    const stopped = await startSimulatorServer()
    const url = stopped.url
    await stopped.close()
    await call('settings:update', { patch: { pockytCustomUrl: url } })
    // Changing the URL forgot the earlier success.
    expect((await call('settings:get')).value.connection).toBeNull()
    expect((await call('settings:testConnection')).value).toMatchObject({ outcome: 'unreachable' })
  })

  it('live needs a passing test and confirm; new credentials or a new token go back to training', async () => {
    await credentialsToSimulator()
    await call('settings:setToken', { token: SANDBOX_CREDENTIALS.token })
    expect((await call('settings:setMode', { mode: 'live', confirm: true })).error.code).toBe('CONFLICT')
    await call('settings:testConnection')
    expect((await call('settings:setMode', { mode: 'live' })).error.message).toMatch(/confirm/)
    expect((await call('settings:setMode', { mode: 'live', confirm: true })).value.mode).toBe('live')
    expect(await service.pockytSettings()).toMatchObject({
      baseUrl: sim.url,
      token: SANDBOX_CREDENTIALS.token,
      payPath: '/app-instore/v3/pay'
    })
    await call('settings:setToken', { token: SANDBOX_CREDENTIALS.token })
    expect((await call('settings:get')).value).toMatchObject({ mode: 'training', connection: null })
    expect(await service.pockytSettings()).toBeNull()
  })

  it('once a PIN is set, changing settings, the token or the mode needs it; nothing changes without it', async () => {
    expect((await call('settings:setPin', { newPin: '2468' })).value).toEqual({ pinSet: true })
    const before = readFileSync(join(dir, 'manager-pin.json'), 'utf8')
    for (const [channel, payload] of [
      ['settings:update', { patch: { storeName: 'X' } }],
      ['settings:update', { patch: { storeName: 'X' }, pin: '1111' }],
      ['settings:setToken', { token: 'abcdef123456' }],
      ['settings:setMode', { mode: 'training' }]
    ] as const) {
      expect((await call(channel, payload)).error.code, channel).toBe('PIN_REQUIRED')
    }
    expect((await call('settings:get')).value).toMatchObject({ tokenSet: false, settings: { storeName: 'My store' } })
    expect(readFileSync(join(dir, 'manager-pin.json'), 'utf8')).not.toBe(before) // one failure counted
    expect((await call('settings:update', { patch: { storeName: 'X' }, pin: '2468' })).ok).toBe(true)
    expect((await call('settings:verifyPin', { pin: '2468' })).value).toEqual({ ok: true })
    expect((await call('settings:verifyPin', { pin: '0000' })).error.code).toBe('PIN_REQUIRED')
    // Changing the PIN needs the current one.
    expect((await call('settings:setPin', { newPin: '1357' })).error.code).toBe('PIN_REQUIRED')
    expect((await call('settings:setPin', { currentPin: '2468', newPin: '1357' })).ok).toBe(true)
  })

  it('backup:restore needs confirm: true (contract), a PIN that exists, and the right PIN', async () => {
    const entry = (await call('backup:now')).value
    expect((await call('backup:list')).value.map((b: { name: string }) => b.name)).toEqual([entry.name])
    expect((await call('backup:restore', { name: entry.name, confirm: false, pin: '1234' })).error.code).toBe(
      'BAD_INPUT'
    )
    expect((await call('backup:restore', { name: entry.name, confirm: true, pin: '1234' })).error).toMatchObject({
      code: 'PIN_REQUIRED',
      message: expect.stringMatching(/Set a manager PIN/)
    })
    await call('settings:setPin', { newPin: '2468' })
    expect((await call('backup:restore', { name: entry.name, confirm: true, pin: '9999' })).error.code).toBe(
      'PIN_REQUIRED'
    )
    const ok = await call('backup:restore', { name: entry.name, confirm: true, pin: '2468' })
    expect(ok.value).toMatchObject({ restored: entry.name, restartRequired: true })
    expect(existsSync(join(dir, 'ledger.sqlite3.restore-pending'))).toBe(true)
  })

  it('with the environment token (harness) the token is set but read-only', async () => {
    ledger?.close()
    await build(createEnvSecretStore({ POCKYT_TOKEN: SANDBOX_CREDENTIALS.token }))
    expect((await call('settings:get')).value).toMatchObject({ tokenSet: true, tokenWritable: false })
    expect((await call('settings:setToken', { token: 'abcdef123456' })).error).toMatchObject({ code: 'CONFLICT' })
    await credentialsToSimulator()
    expect((await call('settings:testConnection')).value.outcome).toBe('works')
  })
})
