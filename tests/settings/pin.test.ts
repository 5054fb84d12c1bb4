import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createManagerPin, PIN_FILE_NAME, PIN_LOCKOUT_MS, PIN_MAX_FAILURES } from '../../main/core/settings/pin'
import { PosError } from '../../main/core/errors'
import type { Clock } from '../../main/core/clock'

let dir: string
let now = 1_764_000_000_000
const clock: Clock = { now: () => now, sleep: async () => {} }

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qrc-pin-'))
  now = 1_764_000_000_000
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function codeOf(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(PosError)
    return (e as PosError).code
  }
  return 'none'
}

describe('manager PIN', () => {
  it('stores a salted scrypt hash (0600), never the PIN; two PINs set alike get different salts', () => {
    const a = createManagerPin({ dataDir: dir, clock })
    a.set('4821')
    const file = readFileSync(join(dir, PIN_FILE_NAME), 'utf8')
    expect(file).not.toContain('4821')
    const stored = JSON.parse(file)
    expect(stored).toMatchObject({ format: 1, N: 16384, r: 8, p: 1, failures: 0 })
    expect(Buffer.from(stored.hash, 'base64')).toHaveLength(32)
    if (process.platform !== 'win32') expect(statSync(join(dir, PIN_FILE_NAME)).mode & 0o777).toBe(0o600)
    const other = mkdtempSync(join(tmpdir(), 'qrc-pin-'))
    createManagerPin({ dataDir: other, clock }).set('4821')
    expect(JSON.parse(readFileSync(join(other, PIN_FILE_NAME), 'utf8')).salt).not.toBe(stored.salt)
    rmSync(other, { recursive: true })
  })

  it('accepts only 4 to 8 digits', () => {
    const pin = createManagerPin({ dataDir: dir, clock })
    for (const bad of ['123', '123456789', '12a4', ' 1234', '']) expect(codeOf(() => pin.set(bad))).toBe('BAD_INPUT')
    expect(pin.isSet()).toBe(false)
    pin.set('1234')
    pin.set('12345678', '1234')
  })

  it('verifies the right PIN across a restart and refuses a wrong one', () => {
    createManagerPin({ dataDir: dir, clock }).set('4821')
    const pin = createManagerPin({ dataDir: dir, clock })
    expect(pin.isSet()).toBe(true)
    pin.verify('4821')
    expect(codeOf(() => pin.verify('4822'))).toBe('PIN_REQUIRED')
    expect(codeOf(() => pin.verify(undefined))).toBe('PIN_REQUIRED')
    expect(codeOf(() => pin.verify('48210'))).toBe('PIN_REQUIRED')
  })

  it('changing the PIN needs the current one', () => {
    const pin = createManagerPin({ dataDir: dir, clock })
    pin.set('1111')
    expect(codeOf(() => pin.set('2222'))).toBe('PIN_REQUIRED')
    expect(codeOf(() => pin.set('2222', '9999'))).toBe('PIN_REQUIRED')
    pin.set('2222', '1111')
    pin.verify('2222')
    expect(codeOf(() => pin.verify('1111'))).toBe('PIN_REQUIRED')
  })

  it(`locks for ${PIN_LOCKOUT_MS / 60000} minutes after ${PIN_MAX_FAILURES} failures, even for the right PIN and across a restart`, () => {
    createManagerPin({ dataDir: dir, clock }).set('4821')
    const pin = createManagerPin({ dataDir: dir, clock })
    for (let i = 1; i < PIN_MAX_FAILURES; i++) {
      expect(() => pin.verify('0000')).toThrow(new RegExp(`${PIN_MAX_FAILURES - i} attempts? left`))
    }
    expect(() => pin.verify('0000')).toThrow(/locked for 5 minutes/)
    expect(() => pin.verify('4821')).toThrow(/try again in 5 minutes/)
    expect(() => createManagerPin({ dataDir: dir, clock }).verify('4821')).toThrow(/try again/)
    now += PIN_LOCKOUT_MS - 1
    expect(() => pin.verify('4821')).toThrow(/try again in 1 minute\b/)
    now += 1
    pin.verify('4821')
    // A success resets the count: four more failures do not lock.
    for (let i = 1; i < PIN_MAX_FAILURES; i++) expect(codeOf(() => pin.verify('0000'))).toBe('PIN_REQUIRED')
    pin.verify('4821')
  })

  it('require(): passes with no PIN set unless mustBeSet; needs the PIN once one is set', () => {
    const pin = createManagerPin({ dataDir: dir, clock })
    pin.require(undefined)
    expect(() => pin.require(undefined, { mustBeSet: true, action: 'restore a backup' })).toThrow(
      /Set a manager PIN.*restore a backup/
    )
    pin.set('4821')
    expect(() => pin.require(undefined, { action: 'refund' })).toThrow(/needed to refund/)
    pin.require('4821', { mustBeSet: true })
  })

  it('a damaged PIN file refuses to start rather than dropping the guard', () => {
    createManagerPin({ dataDir: dir, clock }).set('4821')
    const file = join(dir, PIN_FILE_NAME)
    const stored = JSON.parse(readFileSync(file, 'utf8'))
    writeFileSync(file, JSON.stringify({ ...stored, hash: 42 }))
    expect(() => createManagerPin({ dataDir: dir, clock })).toThrow(/damaged/)
  })
})
