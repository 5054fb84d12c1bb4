import { describe, expect, it } from 'vitest'
import { checkPaymentCode, isPaymentCode, NOT_A_PAYMENT_CODE } from '../../preload/contract/payment-code'

describe('checkPaymentCode', () => {
  it('accepts 10 to 32 digits and returns the trimmed code', () => {
    expect(checkPaymentCode('134567890123456789')).toEqual({ ok: true, code: '134567890123456789' })
    expect(checkPaymentCode('  286498530672949108\r\n')).toEqual({ ok: true, code: '286498530672949108' })
    expect(checkPaymentCode('1'.repeat(10))).toEqual({ ok: true, code: '1'.repeat(10) })
    expect(checkPaymentCode('9'.repeat(32))).toEqual({ ok: true, code: '9'.repeat(32) })
  })

  it('refuses everything else with the one message and a reason', () => {
    const cases: [unknown, string][] = [
      ['', 'empty'],
      ['   ', 'empty'],
      [undefined, 'empty'],
      [123456789012, 'empty'],
      ['28649853067294910X', 'not-digits'],
      ['2864 9853 0672 9491 08', 'not-digits'],
      ['٢٨٦٤٩٨٥٣٠٦٧٢٩٤٩١٠٨', 'not-digits'],
      ['123456789', 'too-short'],
      ['1'.repeat(33), 'too-long']
    ]
    for (const [text, reason] of cases) {
      expect(checkPaymentCode(text), String(text)).toEqual({ ok: false, reason, message: NOT_A_PAYMENT_CODE })
      expect(isPaymentCode(text)).toBe(false)
    }
    expect(NOT_A_PAYMENT_CODE).toBe('That is not a wallet payment code')
  })
})
