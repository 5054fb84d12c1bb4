/** Shared helpers for the Pockyt suites: a manual clock, raw signed requests, codes. */
import type { Clock } from '../../main/core/clock'
import { signParams, type RawParams } from '../../main/core/pockyt/sign'
import { SANDBOX_CREDENTIALS } from '../../main/core/pockyt/types'

export const TOKEN = SANDBOX_CREDENTIALS.token
export const CREDS = { merchantNo: SANDBOX_CREDENTIALS.merchantNo, storeNo: SANDBOX_CREDENTIALS.storeNo }

/** A WeChat-shaped code ending in `suffix` (3 digits); `000` for a plain success. */
export const code = (suffix = '000') => `134668918993771${suffix}`

/** A clock whose time only moves when told; `sleep`s resolve as `advance` passes them. */
export function manualClock(start = Date.UTC(2026, 10, 25, 2, 0, 0)) {
  let now = start
  const sleepers: Array<{ at: number; resolve: () => void }> = []
  const clock: Clock & { advance(ms: number): Promise<void> } = {
    now: () => now,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason)
        const entry = { at: now + ms, resolve }
        sleepers.push(entry)
        signal?.addEventListener(
          'abort',
          () => {
            sleepers.splice(sleepers.indexOf(entry), 1)
            reject(signal.reason)
          },
          { once: true }
        )
      })
    },
    async advance(ms) {
      now += ms
      for (const s of sleepers.filter((x) => x.at <= now)) {
        sleepers.splice(sleepers.indexOf(s), 1)
        s.resolve()
      }
      // let the woken code run
      for (let i = 0; i < 20; i++) await Promise.resolve()
    }
  }
  return clock
}

/** POSTs `params` signed with `token` (sandbox by default) as JSON, or as a form when `form` is set. */
export async function rawCall(
  fetchFn: (url: string, init: RequestInit) => Promise<Response>,
  url: string,
  params: RawParams,
  opts: { token?: string; form?: boolean; unsigned?: boolean; sign?: string } = {}
): Promise<{ status: number; body: { ret_code?: string; ret_msg?: string; result?: Record<string, unknown> } }> {
  const signed: Record<string, string> = opts.unsigned
    ? (Object.fromEntries(Object.entries(params).filter(([, v]) => typeof v === 'string')) as Record<string, string>)
    : signParams(params, opts.token ?? TOKEN)
  if (opts.sign !== undefined) signed.verifySign = opts.sign
  const body = opts.form ? new URLSearchParams(signed).toString() : JSON.stringify(signed)
  const res = await fetchFn(url, {
    method: 'POST',
    headers: { 'content-type': opts.form ? 'application/x-www-form-urlencoded' : 'application/json' },
    body
  })
  const text = await res.text()
  let parsed = {}
  try {
    parsed = JSON.parse(text)
  } catch {
    parsed = {}
  }
  return { status: res.status, body: parsed }
}

/** Polls `probe` until it returns a value, or fails after `tries` attempts `everyMs` apart. */
export async function eventually<T>(probe: () => Promise<T | undefined>, tries = 100, everyMs = 20): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await probe()
    if (v !== undefined) return v
    await new Promise((r) => setTimeout(r, everyMs))
  }
  throw new Error('condition never met')
}

/**
 * Lets in-flight in-process requests reach their next clock wait: reading a Request body takes a few
 * macrotasks, so advance a manual clock only after this.
 */
export async function tick(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r))
}
