/**
 * What a package would contain, checked offline. electron-builder really runs (files, asar, asarUnpack,
 * fuses) on a scratch copy of the project, with `--linux dir`, no native rebuild, and a stub "Electron"
 * that is just a fuse wire (toolchain.md §4). Nothing it makes can run (the .node inside is Node's
 * build), but it shows which files ship, which are unpacked, and that the fuses get flipped.
 * Windows NSIS and macOS dmg need a machine with internet (and macOS for dmg); see the README.
 */
import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = resolve(__dirname, '../..')
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
// Fuse wire of the stub before flipping: 9 fuses, version 1 ('1' on, '0' off).
const STUB_WIRE = '101001000'

let scratch: string
let unpacked: string
let asarFiles: string[]

function du(dir: string): number {
  return Number(execFileSync('du', ['-sk', dir], { encoding: 'utf8' }).split('\t')[0]) * 1024
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'qrc-pack-'))
  const proj = join(scratch, 'proj')
  const stub = join(scratch, 'stub')
  mkdirSync(proj)
  mkdirSync(stub)
  copyFileSync(join(root, 'package.json'), join(proj, 'package.json'))
  copyFileSync(join(root, 'electron-builder.yml'), join(proj, 'electron-builder.yml'))
  cpSync(join(root, 'resources'), join(proj, 'resources'), { recursive: true })
  symlinkSync(join(root, 'node_modules'), join(proj, 'node_modules'), 'dir')
  // Stray files a careless `files:` list would ship.
  mkdirSync(join(proj, 'main'))
  writeFileSync(join(proj, 'main', 'secret-source.ts'), 'export const x = 1')
  writeFileSync(join(proj, '.env'), 'POCKYT_TOKEN=should-never-ship')

  const bin = (name: string) => join(root, 'node_modules/.bin', name)
  execFileSync(bin('electron-vite'), ['build', '--outDir', join(proj, 'out'), '--logLevel', 'error'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe']
  })
  // A source map in the output must be filtered out by '!**/*.{ts,map}', and test leftovers in out/ by
  // listing out/main, out/preload and out/renderer rather than out/**.
  writeFileSync(join(proj, 'out/main/index.js.map'), '{}')
  mkdirSync(join(proj, 'out/test-results'))
  writeFileSync(join(proj, 'out/test-results/trace.zip'), 'junk')

  const fake = Buffer.concat([
    Buffer.from('stub '),
    Buffer.from(SENTINEL),
    Buffer.from([1, STUB_WIRE.length]),
    Buffer.from(STUB_WIRE)
  ])
  writeFileSync(join(stub, 'electron'), fake)
  chmodSync(join(stub, 'electron'), 0o755)

  execFileSync(
    bin('electron-builder'),
    ['--linux', 'dir', '--publish', 'never', '--projectDir', proj, '-c.npmRebuild=false', `-c.electronDist=${stub}`],
    { cwd: proj, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } }
  )
  unpacked = join(proj, 'dist/linux-unpacked')
  const asar = (await import('@electron/asar')) as { listPackage: (p: string, o?: object) => string[] }
  asarFiles = asar.listPackage(join(unpacked, 'resources/app.asar'), {}).map((f) => f.replace(/\\/g, '/'))
}, 180_000)

afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('packaged app layout (stub Electron, linux dir)', () => {
  it('ships main, preload, both pages and package.json', () => {
    for (const file of [
      '/out/main/index.js',
      '/out/preload/index.js',
      '/out/renderer/index.html',
      '/out/renderer/display.html',
      '/package.json'
    ]) {
      expect(asarFiles).toContain(file)
    }
  })

  it('ships nothing from outside the build output but package.json and runtime node_modules', () => {
    const top = new Set(asarFiles.map((f) => f.split('/')[1]))
    expect([...top].sort()).toEqual(['node_modules', 'out', 'package.json'])
    expect(asarFiles.filter((f) => f.startsWith('/out/') && !/^\/out\/(main|preload|renderer)(\/|$)/.test(f))).toEqual(
      []
    )
    expect(asarFiles.filter((f) => /\.(ts|map)$/.test(f))).toEqual([])
    expect(asarFiles.some((f) => f.includes('secret-source') || f.endsWith('.env'))).toBe(false)
    // The scanner test page is built with the renderer for e2e and bench, never shipped.
    expect(asarFiles.filter((f) => f.includes('scan-lab'))).toEqual([])
  })

  it('bundles the renderer and main deps: no dev packages are shipped as node_modules', () => {
    const packages = new Set(
      asarFiles
        .filter((f) => f.startsWith('/node_modules/'))
        .map((f) =>
          f
            .split('/')
            .slice(2, f.startsWith('/node_modules/@') ? 4 : 3)
            .join('/')
        )
    )
    expect(packages.has('better-sqlite3')).toBe(true)
    for (const dev of ['zod', 'vue', 'pinia', 'electron', 'html5-qrcode', 'vitest', 'typescript', 'electron-builder']) {
      expect(packages.has(dev), dev).toBe(false)
    }
  })

  it('unpacks the better-sqlite3 addon from the asar, without its sources and build debris', () => {
    const addon = join(
      unpacked,
      'resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node'
    )
    expect(readFileSync(addon).length).toBeGreaterThan(0)
    const all = execFileSync('find', [join(unpacked, 'resources')], { encoding: 'utf8' }).split('\n')
    expect(all.filter((f) => /better-sqlite3\/(src|deps)\//.test(f))).toEqual([])
    expect(all.filter((f) => /Release\/(obj|obj\.target|\.deps)\/|test_extension\.node/.test(f))).toEqual([])
    expect(du(join(unpacked, 'resources/app.asar.unpacked'))).toBeLessThan(6 * 1024 * 1024)
  })

  it('flips the fuses in the binary as configured', () => {
    const bin = readFileSync(join(unpacked, 'qrc-pos'))
    const at = bin.indexOf(SENTINEL) + SENTINEL.length
    expect(bin[at]).toBe(1) // wire version
    const wire = bin.subarray(at + 2, at + 2 + STUB_WIRE.length).toString('ascii')
    // RunAsNode off, cookie encryption on, NODE_OPTIONS off, --inspect off, asar integrity on,
    // only-from-asar on, (v8 snapshot untouched), file:// extra privileges off, (9th untouched).
    expect(wire).toBe('010011000')
  })
})
