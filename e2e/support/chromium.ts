/**
 * Finds and launches Debian's Chromium for the e2e suites. Never downloads a browser.
 * CHROMIUM_PATH overrides /usr/bin/chromium. Without one: fail under CI=true, skip (with how-to) elsewhere.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { chromium, type Browser, type LaunchOptions } from 'playwright-core'

export const ARTIFACTS_DIR = resolve(__dirname, '../../test-results')

export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    Boolean
  ) as string[]
  return candidates.find((p) => existsSync(p)) ?? null
}

export const CHROMIUM_MISSING =
  "No Chromium found for the e2e tests. Install Debian's: `apt-get install -y --no-install-recommends chromium fonts-liberation fonts-noto-cjk`, " +
  'or point CHROMIUM_PATH at a Chromium/Chrome binary.'

/** True when e2e must be skipped here (no browser, not CI). Under CI a missing browser is an error. */
export function shouldSkipE2e(): boolean {
  if (findChromium()) return false
  if (process.env.CI === 'true') throw new Error(CHROMIUM_MISSING)
  console.warn(CHROMIUM_MISSING)
  return true
}

const BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage'
]

/** Launches headless Chromium; `fakeCameraFile` (absolute .y4m) turns on the fake webcam. */
export async function launchChromium(opts: { fakeCameraFile?: string; extraArgs?: string[] } = {}): Promise<Browser> {
  const executablePath = findChromium()
  if (!executablePath) throw new Error(CHROMIUM_MISSING)
  const args = [...BASE_ARGS, ...(opts.extraArgs ?? [])]
  if (opts.fakeCameraFile) {
    args.push(
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${opts.fakeCameraFile}`
    )
  }
  const options: LaunchOptions = { executablePath, headless: true, args }
  return chromium.launch(options)
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true })
  return resolve(ARTIFACTS_DIR, name)
}
