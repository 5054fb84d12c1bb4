/**
 * Reading what the cashier types (an open price, a discount) into the integer units main expects. This is
 * parsing input, not arithmetic on money: every total is still computed by main.
 */

/** Minor-unit digits of a currency, from Intl (USD 2, KRW 0). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  } catch {
    return 2
  }
}

/** "4.5", "4,50", "$4.50", "1 234.5" -> minor units; null when it is not an amount of this currency. */
export function parseAmount(text: string, currency: string): number | null {
  const digits = currencyDigits(currency)
  const cleaned = text
    .trim()
    .replace(/^[^\d.,-]+/, '') // a currency sign, not a minus
    .replace(/[\s\u00a0]/g, '')
  const m = /^(\d{1,9})(?:[.,](\d*))?$/.exec(cleaned)
  if (!m) return null
  const frac = (m[2] ?? '').replace(/0+$/, '')
  if (frac.length > digits) return null
  const minor = Number(m[1]) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0')
  return Number.isSafeInteger(minor) ? minor : null
}

/** "10", "12.5", "12.5%" -> basis points (1 to 10000); null otherwise. */
export function parsePercent(text: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?\s*%?$/.exec(text.trim())
  if (!m) return null
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
  return bp >= 1 && bp <= 10_000 ? bp : null
}

/** A typed quantity: a whole number 1 to 999. */
export function parseQuantity(text: string): number | null {
  const t = text.trim()
  if (!/^\d{1,3}$/.test(t)) return null
  const n = Number(t)
  return n >= 1 && n <= 999 ? n : null
}

/**
 * The search box's quantity prefix: "3*latte" or "3*" + a scan rings up 3. Returns the quantity and
 * the rest of the text (quantity null when there is no prefix).
 */
export function splitQuantityPrefix(text: string): { quantity: number | null; rest: string } {
  const m = /^\s*(\d{1,3})\s*[*xX×]\s*(.*)$/.exec(text)
  if (!m) return { quantity: null, rest: text }
  const q = parseQuantity(m[1]!)
  return q === null ? { quantity: null, rest: text } : { quantity: q, rest: m[2]! }
}

/** Product barcodes (EAN-8/13, UPC-A, GTIN-14) are at most 14 digits; wallet codes are 16 or more. */
export const MAX_PRODUCT_BARCODE_DIGITS = 14

/** Whether a wedge scan is a product barcode rather than a wallet payment code. */
export function isProductBarcode(code: string): boolean {
  return /^\d+$/.test(code) && code.length <= MAX_PRODUCT_BARCODE_DIGITS
}
