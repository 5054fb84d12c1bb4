/**
 * Reading Pockyt's answers. Every body is validated; anything that does not parse, does not match the
 * request, or carries a status we do not know becomes `unknown` (never `ok`), because the payment
 * engine treats `ok` as proof. Amounts may come as strings ("13.00") or numbers (0.01), the status as
 * `status` (tran-query, cancel, refund) or `transactionStatus` (add, pay): both are accepted.
 */
import { z } from 'zod'
import { fromWireAmount } from '../money'
import type { PockytOutcome, PockytRefund, PockytStatus, PockytTransaction } from './types'

/** `ret_code` of a successful call. */
export const RET_SUCCESS = '000100'

/**
 * Codes that do not say the request was refused: System Error and the wallet's (supplier's) error.
 * The request may have been processed, so they are `unknown`, not `rejected`.
 */
export const UNCERTAIN_RET_CODES: readonly string[] = ['000000', '000080']

/** Pockyt transaction numbers are 18 digits, above 2^53: strings only, never numbers. */
export const TRANSACTION_NO_PATTERN = /^\d{18}$/

const STATUSES: readonly PockytStatus[] = [
  'init',
  'pending',
  'dealing',
  'success',
  'failed',
  'fail',
  'closed',
  'reversed'
]

/** Lowercases and trims; `fail` (seen in plugin code) is read as `failed`. Unknown words give null. */
export function normaliseStatus(raw: string): PockytStatus | null {
  const s = raw.trim().toLowerCase()
  if (s === 'fail') return 'failed'
  return (STATUSES as readonly string[]).includes(s) ? (s as PockytStatus) : null
}

export const envelopeSchema = z.looseObject({
  ret_code: z.string().regex(/^\d{6}$/),
  ret_msg: z.string().nullish(),
  result: z.unknown().optional()
})

const wireAmount = z.union([z.string(), z.number()])
const optionalText = z.string().nullish()

export const transactionWireSchema = z.looseObject({
  transactionNo: z.string().regex(TRANSACTION_NO_PATTERN),
  reference: optionalText,
  amount: wireAmount,
  currency: z.string().regex(/^[A-Z]{3}$/),
  status: z.string().optional(),
  transactionStatus: z.string().optional(),
  refundAmount: wireAmount.nullish(),
  vendor: optionalText,
  transactionType: optionalText,
  createTime: optionalText,
  paymentTime: optionalText
})

export const refundWireSchema = z.looseObject({
  transactionNo: z.string().regex(TRANSACTION_NO_PATTERN),
  refundTransactionNo: z.string().regex(TRANSACTION_NO_PATTERN).nullish(),
  refundReference: optionalText,
  refundAmount: wireAmount,
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .nullish(),
  status: z.string()
})

export const transListWireSchema = z.union([
  z.array(z.unknown()),
  z.looseObject({ transactions: z.array(z.unknown()) })
])

/** A parse step: a value, or why the body cannot be trusted. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; detail: string }

const bad = (detail: string): { ok: false; detail: string } => ({ ok: false, detail })

function amountOf(value: unknown, currency: string, field: string): Parsed<number> {
  let minor: number | null
  try {
    minor = fromWireAmount(value, currency)
  } catch {
    return bad(`unsupported currency ${currency}`)
  }
  return minor === null ? bad(`${field} is not an amount`) : { ok: true, value: minor }
}

function issues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
    .join('; ')
}

/** What the request asked for, so an answer about something else is never taken as success. */
export interface Expected {
  transactionNo?: string
  reference?: string
  amountMinor?: number
  currency?: string
}

/** A transaction object (add, pay, tran-query, cancel, trans-list items) -> PockytTransaction. */
export function parseTransaction(result: unknown, expected: Expected = {}): Parsed<PockytTransaction> {
  const r = transactionWireSchema.safeParse(result)
  if (!r.success) return bad(`transaction: ${issues(r.error)}`)
  const w = r.data
  const rawStatus = w.status ?? w.transactionStatus
  if (rawStatus === undefined) return bad('transaction: no status')
  const status = normaliseStatus(rawStatus)
  if (!status) return bad(`transaction: unknown status "${rawStatus.slice(0, 20)}"`)
  if (w.status !== undefined && w.transactionStatus !== undefined && normaliseStatus(w.transactionStatus) !== status) {
    return bad('transaction: status and transactionStatus disagree')
  }
  const amount = amountOf(w.amount, w.currency, 'amount')
  if (!amount.ok) return amount
  let refundedMinor: number | undefined
  if (w.refundAmount !== undefined && w.refundAmount !== null) {
    const refunded = amountOf(w.refundAmount, w.currency, 'refundAmount')
    if (!refunded.ok) return refunded
    refundedMinor = refunded.value
  }
  if (expected.transactionNo !== undefined && w.transactionNo !== expected.transactionNo) {
    return bad('answer is about another transactionNo')
  }
  if (expected.reference !== undefined && w.reference != null && w.reference !== expected.reference) {
    return bad('answer is about another reference')
  }
  if (expected.currency !== undefined && w.currency !== expected.currency) return bad('answer has another currency')
  if (expected.amountMinor !== undefined && amount.value !== expected.amountMinor)
    return bad('answer has another amount')
  const tx: PockytTransaction = {
    transactionNo: w.transactionNo,
    amountMinor: amount.value,
    currency: w.currency,
    status
  }
  if (w.reference != null) tx.reference = w.reference
  if (refundedMinor !== undefined) tx.refundedMinor = refundedMinor
  if (w.vendor != null) tx.vendor = w.vendor
  if (w.transactionType != null) tx.transactionType = w.transactionType
  if (w.createTime != null) tx.createTime = w.createTime
  if (w.paymentTime != null) tx.paymentTime = w.paymentTime
  return { ok: true, value: tx }
}

