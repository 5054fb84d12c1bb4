/**
 * The manager PIN that guards refunds, voids, settings and Z reports. Stored as a salted scrypt hash in
 * `<dataDir>/manager-pin.json` (0600), compared in constant time, with a lockout after repeated failures
 * that survives a restart (the failure count is in the same file).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import { PIN_PATTERN } from '../../../preload/contract/schemas/settings'
import { PosError } from '../errors'
import type { Clock } from '../clock'
import { writeFileAtomic } from './atomic-file'

export const PIN_FILE_NAME = 'manager-pin.json'
/** Failures in a row before the lockout starts. */
export const PIN_MAX_FAILURES = 5
export const PIN_LOCKOUT_MS = 5 * 60_000

/** scrypt cost: ~50 ms on a till, enough to make guessing all 10^8 PINs offline expensive. */
const SCRYPT = { N: 16_384, r: 8, p: 1, keylen: 32 } as const

const PinFile = z.strictObject({
  format: z.literal(1),
  salt: z.string(),
  hash: z.string(),
  N: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
  failures: z.number().int().nonnegative(),
  lockedUntil: z.number().int().nullable()
})
type PinFileValue = z.output<typeof PinFile>

export interface ManagerPin {
  isSet(): boolean
  /** Sets the first PIN, or changes it (then `currentPin` must be right). */
  set(newPin: string, currentPin?: string): void
  /** Throws PIN_REQUIRED when the PIN is wrong, missing or locked out. */
  verify(pin: string | undefined): void
  /**
   * The guard other services call before a refund, void, settings change or Z report. With no PIN set
   * it lets the action through (first run), unless `mustBeSet` (restoring a backup).
   */
  require(pin: string | undefined, options?: { mustBeSet?: boolean; action?: string }): void
}

function hashPin(pin: string, salt: Buffer, params: { N: number; r: number; p: number }): Buffer {
  return scryptSync(pin, salt, SCRYPT.keylen, { N: params.N, r: params.r, p: params.p, maxmem: 64 * 1024 * 1024 })
}

export function createManagerPin(options: { dataDir: string; clock: Clock }): ManagerPin {
  const file = join(options.dataDir, PIN_FILE_NAME)
  let state: PinFileValue | null = null
  if (existsSync(file)) {
    const r = PinFile.safeParse(JSON.parse(readFileSync(file, 'utf8')))
    // A damaged PIN file must not silently remove the guard.
    if (!r.success) throw new Error(`${file} is damaged; restore it from a copy or delete it to set a new PIN`)
    state = r.data
  }

  const save = (next: PinFileValue) => {
    writeFileAtomic(file, `${JSON.stringify(next)}\n`, 0o600)
    state = next
  }

  function check(pin: string | undefined, action: string): void {
    if (!state) return
    const now = options.clock.now()
    if (state.lockedUntil !== null && now < state.lockedUntil) {
      const minutes = Math.ceil((state.lockedUntil - now) / 60_000)
      throw new PosError(
        'PIN_REQUIRED',
        `Too many wrong PINs: try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        {
          lockedUntil: state.lockedUntil
        }
      )
    }
    if (pin === undefined || pin === '') {
      throw new PosError('PIN_REQUIRED', `The manager PIN is needed to ${action}.`)
    }
    const expected = Buffer.from(state.hash, 'base64')
    const got = PIN_PATTERN.test(pin)
      ? hashPin(pin, Buffer.from(state.salt, 'base64'), state)
      : Buffer.alloc(expected.length)
    const ok = PIN_PATTERN.test(pin) && got.length === expected.length && timingSafeEqual(got, expected)
    if (ok) {
      if (state.failures || state.lockedUntil !== null) save({ ...state, failures: 0, lockedUntil: null })
      return
    }
    const failures = state.failures + 1
    const locked = failures >= PIN_MAX_FAILURES
    save({ ...state, failures: locked ? 0 : failures, lockedUntil: locked ? now + PIN_LOCKOUT_MS : null })
    throw new PosError(
      'PIN_REQUIRED',
      locked
        ? `Wrong PIN. Too many attempts: PIN entry is locked for ${PIN_LOCKOUT_MS / 60_000} minutes.`
        : `Wrong PIN (${PIN_MAX_FAILURES - failures} attempt${PIN_MAX_FAILURES - failures === 1 ? '' : 's'} left).`
    )
  }

  return {
    isSet: () => state !== null,
    set(newPin, currentPin) {
      if (!PIN_PATTERN.test(newPin)) throw new PosError('BAD_INPUT', 'A PIN is 4 to 8 digits.')
      if (state) check(currentPin, 'change the PIN')
      const salt = randomBytes(16)
      save({
        format: 1,
        salt: salt.toString('base64'),
        hash: hashPin(newPin, salt, SCRYPT).toString('base64'),
        N: SCRYPT.N,
        r: SCRYPT.r,
        p: SCRYPT.p,
        failures: 0,
        lockedUntil: null
      })
    },
    verify(pin) {
      if (!state) throw new PosError('PIN_REQUIRED', 'No manager PIN is set yet: set one in Settings.')
      check(pin, 'continue')
    },
    require(pin, opts = {}) {
      if (!state) {
        if (opts.mustBeSet) {
          throw new PosError(
            'PIN_REQUIRED',
            `Set a manager PIN in Settings first: it is needed to ${opts.action ?? 'do this'}.`
          )
        }
        return
      }
      check(pin, opts.action ?? 'do this')
    }
  }
}
