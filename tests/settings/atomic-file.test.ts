import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { renameWithRetry, writeFileAtomic } from '../../main/core/settings/atomic-file'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qrc-atomic-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const busy = (code: string) => Object.assign(new Error(code), { code })

describe('atomic file writes', () => {
  it('replaces the file whole, with the mode asked, leaving no temp file', () => {
    const file = join(dir, 'x.json')
    writeFileAtomic(file, 'one', 0o600)
    writeFileAtomic(file, 'two', 0o600)
    expect(readFileSync(file, 'utf8')).toBe('two')
    expect(readdirSync(dir)).toEqual(['x.json'])
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  it('on Windows retries a rename blocked for a moment (EPERM/EBUSY), and gives up after the attempts', () => {
    let calls = 0
    renameWithRetry('a', 'b', {
      platform: 'win32',
      rename: () => {
        if (++calls < 3) throw busy(calls === 1 ? 'EPERM' : 'EBUSY')
      }
    })
    expect(calls).toBe(3)
    calls = 0
    expect(() =>
      renameWithRetry('a', 'b', {
        platform: 'win32',
        attempts: 2,
        rename: () => {
          calls++
          throw busy('EPERM')
        }
      })
    ).toThrow('EPERM')
    expect(calls).toBe(2)
  })

  it('never retries elsewhere, nor for other errors', () => {
    let calls = 0
    const fail = (code: string) => () => {
      calls++
      throw busy(code)
    }
    expect(() => renameWithRetry('a', 'b', { platform: 'linux', rename: fail('EPERM') })).toThrow('EPERM')
    expect(() => renameWithRetry('a', 'b', { platform: 'win32', rename: fail('ENOENT') })).toThrow('ENOENT')
    expect(calls).toBe(2)
  })
})
