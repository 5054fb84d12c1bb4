/**
 * Our `reference` for a payment attempt: unique per attempt (wallets forbid reusing an order with a new
 * code), at most 32 characters of [A-Za-z0-9_-], readable enough to find in Pockyt's portal:
 * `Q` + store + terminal + `-` + time (base 36 ms) + `-` + 8 random characters.
 */
import { randomBytes } from 'node:crypto'

export const REFERENCE_PATTERN = /^[A-Za-z0-9_-]{1,32}$/

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz'

function clean(s: string, max: number): string {
  return s.replace(/[^A-Za-z0-9]/g, '').slice(0, max)
}

export function makeReference(storeId: string, terminalId: string, nowMs: number, random = randomBytes): string {
  const rand = [...random(8)].map((b) => ALPHABET[b % 36]).join('')
  const ref = `Q${clean(storeId, 6)}${clean(terminalId, 4)}-${nowMs.toString(36)}-${rand}`
  if (!REFERENCE_PATTERN.test(ref)) throw new Error(`bad reference ${ref}`)
  return ref
}
