import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { artifactPath, launchChromium, shouldSkipE2e } from './support/chromium'
import { startTestHarness } from './support/harness'
import type { Harness } from '../main/harness/harness'

const skip = shouldSkipE2e()

describe.skipIf(skip)('foundation: both windows through the harness', () => {
  let harness: Harness
  let browser: Browser
  let cashier: Page
  let display: Page
  const consoleErrors: string[] = []

  beforeAll(async () => {
    harness = await startTestHarness({ services: { heartbeatSeconds: 0 } })
    browser = await launchChromium()
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    cashier = await context.newPage()
    display = await context.newPage()
    for (const page of [cashier, display]) {
      page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
      page.on('pageerror', (e) => consoleErrors.push(e.message))
    }
    await cashier.goto(harness.url + '/')
    await display.goto(harness.url + '/display.html')
  })

  afterAll(async () => {
    await browser?.close()
    await harness?.close()
  })

  it('loads the cashier page with app:info from main (training mode, version)', async () => {
    await expect.poll(() => cashier.getByTestId('mode-badge').textContent()).toBe('TRAINING')
    expect(await cashier.getByTestId('app-version').textContent()).toContain('Browser harness')
    await cashier.screenshot({ path: artifactPath('foundation-cashier.png') })
  })

  it('loads the customer display with the TRAINING badge', async () => {
    await expect.poll(() => display.getByTestId('display-training').isVisible()).toBe(true)
    await display.screenshot({ path: artifactPath('foundation-display.png') })
  })

  it('a round trip from the cashier makes main push an event that reaches both windows', async () => {
    const before = Number((await display.getByTestId('display-status').getAttribute('data-seq')) || 0)
    await cashier.getByTestId('ping').click()
    await expect.poll(() => cashier.getByTestId('ping-result').textContent()).toMatch(/\d/)
    const seq = Number((await cashier.getByTestId('ping-result').textContent())!.replace(/\D/g, ''))
    expect(seq).toBeGreaterThan(before)
    await expect.poll(() => cashier.getByTestId('status').getAttribute('data-seq')).toBe(String(seq))
    await expect.poll(() => display.getByTestId('display-status').getAttribute('data-seq')).toBe(String(seq))
  })

  it('runs under the CSP with no console errors, and the page cannot reach other origins', async () => {
    const blocked = await cashier.evaluate(async () => {
      try {
        await fetch('http://127.0.0.2:9/')
        return false
      } catch {
        return true
      }
    })
    expect(blocked).toBe(true)
    expect(consoleErrors.filter((e) => !e.includes('Content Security Policy'))).toEqual([])
  })

  it('switches the cashier UI to Simplified Chinese, saved in Settings (it survives a reload)', async () => {
    await cashier.getByTestId('locale').selectOption('zh-CN')
    await expect.poll(() => cashier.getByTestId('mode-badge').textContent()).toBe('培训模式')
    // The choice is the cashierLanguage setting, not only this page's state; the display keeps its own.
    await cashier.reload()
    await expect.poll(() => cashier.getByTestId('mode-badge').textContent()).toBe('培训模式')
    expect(await cashier.getByTestId('locale').inputValue()).toBe('zh-CN')
    await expect.poll(() => display.getByTestId('display-training').textContent()).toBe('TRAINING')
  })
})
