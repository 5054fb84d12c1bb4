/**
 * Pockyt's `verifySign` (docs.pockyt.io/reference/authentication; verified against the published
 * vectors in tests/pockyt/fixtures/pockyt-sign-vectors.json):
 *   md5( k1=v1&k2=v2&…&kn=vn & md5(token) ), lowercase hex,
 * over every parameter except `verifySign`, keys sorted in byte order, values raw (no URL encoding).
 * The official SDKs disagree on empty values (PHP signs `k=`, Go skips them), so we never send one:
 * empty, null and undefined parameters are dropped before signing AND before sending.
 */
import { createHash, timingSafeEqual } from 'node:crypto'

/** Parameters as the caller builds them; empty values are allowed here and dropped by `omitEmpty`. */
export type RawParams = Readonly<Record<string, string | null | undefined>>

/** Parameters as they go on the wire: every value a non-empty string. */
export type WireParams = Record<string, string>

/** Lowercase hex MD5 of the UTF-8 bytes of `text`. */
export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex')
}

/** Drops `undefined`, `null` and `''` values (and `verifySign`, which is never part of its own input). */
export function omitEmpty(params: RawParams): WireParams {
  const out: WireParams = {}
  for (const [key, value] of Object.entries(params)) {
    if (key === 'verifySign' || value === undefined || value === null || value === '') continue
    out[key] = value
  }
  return out
}

/** Byte order of the keys' UTF-8 encodings (Java TreeMap / PHP ksort SORT_STRING agree for ASCII keys). */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))
}

/** The exact text that is hashed into `verifySign`. Exposed for tests and for debugging by hand. */
export function signingString(params: RawParams, token: string): string {
  const clean = omitEmpty(params)
  const pairs = Object.keys(clean)
    .sort(byteOrder)
    .map((k) => `${k}=${clean[k]}`)
  pairs.push(md5Hex(token))
  return pairs.join('&')
}

/** `verifySign` for these parameters (empty values omitted, `verifySign` itself ignored). */
export function computeVerifySign(params: RawParams, token: string): string {
  return md5Hex(signingString(params, token))
}

/** The parameters to send: empties dropped, `verifySign` added. */
export function signParams(params: RawParams, token: string): WireParams & { verifySign: string } {
  const clean = omitEmpty(params)
  return { ...clean, verifySign: computeVerifySign(clean, token) }
}

/**
 * True when `params.verifySign` is the signature of the other parameters under `token`
 * (incoming IPN notifications, and the simulator checking requests). Lowercase hex only.
 */
export function hasValidSign(params: Readonly<Record<string, string>>, token: string): boolean {
  const given = params.verifySign
  if (typeof given !== 'string' || !/^[0-9a-f]{32}$/.test(given)) return false
  const expected = computeVerifySign(params, token)
  return timingSafeEqual(Buffer.from(given, 'ascii'), Buffer.from(expected, 'ascii'))
}
