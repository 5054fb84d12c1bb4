/**
 * Money is integer minor units everywhere inside the app (`amountMinor`, always a safe integer).
 * The only conversions to and from Pockyt's decimal strings are here.
 */

/** Currencies Pockyt lists for in-store payments, with their minor-unit digits (ISO 4217). */
export const CURRENCY_DIGITS: Readonly<Record<string, number>> = {
  USD: 2,
  CNY: 2,
  PHP: 2,
  IDR: 2,
  KRW: 0,
  HKD: 2,
  THB: 2,
  MYR: 2,
  GBP: 2,
  BDT: 2,
  PKR: 2
}

export function currencyDigits(currency: string): number {
  const d = CURRENCY_DIGITS[currency]
  if (d === undefined) throw new RangeError(`unsupported currency ${currency}`)
  return d
}

export function assertMinor(amountMinor: number, what = 'amount'): void {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`${what} must be an integer number of minor units`)
}

/** 1300 USD -> "13.00". Negative amounts never go on the wire. */
export function toWireAmount(amountMinor: number, currency = 'USD'): string {
  assertMinor(amountMinor)
  if (amountMinor < 0) throw new RangeError('amount must not be negative')
  const digits = currencyDigits(currency)
  if (digits === 0) return String(amountMinor)
  const s = String(amountMinor).padStart(digits + 1, '0')
  return `${s.slice(0, -digits)}.${s.slice(-digits)}`
}

/**
 * "13.00", "13", 13, 0.01 -> minor units; anything else (more decimals than the currency has, signs,
 * exponents, NaN, unsafe sizes) -> null. Numbers are read through their shortest decimal form, so
 * 0.1 + 0.2 style artefacts are refused rather than rounded.
 */
export function fromWireAmount(value: unknown, currency = 'USD'): number | null {
  const digits = currencyDigits(currency)
  let text: string
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return null
    text = String(value)
  } else if (typeof value === 'string') {
    text = value.trim()
  } else {
    return null
  }
  const m = /^(\d{1,15})(?:\.(\d+))?$/.exec(text)
  if (!m) return null
  const [, whole, frac = ''] = m
  const trimmed = frac.replace(/0+$/, '')
  if (trimmed.length > digits) return null
  const minor = Number(whole) * 10 ** digits + Number(trimmed.padEnd(digits, '0') || '0')
  return Number.isSafeInteger(minor) ? minor : null
}

/**
 * Rounds a rational amount (numerator / denominator, both integers) to an integer, half away from zero.
 * Used for per-line tax and percentage discounts so the receipt shows what the ledger holds.
 */
export function roundHalfAwayFromZero(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0) {
    throw new RangeError('roundHalfAwayFromZero needs safe integers and a non-zero denominator')
  }
  const sign = Math.sign(numerator) * Math.sign(denominator)
  const n = BigInt(Math.abs(numerator))
  const d = BigInt(Math.abs(denominator))
  const q = (n * 2n + d) / (d * 2n)
  return sign * Number(q)
}
