/**
 * What a log line may not contain: the API token, `verifySign`, PINs, or a full payment code. Applied to
 * every message and field before a line is written, and again to log files put into a diagnostics zip.
 *
 * Payment codes are masked by field name (`paymentBarcode`, `paymentCode`, `barcode`, `code`) and in
 * free text when they appear as `paymentBarcode=…` or `"paymentBarcode":"…"`; bare digit runs are left
 * alone because Pockyt's 18-digit `transactionNo` (needed to trace a payment) looks the same as a code.
 */

export const REDACTED = '[redacted]'

/** Keys whose value is replaced whole. */
const SECRET_KEYS =
  /^(token|apitoken|pockyttoken|verifysign|password|secret|pin|newpin|currentpin|authorization|cookie)$/i
/** Keys whose value is a payment code: keep only the last 4 digits. */
const CODE_KEYS = /^(paymentbarcode|paymentcode|barcode|code|scanned|scannedcode)$/i

/** `…1234`, the only part of a payment code logs may show. */
export function maskPaymentCode(value: string): string {
  const digits = value.replace(/\s/g, '')
  return digits.length <= 4 ? '…' : `…${digits.slice(-4)}`
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Free-text patterns: key=value, "key":"value", key: value. */
const TEXT_RULES: { re: RegExp; replace: (m: string, key: string, sep: string, value: string) => string }[] = [
  {
    re: /("?\b(?:verifySign|token|pin|password)"?\s*[:=]\s*"?)([^"&\s,}]+)/gi,
    replace: (_m, prefix: string) => `${prefix}${REDACTED}`
  },
  {
    re: /("?\b(?:paymentBarcode|paymentCode|barcode)"?\s*[:=]\s*"?)(\d[\d ]{3,})/gi,
    replace: (_m, prefix: string, value: string) => `${prefix}${maskPaymentCode(value)}`
  }
]

/** Removes secrets from a string: every known secret value anywhere, then the key=value patterns. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text
  for (const secret of secrets) {
    // Very short values would blank out ordinary words; a token is long.
    if (secret.length >= 6) out = out.replace(new RegExp(escapeRe(secret), 'g'), REDACTED)
  }
  for (const rule of TEXT_RULES) out = out.replace(rule.re, rule.replace as (m: string, ...a: string[]) => string)
  return out
}

/** A deep copy of `value` safe to log: secret keys dropped to [redacted], codes masked, text scrubbed. */
export function redactValue(
  value: unknown,
  secrets: readonly string[] = [],
  depth = 0,
  seen = new WeakSet<object>()
): unknown {
  if (typeof value === 'string') return redactText(value, secrets)
  if (value === null || typeof value !== 'object') {
    return typeof value === 'bigint' ? value.toString() : typeof value === 'function' ? '[function]' : value
  }
  if (seen.has(value)) return '[circular]'
  if (depth > 6) return '[too deep]'
  seen.add(value)
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code
    return {
      name: value.name,
      message: redactText(value.message, secrets),
      ...(code !== undefined ? { code: String(code) } : {}),
      ...(value.stack ? { stack: redactText(value.stack.split('\n').slice(0, 8).join('\n'), secrets) } : {})
    }
  }
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => redactValue(v, secrets, depth + 1, seen))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    if (SECRET_KEYS.test(k)) out[k] = REDACTED
    else if (CODE_KEYS.test(k) && (typeof v === 'string' || typeof v === 'number')) out[k] = maskPaymentCode(String(v))
    else out[k] = redactValue(v, secrets, depth + 1, seen)
  }
  return out
}
