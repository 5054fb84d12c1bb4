/**
 * The typed Pockyt client for the in-store calls. It signs, sends JSON with every value a string,
 * reads the answer through `wire.ts`, and returns exactly one outcome per call (ok / rejected /
 * unknown). It never retries: whether an `unknown` pay is re-queried, cancelled or left alone is the
 * payment engine's decision, not a transport detail.
 */
import { systemClock, type Clock } from '../clock'
import { PosError } from '../errors'
import { toWireAmount, currencyDigits } from '../money'
import { signParams, type RawParams } from './sign'
import { maskCode } from './vendor'
import { parseRefund, parseTransaction, parseTransList, readAnswer, type Parsed } from './wire'
import type {
  AddRequest,
  CallOptions,
  PayRequest,
  PockytClient,
  PockytClientSettings,
  PockytOutcome,
  PockytSettings,
  RefundRequest,
  TransactionRef,
  TransListRequest
} from './types'

/** Endpoint paths (docs/pockyt-api.md §1.2). `pay` may be swapped for `prepay` through the settings. */
export const POCKYT_PATHS = {
  add: '/app-instore/v3/add',
  pay: '/app-instore/v3/pay',
  prepay: '/app-instore/v3/prepay',
  query: '/app-data-search/v3/tran-query',
  cancel: '/app-data-search/v3/cancel',
  refund: '/app-data-search/v3/refund',
  transList: '/app-data-search/v3/trans-list'
} as const

export type CallName = 'add' | 'pay' | 'query' | 'cancel' | 'refund' | 'transList'

/**
 * Per-call timeouts. `pay` is long because Pockyt may wait for the wallet (the Java SDK reads for 20 s);
 * `query` is short because the engine polls it and a slow answer is better replaced by the next poll.
 */
export const DEFAULT_TIMEOUTS_MS: Readonly<Record<CallName, number>> = {
  add: 10_000,
  pay: 25_000,
  query: 6_000,
  cancel: 10_000,
  refund: 15_000,
  transList: 15_000
}

/** The part of `fetch` the client uses; the Training mode passes the in-process simulator here. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>

export type PockytLog = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void

export interface PockytClientDeps {
  /** Defaults to the global `fetch`. */
  fetch?: FetchLike
  /** Overrides some of `DEFAULT_TIMEOUTS_MS`. */
  timeoutsMs?: Partial<Record<CallName, number>>
  /** One line per call, with the payment code masked and no token or `verifySign`. */
  log?: PockytLog
  /** Drives the timeouts; tests pass a manual clock. */
  clock?: Clock
}

export type { PockytClientSettings } from './types'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

function badInput(message: string): never {
  throw new PosError('BAD_INPUT', message)
}

/** Checks and tidies the settings; throws `BAD_INPUT` with a sentence saying what to fix. */
export function normaliseSettings(s: PockytClientSettings): PockytSettings {
  let url: URL
  try {
    url = new URL(s.baseUrl.trim())
  } catch {
    return badInput('The Pockyt base URL is not a URL: use https://mapi.yuansfer.com or a sandbox preset.')
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    return badInput('The Pockyt base URL must start with https:// (plain http is only allowed for 127.0.0.1).')
  }
  const merchantNo = s.merchantNo.trim()
  const storeNo = s.storeNo.trim()
  const storeAdminNo = s.storeAdminNo?.trim() || undefined
  // The Java SDK trims the token too: a pasted newline must not silently break every signature.
  const token = s.token.trim()
  const payPath = s.payPath?.trim() || POCKYT_PATHS.pay
  if (!/^\d{1,20}$/.test(merchantNo)) badInput('The Pockyt merchant number must be digits (e.g. 200043).')
  if (!/^\d{1,20}$/.test(storeNo)) badInput('The Pockyt store number must be digits (e.g. 300014).')
  if (storeAdminNo !== undefined && !/^\d{1,20}$/.test(storeAdminNo)) {
    badInput('The Pockyt store admin number must be digits, or left empty.')
  }
  if (token === '') badInput('The Pockyt API token is empty: paste the token Pockyt issued for this store.')
  if (!/^\/[A-Za-z0-9/_-]+$/.test(payPath)) badInput('The pay path must look like /app-instore/v3/pay.')
  return { baseUrl: url.origin + url.pathname.replace(/\/+$/, ''), merchantNo, storeNo, storeAdminNo, token, payPath }
}

