import { describe, expect, it } from 'vitest'
import { issueMessage } from './field-error'
import { en } from './messages'

describe('issueMessage', () => {
  it('maps every kind main reports to a message that exists', () => {
    const cases: [string, Parameters<typeof issueMessage>[1], string][] = [
      ['storeName', { code: 'too_small', origin: 'string', min: 1 }, 'required'],
      ['storeName', { code: 'too_small', origin: 'string', min: 3 }, 'tooShort'],
      ['paymentTimeoutSeconds', { code: 'too_small', origin: 'number', min: 30 }, 'tooLow'],
      ['storeName', { code: 'too_big', origin: 'string', max: 60 }, 'tooLong'],
      ['taxRates', { code: 'too_big', origin: 'array', max: 20 }, 'tooMany'],
      ['paymentTimeoutSeconds', { code: 'too_big', origin: 'number', max: 180 }, 'tooHigh'],
      ['paymentTimeoutSeconds', { code: 'not_integer' }, 'notInteger'],
      ['currency', { code: 'invalid_value' }, 'choose'],
      ['customerDisplay', { code: 'invalid_union' }, 'choose'],
      ['storeNo', { code: 'invalid_format' }, 'digits'],
      ['taxRates', { code: 'invalid_format' }, 'format'],
      ['storeLogo', { code: 'missing-file' }, 'missingFile'],
      ['pockytCustomUrl', { code: 'custom' }, 'custom.pockytCustomUrl'],
      ['currency', { code: 'custom' }, 'invalid'],
      ['currency', { code: 'something_new' }, 'invalid']
    ]
    for (const [field, issue, key] of cases) {
      const r = issueMessage(field, issue)
      expect(r.key, `${field} ${issue.code}`).toBe(key)
      const text = key.split('.').reduce<unknown>((t, k) => (t as Record<string, unknown>)[k], en.errors)
      expect(typeof text, key).toBe('string')
    }
  })
})
