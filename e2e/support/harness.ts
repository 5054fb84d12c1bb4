import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startHarness, type Harness, type HarnessOptions } from '../../main/harness/harness'

/** A harness on a free port with its own fresh data folder and a real SQLite file. */
export async function startTestHarness(options: Partial<HarnessOptions> = {}): Promise<Harness & { dataDir: string }> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'qrc-e2e-'))
  const harness = await startHarness({
    dataDir,
    port: 0,
    staticDir: resolve(__dirname, '../../out/renderer'),
    env: {},
    ...options
  })
  return { ...harness, dataDir }
}
