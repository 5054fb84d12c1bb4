/**
 * Which wallet a scanned customer code belongs to. The rules come from the wallets, not from Pockyt
 * (sources in docs/pockyt-api.md §4.3), so they live in one table that is easy to extend or correct.
 * Pockyt itself can route an undetected code, so an unknown numeric code is allowed without `vendor`.
 */
import { checkPaymentCode, PAYMENT_CODE_LENGTH } from '../../../preload/contract/payment-code'
import type { Vendor } from './types'

export type Confidence = 'high' | 'low'

export interface WalletRule {
  vendor: Vendor
  /** For the cashier's screen. */
  label: string
  minLength: number
  maxLength: number
  /** Leading digits; a code matches when it starts with any of them. */
  prefixes: readonly string[]
  /** `low` when the rule comes from a weak source: shown, but the engine may prefer not to send `vendor`. */
  confidence: Confidence
  source: string
}

const range = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => String(from + i))

/** First match wins, so put the more specific rules first. */
export const WALLET_RULES: readonly WalletRule[] = [
  {
    vendor: 'wechatpay',
    label: 'WeChat Pay',
    minLength: 18,
    maxLength: 18,
    prefixes: range(10, 15),
    confidence: 'high',
    source: 'pay.weixin.qq.com QuickPay chapter3_1: 18 digits starting 10-15'
  },
  {
    vendor: 'unionpay',
    label: 'UnionPay',
    minLength: 19,
    maxLength: 19,
    prefixes: ['62'],
    confidence: 'low',
    source: 'third-party blog only (cnblogs zhangmo/p/13578409): 19 digits starting 62; unverified'
  },
  {
    vendor: 'alipay',
    label: 'Alipay',
    minLength: 16,
    maxLength: 24,
    prefixes: range(25, 30),
    confidence: 'high',
    source: 'developer.aliyun.com/article/707497: 16-24 digits starting 25-30'
  }
]

/** The shape rule (10-32 digits) is shared with the renderer: preload/contract/payment-code.ts. */
export { PAYMENT_CODE_LENGTH }

/** The message shown when a scan is not a payment code at all. */
export const NOT_A_WALLET_CODE = 'that is not a wallet payment code'

export type WalletDetection =
  | {
      ok: true
      /** The code to send as `paymentBarcode`: the scan with surrounding whitespace removed. */
      code: string
      vendor?: Vendor
      label?: string
      /** `none` when no rule matched: send without `vendor` and let Pockyt route it. */
      confidence: Confidence | 'none'
    }
  | {
      ok: false
      reason: 'empty' | 'not-digits' | 'too-short' | 'too-long'
      message: typeof NOT_A_WALLET_CODE
      /** What the cashier can do about it. */
      hint: string
    }

const HINT = 'Ask the customer to open the payment code (Pay / Scan to pay) in their wallet app and scan it again.'

/** Reads a scanned text: trims spaces and line breaks, refuses what is not 10-32 digits, names the wallet if it can. */
export function detectWallet(scanned: string, rules: readonly WalletRule[] = WALLET_RULES): WalletDetection {
  const shape = checkPaymentCode(scanned)
  if (!shape.ok) return { ok: false, reason: shape.reason, message: NOT_A_WALLET_CODE, hint: HINT }
  const code = shape.code
  const rule = rules.find(
    (r) => code.length >= r.minLength && code.length <= r.maxLength && r.prefixes.some((p) => code.startsWith(p))
  )
  if (!rule) return { ok: true, code, confidence: 'none' }
  return { ok: true, code, vendor: rule.vendor, label: rule.label, confidence: rule.confidence }
}

/** `…1234`: what logs and screens may show of a payment code. */
export function maskCode(code: string): string {
  return code.length <= 4 ? '…' : `…${code.slice(-4)}`
}
