import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../main/core/services'
import { createRouter } from '../../main/ipc/router'
import { createMemorySecretStore } from '../../main/core/settings/secret-store'

let dir: string | undefined
let services: Services | undefined
afterEach(async () => {
  await services?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('close of day', () => {
  it('a Z report is followed by a close-of-day backup of the ledger', async () => {
    dir = mkdtempSync(join(tmpdir(), 'qrc-cod-'))
    services = await createServices({
      dataDir: dir,
      version: '0.0.0-test',
      shell: 'harness',
      heartbeatSeconds: 0,
      secrets: createMemorySecretStore()
    })
    const router = createRouter(services.handlers, { validateOutput: true })
    const z = await router.call('report:z', {}, { window: 'cashier' })
    expect(z.ok).toBe(true)
    // The backup runs after the answer; close() waits for it.
    await services.close()
    services = undefined
    expect(readdirSync(join(dir, 'backups'))).toEqual([
      expect.stringMatching(/^ledger-\d{8}-\d{9}-close-of-day\.sqlite$/)
    ])
  })
})
