import { describe, expect, it } from 'vitest'
import { maskCode, scrub, summarizeOutcome } from '../../main/core/payment/redact'
import { makeReference, REFERENCE_PATTERN } from '../../main/core/payment/reference'

describe('redaction', () => {
  it('masks all but the last 4 digits of a code, wherever it appears', () => {
    expect(maskCode('134668918993771844')).toBe('**************1844')
    expect(
      scrub('pay failed for paymentBarcode=134668918993771844 (tx 297553640000000001)', ['297553640000000001'])
    ).toBe('pay failed for paymentBarcode=**************1844 (tx 297553640000000001)')
    expect(scrub('{"verifySign":"abc123","token":"5cbf"}')).not.toMatch(/abc123|5cbf/)
    const s = summarizeOutcome({ kind: 'unknown', reason: 'network', detail: 'reset while sending 134668918993771844' })
    expect(JSON.stringify(s)).not.toContain('134668918993771844')
  })
})

describe('references', () => {
  it('are at most 32 characters of [A-Za-z0-9_-], carry store and terminal, and never repeat', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 2000; i++) {
      const r = makeReference('300014', 'T1', Date.UTC(2026, 10, 25) + (i % 3))
      expect(r).toMatch(REFERENCE_PATTERN)
      expect(r.length).toBeLessThanOrEqual(32)
      expect(r.startsWith('Q300014T1-')).toBe(true)
      seen.add(r)
    }
    expect(seen.size).toBe(2000)
    expect(makeReference('store #7 with spaces!!', 'till/12345', Date.now())).toMatch(REFERENCE_PATTERN)
  })
})
