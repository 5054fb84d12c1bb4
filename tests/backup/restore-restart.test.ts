/**
 * Restore through the real services: back up, keep selling, restore with the PIN, restart; the app
 * comes back on the backup's ledger and keeps the replaced one beside it.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../main/core/services'
import { createRouter, type Router } from '../../main/ipc/router'
import { createMemorySecretStore } from '../../main/core/settings/secret-store'

let dir: string | undefined
let services: Services | undefined
afterEach(async () => {
  await services?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

async function boot(): Promise<Router> {
  services = await createServices({
    dataDir: dir!,
    version: '0.0.0-test',
    shell: 'harness',
    heartbeatSeconds: 0,
    secrets: createMemorySecretStore()
  })
  return createRouter(services.handlers, { validateOutput: true })
}
const call = (router: Router, channel: string, payload?: unknown) =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of many channels, read loosely
  router.call(channel, payload, { window: 'cashier' }) as Promise<any>

async function saleNamed(router: Router, name: string): Promise<number> {
  const sale = await call(router, 'sale:new')
  expect(
    (await call(router, 'sale:addCustomItem', { saleId: sale.value.id, name, unitPriceMinor: 100, taxRateBp: 0 })).ok
  ).toBe(true)
  return sale.value.id
}

describe('restore and restart', () => {
  it('the restored ledger is the one in use after the restart; the replaced one is kept', async () => {
    dir = mkdtempSync(join(tmpdir(), 'qrc-restore-'))
    let router = await boot()
    const kept = await saleNamed(router, 'Before backup')
    const backup = (await call(router, 'backup:now')).value
    const dropped = await saleNamed(router, 'After backup')
    expect((await call(router, 'settings:setPin', { newPin: '2468' })).ok).toBe(true)
    const restored = await call(router, 'backup:restore', { name: backup.name, confirm: true, pin: '2468' })
    expect(restored.value).toMatchObject({ restored: backup.name, restartRequired: true })
    // Until the restart, the running app still sees what it wrote.
    expect((await call(router, 'sale:get', { saleId: dropped })).ok).toBe(true)
    await services!.close()
    services = undefined

    router = await boot()
    expect((await call(router, 'sale:get', { saleId: kept })).value.lines[0].name).toBe('Before backup')
    expect((await call(router, 'sale:get', { saleId: dropped })).error.code).toBe('NOT_FOUND')
    expect(readdirSync(dir).some((f) => f.startsWith('ledger.sqlite3.replaced-'))).toBe(true)
    expect(existsSync(join(dir, 'ledger.sqlite3.restore-pending'))).toBe(false)
    expect((await call(router, 'backup:list')).value.map((b: { reason: string }) => b.reason)).toEqual([
      'before-restore',
      'manual'
    ])
  })
})
