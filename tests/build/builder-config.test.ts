/**
 * electron-builder.yml: validated by electron-builder's own schema (scripts/check-builder-config.mjs),
 * and the settings security and the camera depend on, read back through electron-builder's own loader.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = resolve(__dirname, '../..')
const require = createRequire(import.meta.url)
const script = join(root, 'scripts/check-builder-config.mjs')

interface BuilderConfig {
  /** electron-builder's loader normalises `files` to `[{ filter: [...] }]`. */
  files: (string | { filter: string[] })[]
  asar: boolean
  asarUnpack: string[]
  npmRebuild: boolean
  electronFuses: Record<string, boolean>
  directories: { output: string; buildResources: string }
  win: { target: { target: string; arch: string[] }[]; icon: string }
  mac: {
    target: { target: string; arch: string[] }[]
    icon: string
    hardenedRuntime: boolean
    entitlements: string
    entitlementsInherit: string
    extendInfo: Record<string, string>
  }
}

let config: BuilderConfig
let scratch: string

beforeAll(async () => {
  const { getConfig } = require('app-builder-lib/out/util/config/config') as {
    getConfig: (dir: string, path: string | null, cli: null) => Promise<BuilderConfig>
  }
  config = await getConfig(root, null, null)
  scratch = mkdtempSync(join(tmpdir(), 'qrc-builder-config-'))
})

afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('scripts/check-builder-config.mjs', () => {
  it('accepts electron-builder.yml', () => {
    const out = execFileSync('node', [script], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    expect(out).toContain('electron-builder config OK')
  })

  it('rejects a config electron-builder would refuse, with exit 1 and the validator message', () => {
    const bad = join(scratch, 'bad.yml')
    const yml = readFileSync(join(root, 'electron-builder.yml'), 'utf8')
    writeFileSync(bad, `${yml}\nnsisx:\n  oneClick: false\n`)
    const r = spawnSync('node', [script, bad], { cwd: root, encoding: 'utf8' })
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/INVALID.*Invalid configuration object/s)
  })
})

describe('electron-builder.yml', () => {
  it('sets every fuse the security checklist asks for, exactly', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false
    })
  })

  it('packs into an asar with native addons (better-sqlite3) unpacked, rebuilt for Electron', () => {
    expect(config.asar).toBe(true)
    expect(config.asarUnpack).toContain('**/*.node')
    expect(config.npmRebuild).toBe(true)
  })

  it('ships only the build output and package.json, without sources, maps or sqlite build debris', () => {
    const files = config.files.flatMap((f) => (typeof f === 'string' ? [f] : f.filter))
    expect(files).toEqual([
      'out/main/**',
      'out/preload/**',
      'out/renderer/**',
      'package.json',
      '!**/*.{ts,map}',
      '!out/renderer/{scan-lab.html,assets/scan-lab-*}',
      '!node_modules/better-sqlite3/{src,deps}/**',
      '!node_modules/better-sqlite3/build/{deps,Release/obj,Release/obj.target,Release/.deps}/**',
      '!node_modules/better-sqlite3/build/Release/test_extension.node'
    ])
  })

  it('builds Windows NSIS x64 and macOS dmg x64 + arm64', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }])
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }])
  })

  it('asks macOS for the camera: usage string, hardened runtime, camera entitlement', () => {
    expect(config.mac.extendInfo.NSCameraUsageDescription).toMatch(/camera/i)
    expect(config.mac.hardenedRuntime).toBe(true)
    for (const file of [config.mac.entitlements, config.mac.entitlementsInherit]) {
      const plist = readFileSync(join(root, file), 'utf8')
      for (const key of [
        'com.apple.security.device.camera',
        'com.apple.security.cs.allow-jit',
        'com.apple.security.cs.allow-unsigned-executable-memory'
      ]) {
        expect(plist).toMatch(new RegExp(`<key>${key.replace(/\./g, '\\.')}</key>\\s*<true/>`))
      }
      expect(plist).not.toMatch(/com\.apple\.security\.device\.(audio-input|microphone)/)
    }
  })

  it('has real icons in resources/: a 512 px PNG, an ICO with a 256 px entry, an ICNS with 512 px', () => {
    expect(config.directories.buildResources).toBe('resources')
    const png = readFileSync(join(root, 'resources/icon.png'))
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG')
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512])

    const ico = readFileSync(join(root, config.win.icon))
    expect(ico.readUInt16LE(2)).toBe(1) // icon
    const count = ico.readUInt16LE(4)
    const widths = Array.from({ length: count }, (_, i) => ico[6 + 16 * i] || 256)
    expect(widths).toContain(256)
    for (let i = 0; i < count; i++) {
      const size = ico.readUInt32LE(6 + 16 * i + 8)
      const offset = ico.readUInt32LE(6 + 16 * i + 12)
      expect(offset + size).toBeLessThanOrEqual(ico.length)
      expect(ico.subarray(offset + 1, offset + 4).toString('ascii')).toBe('PNG')
    }

    const icnsPath = join(root, config.mac.icon)
    const icns = readFileSync(icnsPath)
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns')
    expect(icns.readUInt32BE(4)).toBe(statSync(icnsPath).size)
    const types: string[] = []
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4))
      types.push(icns.subarray(at, at + 4).toString('ascii'))
    expect(types).toContain('ic09') // 512 px
  })
})
