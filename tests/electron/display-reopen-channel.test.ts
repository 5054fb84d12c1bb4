/**
 * `display:reopen` through the real services and router: it asks the shell's display window hook
 * (Electron fills it in once the windows exist) and answers whether a display window is open; without a
 * hook (the browser harness) it answers open: false.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../main/core/services'
import { createMemorySecretStore } from '../../main/core/settings/secret-store'
import { createRouter } from '../../main/ipc/router'

let dir: string
let services: Services | undefined
afterEach(async () => {
  await services?.close()
  services = undefined
  rmSync(dir, { recursive: true, force: true })
})

async function boot(displayWindow?: { reopen(): boolean }) {
  dir = mkdtempSync(join(tmpdir(), 'qrc-reopen-'))
  services = await createServices({
    dataDir: dir,
    version: '0.0.0-test',
    shell: displayWindow ? 'electron' : 'harness',
    heartbeatSeconds: 0,
    secrets: createMemorySecretStore(),
    displayWindow
  })
  return createRouter(services.handlers, { validateOutput: true })
}

describe('display:reopen', () => {
  it('asks the shell to reopen the display window and reports it open', async () => {
    let asked = 0
    const router = await boot({ reopen: () => (++asked, true) })
    expect(await router.call('display:reopen', undefined, { window: 'cashier' })).toEqual({
      ok: true,
      value: { open: true }
    })
    expect(asked).toBe(1)
  })

  it('in the harness there is no window to open: open is false', async () => {
    const router = await boot()
    expect(await router.call('display:reopen', undefined, { window: 'cashier' })).toEqual({
      ok: true,
      value: { open: false }
    })
  })
})
