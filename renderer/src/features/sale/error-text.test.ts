import { describe, expect, it } from 'vitest'
import { createPosI18n } from '../../i18n'
import { errorText } from './error-text'

const i18nFor = (locale: 'en' | 'zh-CN') => {
  const g = createPosI18n(locale).global
  return { t: g.t as (k: string, p?: Record<string, unknown>) => string, te: (k: string) => g.te(k), locale: g.locale }
}
const refusal = { code: 'CONFLICT' as const, message: 'This sale is parked. Recall it to change it.' }

describe('refusals from main in the cashier’s language', () => {
  it('English shows main’s own sentence; Chinese the translation for the code', () => {
    expect(errorText(refusal, 'sale', i18nFor('en'))).toBe(refusal.message)
    expect(errorText(refusal, 'sale', i18nFor('zh-CN'))).toBe('本单当前无法修改（已付款、已挂单或正在付款）。')
  })

  it('an unknown code falls back to the generic line with main’s text; a dead transport has its own line', () => {
    expect(errorText({ code: 'POCKYT_REJECTED', message: 'x' }, 'sale', i18nFor('zh-CN'))).toBe('操作未成功：x')
    expect(errorText({ code: 'INTERNAL', message: 'transport' }, 'payment', i18nFor('en'))).toBe(
      'The till did not answer. Please try again.'
    )
    expect(errorText(null, 'sale', i18nFor('en'))).toBeNull()
  })
})
