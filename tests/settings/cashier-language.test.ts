/**
 * The cashier's language is saved from the header's select without a manager PIN (it is that cashier's
 * screen, not a store setting); any other field in the same patch still needs the PIN.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { systemClock } from '../../main/core/clock'
import { createEventBus } from '../../main/core/events'
import { createSettingsService } from '../../main/core/settings/service'
import { createMemorySecretStore } from '../../main/core/settings/secret-store'
import { createRouter, type Handlers, type Router } from '../../main/ipc/router'

const ctx = { window: 'cashier' as const }
let dir: string
let router: Router
const changed: unknown[] = []

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qrc-lang-'))
  const events = createEventBus()
  events.subscribe((e) => e.name === 'settings:changed' && changed.push(e.payload))
  const service = await createSettingsService({
    dataDir: dir,
    clock: systemClock,
    events,
    secrets: createMemorySecretStore()
  })
  router = createRouter(service.handlers as unknown as Handlers)
  changed.length = 0
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const call = (channel: string, payload?: unknown) => router.call(channel, payload, ctx) as Promise<any>

describe('cashierLanguage', () => {
  it('is saved without the manager PIN, and announced with settings:changed', async () => {
    expect((await call('settings:setPin', { newPin: '2468' })).ok).toBe(true)
    const r = await call('settings:update', { patch: { cashierLanguage: 'zh-CN' } })
    expect(r.ok).toBe(true)
    expect(r.value.settings.cashierLanguage).toBe('zh-CN')
    expect(changed.at(-1)).toMatchObject({ settings: { cashierLanguage: 'zh-CN' } })
    expect((await call('settings:get')).value.settings.cashierLanguage).toBe('zh-CN')
  })

  it('with another field in the patch, the PIN is still required and nothing is saved', async () => {
    await call('settings:setPin', { newPin: '2468' })
    const r = await call('settings:update', { patch: { cashierLanguage: 'zh-CN', storeName: 'Elsewhere' } })
    expect(r).toMatchObject({ ok: false, error: { code: 'PIN_REQUIRED' } })
    expect((await call('settings:get')).value.settings).toMatchObject({ cashierLanguage: 'en', storeName: 'My store' })
    expect((await call('settings:update', { patch: {} })).ok).toBe(false)
  })

  it('an unknown language is refused with a message and changes nothing', async () => {
    const r = await call('settings:update', { patch: { cashierLanguage: 'fr' } })
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
    expect(r.error.message).toMatch(/English \(en\) or Simplified Chinese \(zh-CN\)/)
    expect((await call('settings:get')).value.settings.cashierLanguage).toBe('en')
  })
})
