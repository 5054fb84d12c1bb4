/**
 * The shape of a customer-presented wallet payment code, shared by main and the renderer so both apply
 * one rule. Pure and import-free: the sandboxed preload may bundle it. This is only the first gate (is it
 * a payment code at all?); main stays the authority on which wallet it is (main/core/pockyt/vendor.ts).
 */

/** WeChat Pay codes are 18 digits, Alipay 16-24, Alipay+ up to 32; nothing under 10 is a wallet code. */
export const PAYMENT_CODE_LENGTH = { min: 10, max: 32 } as const

/** Shown (translated in the UI) when a scan or an entry is not a payment code. */
export const NOT_A_PAYMENT_CODE = 'That is not a wallet payment code'

export type PaymentCodeCheck =
  | { ok: true; /** the text with surrounding whitespace removed */ code: string }
  | { ok: false; reason: 'empty' | 'not-digits' | 'too-short' | 'too-long'; message: typeof NOT_A_PAYMENT_CODE }

/** Checks that `text`, trimmed, is 10 to 32 ASCII digits. Never throws. */
export function checkPaymentCode(text: unknown): PaymentCodeCheck {
  const code = typeof text === 'string' ? text.trim() : ''
  const refuse = (reason: 'empty' | 'not-digits' | 'too-short' | 'too-long'): PaymentCodeCheck => ({
    ok: false,
    reason,
    message: NOT_A_PAYMENT_CODE
  })
  if (code === '') return refuse('empty')
  if (!/^[0-9]+$/.test(code)) return refuse('not-digits')
  if (code.length < PAYMENT_CODE_LENGTH.min) return refuse('too-short')
  if (code.length > PAYMENT_CODE_LENGTH.max) return refuse('too-long')
  return { ok: true, code }
}

/** True when `text` passes {@link checkPaymentCode}. */
export function isPaymentCode(text: unknown): boolean {
  return checkPaymentCode(text).ok
}