/** Copy of request parameters fit for a log line: no `verifySign`, payment code masked. */
export function redactParams(params: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(params)) {
    if (k === 'verifySign' || k === 'token') continue
    out[k] = k === 'paymentBarcode' ? maskCode(v) : v
  }
  return out
}

const REFERENCE = /^[A-Za-z0-9_-]{1,32}$/
const YYYYMMDD = /^(\d{4})(\d{2})(\d{2})$/

function checkAmount(amountMinor: number, currency: string, what: string): string {
  try {
    currencyDigits(currency)
  } catch {
    badInput(`${currency} is not a currency Pockyt takes.`)
  }
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) {
    badInput(`The ${what} must be a positive whole number of cents.`)
  }
  return toWireAmount(amountMinor, currency)
}

function checkRef(ref: TransactionRef): RawParams {
  if ('transactionNo' in ref) {
    if (!/^\d{18}$/.test(ref.transactionNo)) badInput('A Pockyt transactionNo is 18 digits.')
    return { transactionNo: ref.transactionNo }
  }
  if (!REFERENCE.test(ref.reference)) badInput('A reference is 1 to 32 letters, digits, _ or -.')
  return { reference: ref.reference }
}

function dayNumber(yyyymmdd: string): number {
  const m = YYYYMMDD.exec(yyyymmdd)
  if (!m) return badInput('Dates are YYYYMMDD.')
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  const d = new Date(t)
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() + 1 !== Number(m[2]) || d.getUTCDate() !== Number(m[3])) {
    badInput(`${yyyymmdd} is not a calendar date.`)
  }
  return t / 86_400_000
}

/** GBP settles in GBP, everything else in USD (Pockyt secure-pay docs, PHP SDK README). */
const settleCurrencyOf = (currency: string): string => (currency === 'GBP' ? 'GBP' : 'USD')

function describeError(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as { cause?: { code?: unknown; message?: unknown } }).cause
    const code = cause && typeof cause.code === 'string' ? ` (${cause.code})` : ''
    return `${e.name}: ${e.message}${code}`.slice(0, 200)
  }
  return 'network error'
}

/**
 * Builds a live (or simulator-backed) client. Throws `BAD_INPUT` if the settings are unusable.
 * Each method resolves to an outcome; it rejects (with `PosError` `BAD_INPUT`, before sending anything)
 * only when the request itself is invalid: a programming error upstream, since the contract validates first.
 */
