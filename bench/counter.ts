/**
 * Renderer cold load in Chromium: navigation start to the sale screen painted with the current sale from
 * main (the search box and basket drawn, `sale:current` answered), each run a fresh browser context (no
 * HTTP cache, new SSE connection). Baseline, same server, same run, same fresh contexts: navigation start
 * to the load event of a tiny static file (the favicon), i.e. what any page costs before our code runs.
 * The gzipped bundle size is reported by bench/scan.ts.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Browser } from 'playwright-core'
import { percentile, type Row } from './lib'
import { findChromium, launchChromium } from '../e2e/support/chromium'
import { startTestHarness } from '../e2e/support/harness'

const RUNS = 10
const WARMUP = 2
const OUT = resolve(__dirname, '../out/renderer')

/**
 * Runs in the page before any of its scripts: resolves `window.__saleShown` with the time (ms since
 * navigation start) of the first frame painted after the sale screen shows a loaded sale.
 */
const PROBE = `
  window.__saleShown = new Promise((resolve) => {
    const seen = () => document.querySelector('[data-testid="sale-screen"][data-sale-id]') && document.querySelector('[data-testid="totals"], [data-testid="cart-empty"]')
    const done = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now())))
    const start = () => {
      if (seen()) return done()
      const mo = new MutationObserver(() => { if (seen()) { mo.disconnect(); done() } })
      mo.observe(document.documentElement, { subtree: true, childList: true, attributes: true })
    }
    if (document.documentElement) start(); else document.addEventListener('readystatechange', start, { once: true })
  })`

async function coldSale(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  try {
    const page = await context.newPage()
    await page.addInitScript(PROBE)
    await page.goto(url, { waitUntil: 'commit' })
    return (await page.evaluate('window.__saleShown')) as number
  } finally {
    await context.close()
  }
}

async function coldBlank(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    await page.goto(url, { waitUntil: 'load' })
    return (await page.evaluate(`performance.getEntriesByType('navigation')[0].loadEventEnd`)) as number
  } finally {
    await context.close()
  }
}

export async function benchCounter(): Promise<Row[]> {
  if (!findChromium()) {
    return [
      { name: 'cashier cold load', p50: NaN, p95: NaN, unit: 'ms', note: 'skipped: no Chromium (set CHROMIUM_PATH)' }
    ]
  }
  if (!existsSync(resolve(OUT, 'index.html'))) execFileSync('npx', ['electron-vite', 'build'], { stdio: 'ignore' })
  const harness = await startTestHarness({ services: { heartbeatSeconds: 0 } })
  const browser = await launchChromium()
  try {
    const sale: number[] = []
    const blank: number[] = []
    // Alternate, so both see the same machine load; the first runs warm up Chromium itself.
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const s = await coldSale(browser, harness.url + '/')
      const b = await coldBlank(browser, harness.url + '/favicon.svg')
      if (i >= WARMUP) {
        sale.push(s)
        blank.push(b)
      }
    }
    return [
      {
        name: `cashier cold load: navigation -> sale screen painted (${RUNS} fresh contexts)`,
        p50: percentile(sale, 50),
        p95: percentile(sale, 95),
        unit: 'ms',
        baseline: `static file load p50 ${percentile(blank, 50).toFixed(1)} p95 ${percentile(blank, 95).toFixed(1)}`,
        note: `ours minus baseline p50 ${(percentile(sale, 50) - percentile(blank, 50)).toFixed(1)} ms`
      }
    ]
  } finally {
    await browser.close()
    await harness.close()
  }
}
