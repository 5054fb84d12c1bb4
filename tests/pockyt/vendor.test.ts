import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { detectWallet, maskCode, NOT_A_WALLET_CODE, WALLET_RULES, type WalletRule } from '../../main/core/pockyt/vendor'

describe('wallet detection', () => {
  it.each([
    ['134668918993771844', 'wechatpay', 'high'], // SDK-java OfflineTest
    ['100000000000000000', 'wechatpay', 'high'],
    ['150000000000000000', 'wechatpay', 'high'], // 15 = Hong Kong users
    ['286498530672949108', 'alipay', 'high'], // seed
    ['280946163113394921', 'alipay', 'high'], // SDK-java README
    ['2500000000000000', 'alipay', 'high'], // 16 digits, prefix 25
    ['300000000000000000000000', 'alipay', 'high'], // 24 digits, prefix 30
    ['6200000000000000000', 'unionpay', 'low'] // 19 digits, prefix 62, unverified
  ] as const)('%s -> %s (%s)', (scanned, vendor, confidence) => {
    const d = detectWallet(scanned)
    expect(d).toMatchObject({ ok: true, code: scanned, vendor, confidence })
  })

  it.each([
    ['160000000000000000', '18 digits but prefix 16'],
    ['1346689189937718', 'WeChat prefix but 16 digits'],
    ['2400000000000000', 'prefix 24'],
    ['3100000000000000', 'prefix 31'],
    ['250000000000000', 'Alipay prefix but 15 digits'],
    ['2500000000000000000000000', 'Alipay prefix but 25 digits'],
    ['620000000000000000', 'UnionPay prefix but 18 digits'],
    ['1234567890', '10 digits, no wallet'],
    ['12345678901234567890123456789012', '32 digits, no wallet']
  ])('%s (%s) is allowed without a vendor', (scanned) => {
    const d = detectWallet(scanned)
    expect(d).toEqual({ ok: true, code: scanned, confidence: 'none' })
  })

  it.each([
    ['', 'empty'],
    ['   \n', 'empty'],
    ['123456789', 'too-short'],
    ['123456789012345678901234567890123', 'too-long'],
    ['13466891899377184a', 'not-digits'],
    ['1346 6891 8993 7718 44', 'not-digits'],
    ['https://qr.alipay.com/bax01234', 'not-digits'],
    ['-134668918993771844', 'not-digits'],
    ['１３４６６８９１８９９３７７１８４４', 'not-digits'], // full-width digits
    ['13466891899377184.4', 'not-digits']
  ])('%j is refused (%s)', (scanned, reason) => {
    const d = detectWallet(scanned)
    expect(d).toMatchObject({ ok: false, reason, message: NOT_A_WALLET_CODE })
    if (!d.ok) expect(d.hint.length).toBeGreaterThan(10)
  })

  it('trims spaces, tabs and line breaks a scanner adds around the code', () => {
    expect(detectWallet('  134668918993771844\r\n')).toMatchObject({
      ok: true,
      code: '134668918993771844',
      vendor: 'wechatpay'
    })
    expect(detectWallet('\t286498530672949108\n')).toMatchObject({
      ok: true,
      code: '286498530672949108',
      vendor: 'alipay'
    })
  })

  it('the refusal message is exactly the agreed sentence', () => {
    expect(NOT_A_WALLET_CODE).toBe('that is not a wallet payment code')
  })

  it('every 10-32 digit code is accepted and every other length of digits refused', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,40}$/), (digits) => {
        const d = detectWallet(digits)
        return d.ok === (digits.length >= 10 && digits.length <= 32)
      })
    )
  })

  it('the table is data: a new rule is picked up without code changes', () => {
    const extra: WalletRule = {
      vendor: 'unionpay',
      label: 'Test wallet',
      minLength: 20,
      maxLength: 20,
      prefixes: ['99'],
      confidence: 'low',
      source: 'test'
    }
    expect(detectWallet('99000000000000000000')).toMatchObject({ ok: true, confidence: 'none' })
    expect(detectWallet('99000000000000000000', [...WALLET_RULES, extra])).toMatchObject({ label: 'Test wallet' })
  })

  it('masks all but the last four digits', () => {
    expect(maskCode('134668918993771844')).toBe('…1844')
    expect(maskCode('123')).toBe('…')
  })
})