/** A refund answer -> PockytRefund. `currency` falls back to the request's when the answer omits it. */
export function parseRefund(
  result: unknown,
  expected: { transactionNo: string; refundReference: string; currency: string }
): Parsed<PockytRefund> {
  const r = refundWireSchema.safeParse(result)
  if (!r.success) return bad(`refund: ${issues(r.error)}`)
  const w = r.data
  if (w.transactionNo !== expected.transactionNo) return bad('answer is about another transactionNo')
  if (w.refundReference != null && w.refundReference !== expected.refundReference) {
    return bad('answer is about another refundReference')
  }
  const currency = w.currency ?? expected.currency
  if (currency !== expected.currency) return bad('answer has another currency')
  const amount = amountOf(w.refundAmount, currency, 'refundAmount')
  if (!amount.ok) return amount
  const status = w.status.trim().toLowerCase()
  if (!/^[a-z_]{1,20}$/.test(status)) return bad('refund: unreadable status')
  const refund: PockytRefund = { transactionNo: w.transactionNo, refundAmountMinor: amount.value, status }
  if (w.refundTransactionNo != null) refund.refundTransactionNo = w.refundTransactionNo
  if (w.refundReference != null) refund.refundReference = w.refundReference
  return { ok: true, value: refund }
}

/** A trans-list answer: an array, or `{ transactions: [...] }`. One unreadable item spoils the lot. */
export function parseTransList(result: unknown): Parsed<PockytTransaction[]> {
  const r = transListWireSchema.safeParse(result)
  if (!r.success) return bad(`trans-list: ${issues(r.error)}`)
  const items = Array.isArray(r.data) ? r.data : r.data.transactions
  const out: PockytTransaction[] = []
  for (const [i, item] of items.entries()) {
    const tx = parseTransaction(item)
    if (!tx.ok) return bad(`trans-list item ${i}: ${tx.detail}`)
    out.push(tx.value)
  }
  return { ok: true, value: out }
}

/**
 * Turns an HTTP status and body text into an outcome. 5xx is always `unknown`; a readable envelope with
 * a refusal code is `rejected` (any status below 500); success needs a 2xx, `000100` and a valid result.
 */
export function readAnswer<T>(
  httpStatus: number,
  text: string,
  parseResult: (result: unknown) => Parsed<T>
): PockytOutcome<T> {
  if (httpStatus >= 500) return { kind: 'unknown', reason: 'http', detail: `HTTP ${httpStatus}`, httpStatus }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return httpStatus >= 200 && httpStatus < 300
      ? { kind: 'unknown', reason: 'malformed', detail: 'body is not JSON', httpStatus }
      : { kind: 'unknown', reason: 'http', detail: `HTTP ${httpStatus}`, httpStatus }
  }
  const env = envelopeSchema.safeParse(json)
  if (!env.success)
    return { kind: 'unknown', reason: 'malformed', detail: `envelope: ${issues(env.error)}`, httpStatus }
  const { ret_code: retCode } = env.data
  const retMsg = (env.data.ret_msg ?? '').trim()
  if (UNCERTAIN_RET_CODES.includes(retCode)) {
    return {
      kind: 'unknown',
      reason: 'http',
      detail: `ret_code ${retCode} ${retMsg}`.trim(),
      httpStatus,
      retCode,
      retMsg
    }
  }
  if (retCode !== RET_SUCCESS) return { kind: 'rejected', retCode, retMsg }
  if (httpStatus < 200 || httpStatus >= 300) {
    return { kind: 'unknown', reason: 'http', detail: `HTTP ${httpStatus} with ret_code ${retCode}`, httpStatus }
  }
  const parsed = parseResult(env.data.result)
  return parsed.ok
    ? { kind: 'ok', value: parsed.value }
    : { kind: 'unknown', reason: 'malformed', detail: parsed.detail, httpStatus }
}
