/**
 * Checks on what `electron-vite build` produces, built afresh into a temp folder (about 2 s) so the
 * result is never stale and never races with anyone's `out/`. These are the properties the sandbox and
 * the packaged app depend on and that no source-level test can see.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import vm from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../main/csp'

const root = resolve(__dirname, '../..')
let out: string

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'qrc-build-'))
  execFileSync(join(root, 'node_modules/.bin/electron-vite'), ['build', '--outDir', out, '--logLevel', 'error'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe']
  })
}, 120_000)

afterAll(() => rmSync(out, { recursive: true, force: true }))

/** Every module id a CommonJS bundle asks `require` for. */
function requiredIds(code: string): string[] {
  return [...code.matchAll(/\brequire\(\s*(['"`])([^'"`]+)\1\s*\)/g)].map((m) => m[2]!)
}

describe('built preload (sandbox: true)', () => {
  it('is a single file: no chunks, nothing beside it', () => {
    expect(readdirSync(join(out, 'preload'))).toEqual(['index.js'])
  })

  it("is CommonJS whose only require is 'electron' (no npm packages, no relative chunks)", () => {
    const code = readFileSync(join(out, 'preload/index.js'), 'utf8')
    expect(requiredIds(code)).toEqual(['electron'])
    expect(code).not.toMatch(/^\s*import\s/m)
    expect(code).not.toMatch(/^\s*export\s/m)
    expect(code).not.toMatch(/\bimport\(/)
    expect(code).not.toMatch(/zod/i)
  })

  it('runs with nothing but electron available and exposes only window.pos { invoke, on }', () => {
    const code = readFileSync(join(out, 'preload/index.js'), 'utf8')
    const exposed: Record<string, Record<string, unknown>> = {}
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => (exposed[key] = api) },
      ipcRenderer: { invoke: async () => undefined, on: () => {}, removeListener: () => {} }
    }
    const sandboxRequire = (id: string) => {
      if (id === 'electron') return electron
      throw new Error(`the sandboxed preload cannot require "${id}"`)
    }
    const module = { exports: {} }
    vm.runInNewContext(`(function (require, module, exports) {${code}\n})`, {})(sandboxRequire, module, module.exports)
    expect(Object.keys(exposed)).toEqual(['pos'])
    expect(Object.keys(exposed.pos!).sort()).toEqual(['invoke', 'on'])
  })
})

describe('built main', () => {
  it('requires only electron, node built-ins and runtime dependencies (everything else is bundled)', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>
    }
    const allowed = new Set(['electron', ...Object.keys(pkg.dependencies ?? {})])
    const files = readdirSync(join(out, 'main')).filter((f) => f.endsWith('.js'))
    expect(files).toContain('index.js')
    for (const file of files) {
      for (const id of requiredIds(readFileSync(join(out, 'main', file), 'utf8'))) {
        const bare = id.replace(/^node:/, '')
        const ok = id.startsWith('./') || allowed.has(id) || builtinModules.includes(bare)
        expect(ok, `${file} requires "${id}", which is not shipped in the app`).toBe(true)
      }
    }
  })
})

describe('built renderer pages', () => {
  it.each(['index.html', 'display.html'])("%s carries the CSP meta with connect-src 'self'", (page) => {
    const html = readFileSync(join(out, 'renderer', page), 'utf8')
    const metas = [...html.matchAll(/<meta\s[^>]*http-equiv=["']Content-Security-Policy["'][^>]*>/gi)]
    expect(metas).toHaveLength(1)
    const content = /content="([^"]*)"/i
      .exec(metas[0]![0])![1]!
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
    expect(content).toBe(CONTENT_SECURITY_POLICY)
    expect(content.split(';').map((d) => d.trim())).toContain("connect-src 'self'")
    // The meta must come before any script so it governs them.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.search(/<script/i))
  })

  it.each(['index.html', 'display.html'])('%s has no inline script (script-src self would block it)', (page) => {
    const html = readFileSync(join(out, 'renderer', page), 'utf8')
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    expect(scripts.length).toBeGreaterThan(0)
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc=/)
      expect(body!.trim()).toBe('')
    }
  })
})
