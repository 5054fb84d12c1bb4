import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, sep } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentTypeFor, createAppProtocolHandler, resolveAppPath } from '../../main/app-protocol'
import { CSP_HEADER } from '../../main/security'

let base: string
let root: string

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'qrc-app-protocol-'))
  root = join(base, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>cashier</title>')
  writeFileSync(join(root, 'display.html'), '<!doctype html><title>display</title>')
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)')
  writeFileSync(join(root, 'assets', 'file name.css'), 'body{}')
  // Things that must never be served: beside and above the renderer folder.
  writeFileSync(join(base, 'secret.txt'), 'TOKEN')
  writeFileSync(join(base, 'renderer-evil.html'), 'sibling with a shared prefix')
})

afterAll(() => rmSync(base, { recursive: true, force: true }))

describe('resolveAppPath', () => {
  it('maps our URLs to files under the root', () => {
    expect(resolveAppPath('app://pos/index.html', root)).toEqual({ ok: true, file: join(root, 'index.html') })
    expect(resolveAppPath('app://pos/', root)).toEqual({ ok: true, file: join(root, 'index.html') })
    expect(resolveAppPath('app://pos', root)).toEqual({ ok: true, file: join(root, 'index.html') })
    expect(resolveAppPath('app://pos/assets/file%20name.css', root)).toEqual({
      ok: true,
      file: join(root, 'assets', 'file name.css')
    })
    expect(resolveAppPath('app://pos/display.html?x=1#y', root)).toEqual({ ok: true, file: join(root, 'display.html') })
  })

  it.each([
    'app://pos/%2e%2e/secret.txt',
    'app://pos/%2E%2E/%2E%2E/etc/passwd',
    'app://pos/..%2fsecret.txt',
    'app://pos/assets/..%2f..%2fsecret.txt',
    'app://pos/%2e%2e%2frenderer-evil.html',
    'app://pos/%2f..%2f..%2fsecret.txt'
  ])('never resolves the traversal %s outside the root', (url) => {
    // URL() already folds %2e%2e into .. and drops it; what is left is either refused or inside the root.
    const r = resolveAppPath(url, root)
    if (r.ok) expect(r.file.startsWith(root + sep)).toBe(true)
  })

  it('refuses encoded separators that decode to a path above the root', () => {
    expect(resolveAppPath('app://pos/..%2fsecret.txt', root)).toEqual({ ok: false, status: 404 })
    expect(resolveAppPath('app://pos/assets/..%2f..%2fsecret.txt', root)).toEqual({ ok: false, status: 404 })
    expect(resolveAppPath('app://pos/..%2frenderer-evil.html', root)).toEqual({ ok: false, status: 404 })
  })

  it.each([
    ['app://pos/..%5csecret.txt', 400],
    ['app://pos/assets%5c..%5c..%5csecret.txt', 400],
    ['app://pos/index.html%00.png', 400],
    ['app://pos/%E0%A4%A', 400],
    ['app://evil/index.html', 404],
    ['app://pos.evil/index.html', 404],
    ['app://pos:8080/index.html', 404],
    ['app://user@pos/index.html', 404],
    ['https://pos/index.html', 404],
    ['not a url', 400]
  ])('refuses %s with %i', (url, status) => {
    expect(resolveAppPath(url, root)).toEqual({ ok: false, status })
  })

  it('normalises plain ../ segments away inside the root (URL parsing) rather than escaping it', () => {
    expect(resolveAppPath('app://pos/../secret.txt', root)).toEqual({ ok: true, file: join(root, 'secret.txt') })
  })
})

describe('app:// protocol handler', () => {
  const get = (url: string, method = 'GET') => createAppProtocolHandler({ rootDir: root })(new Request(url, { method }))

  it('serves the cashier and display pages with the CSP header and the right types', async () => {
    for (const [url, title] of [
      ['app://pos/index.html', 'cashier'],
      ['app://pos/', 'cashier'],
      ['app://pos/display.html', 'display']
    ] as const) {
      const res = await get(url)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(res.headers.get('content-security-policy')).toBe(CSP_HEADER)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(await res.text()).toContain(title)
    }
    const js = await get('app://pos/assets/index-abc.js')
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await js.text()).toBe('console.log(1)')
  })

  it('answers HEAD without a body', async () => {
    const res = await get('app://pos/index.html', 'HEAD')
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
  })

  it('never serves files outside the renderer folder', async () => {
    for (const url of [
      'app://pos/%2e%2e/secret.txt',
      'app://pos/..%2fsecret.txt',
      'app://pos/../secret.txt',
      'app://pos/assets/..%2f..%2fsecret.txt',
      'app://pos/..%5csecret.txt'
    ]) {
      const res = await get(url)
      expect(res.status).toBeGreaterThanOrEqual(400)
      expect(await res.text()).not.toContain('TOKEN')
    }
  })

  it('gives 404 for missing files and folders, without echoing paths', async () => {
    for (const url of ['app://pos/nope.js', 'app://pos/assets']) {
      const res = await get(url)
      expect(res.status).toBe(404)
      expect(await res.text()).toBe('Not found')
    }
  })

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('app://pos/index.html', 'POST')).status).toBe(405)
    expect((await get('app://pos/index.html', 'PUT')).status).toBe(405)
  })

  it('has a content type for the assets Vite emits', () => {
    expect(contentTypeFor('a.CSS')).toBe('text/css; charset=utf-8')
    expect(contentTypeFor('a.woff2')).toBe('font/woff2')
    expect(contentTypeFor('a.svg')).toBe('image/svg+xml')
    expect(contentTypeFor('a.unknown')).toBe('application/octet-stream')
  })
})