export function createPockytClient(settings: PockytClientSettings, deps: PockytClientDeps = {}): PockytClient {
  const s = normaliseSettings(settings)
  const fetchFn: FetchLike = deps.fetch ?? ((url, init) => fetch(url, init))
  const clock = deps.clock ?? systemClock
  const log: PockytLog = deps.log ?? (() => {})
  const timeouts = { ...DEFAULT_TIMEOUTS_MS, ...deps.timeoutsMs }

  async function call<T>(
    name: CallName,
    path: string,
    params: RawParams,
    parse: (result: unknown) => Parsed<T>,
    opts: CallOptions = {}
  ): Promise<PockytOutcome<T>> {
    const signed = signParams(
      { merchantNo: s.merchantNo, storeNo: s.storeNo, storeAdminNo: s.storeAdminNo, ...params },
      s.token
    )
    const started = performance.now()
    const outcome = await send(path, JSON.stringify(signed), parse, timeouts[name], opts.signal)
    const fields: Record<string, unknown> = {
      call: name,
      path,
      outcome: outcome.kind,
      ms: Math.round(performance.now() - started),
      ...redactParams(signed)
    }
    delete fields.merchantNo
    delete fields.storeNo
    if (outcome.kind === 'rejected') Object.assign(fields, { retCode: outcome.retCode, retMsg: outcome.retMsg })
    if (outcome.kind === 'unknown') Object.assign(fields, { reason: outcome.reason, detail: outcome.detail })
    try {
      log(outcome.kind === 'ok' ? 'info' : 'warn', `pockyt ${name} ${outcome.kind}`, fields)
    } catch {
      // A failing logger must never cost the engine the outcome of a payment call.
    }
    return outcome
  }

  async function send<T>(
    path: string,
    body: string,
    parse: (result: unknown) => Parsed<T>,
    timeoutMs: number,
    signal: AbortSignal | undefined
  ): Promise<PockytOutcome<T>> {
    if (signal?.aborted) return { kind: 'unknown', reason: 'aborted', detail: 'aborted before sending' }
    const controller = new AbortController()
    let why: 'timeout' | 'aborted' | undefined
    const stop = (reason: 'timeout' | 'aborted') => {
      why ??= reason
      controller.abort()
    }
    const onAbort = () => stop('aborted')
    signal?.addEventListener('abort', onAbort, { once: true })
    const timer = new AbortController()
    clock.sleep(timeoutMs, timer.signal).then(
      () => stop('timeout'),
      () => {}
    )
    // Races every await with the abort, so a fetch that ignores its signal still cannot hang a call.
    const abortedP = new Promise<never>((_, reject) =>
      controller.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true })
    )
    abortedP.catch(() => {})
    try {
      const res = await Promise.race([
        fetchFn(s.baseUrl + path, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
          body,
          signal: controller.signal,
          redirect: 'error'
        }),
        abortedP
      ])
      const text = await Promise.race([res.text(), abortedP])
      return readAnswer(res.status, text, parse)
    } catch (e) {
      if (why === 'timeout') return { kind: 'unknown', reason: 'timeout', detail: `no answer within ${timeoutMs} ms` }
      if (why === 'aborted') return { kind: 'unknown', reason: 'aborted', detail: 'aborted by the caller' }
      return { kind: 'unknown', reason: 'network', detail: describeError(e) }
    } finally {
      timer.abort()
      signal?.removeEventListener('abort', onAbort)
    }
  }

  return {
    async add(req: AddRequest, opts?: CallOptions) {
      const amount = checkAmount(req.amountMinor, req.currency, 'amount')
      if (!REFERENCE.test(req.reference)) badInput('A reference is 1 to 32 letters, digits, _ or -.')
      if (req.timeoutMinutes !== undefined && (!Number.isSafeInteger(req.timeoutMinutes) || req.timeoutMinutes <= 0)) {
        badInput('timeoutMinutes must be a positive whole number.')
      }
      const params: RawParams = {
        amount,
        currency: req.currency,
        settleCurrency: settleCurrencyOf(req.currency),
        reference: req.reference,
        timeout: req.timeoutMinutes === undefined ? undefined : String(req.timeoutMinutes),
        description: req.description?.trim()
      }
      const expected = { reference: req.reference, amountMinor: req.amountMinor, currency: req.currency }
      return call('add', POCKYT_PATHS.add, params, (r) => parseTransaction(r, expected), opts)
    },

    async pay(req: PayRequest, opts?: CallOptions) {
      checkRef({ transactionNo: req.transactionNo })
      const code = req.paymentBarcode.trim()
      if (!/^\d{10,32}$/.test(code)) badInput('That is not a wallet payment code (10 to 32 digits).')
      const params: RawParams = { transactionNo: req.transactionNo, paymentBarcode: code, vendor: req.vendor }
      return call('pay', s.payPath, params, (r) => parseTransaction(r, { transactionNo: req.transactionNo }), opts)
    },

    async query(ref: TransactionRef, opts?: CallOptions) {
      const params = checkRef(ref)
      return call('query', POCKYT_PATHS.query, params, (r) => parseTransaction(r, ref), opts)
    },

    async cancel(ref: TransactionRef, opts?: CallOptions) {
      const params = checkRef(ref)
      return call('cancel', POCKYT_PATHS.cancel, params, (r) => parseTransaction(r, ref), opts)
    },

    async refund(req: RefundRequest, opts?: CallOptions) {
      checkRef({ transactionNo: req.transactionNo })
      const refundAmount = checkAmount(req.refundAmountMinor, req.currency, 'refund amount')
      if (!REFERENCE.test(req.refundReference)) badInput('A refund reference is 1 to 32 letters, digits, _ or -.')
      const params: RawParams = {
        transactionNo: req.transactionNo,
        refundAmount,
        currency: req.currency,
        settleCurrency: settleCurrencyOf(req.currency),
        refundReference: req.refundReference
      }
      const expected = {
        transactionNo: req.transactionNo,
        refundReference: req.refundReference,
        currency: req.currency
      }
      return call('refund', POCKYT_PATHS.refund, params, (r) => parseRefund(r, expected), opts)
    },

    async transList(req: TransListRequest, opts?: CallOptions) {
      const from = dayNumber(req.startDate)
      const to = dayNumber(req.endDate)
      if (to < from) badInput('The end date is before the start date.')
      if (to - from > 15) badInput('Pockyt lists at most 15 days at a time: split the range.')
      const params: RawParams = { startDate: req.startDate, endDate: req.endDate }
      return call('transList', POCKYT_PATHS.transList, params, parseTransList, opts)
    }
  }
}
