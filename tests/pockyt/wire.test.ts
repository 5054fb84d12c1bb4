import { describe, expect, it } from 'vitest'
import { normaliseStatus, parseRefund, parseTransaction, parseTransList, readAnswer } from '../../main/core/pockyt/wire'

// The add answer from docs.yuansfer.com …/scan-qrcode/add, verbatim shape.
const addResult = {
  amount: '13.00',
  createTime: '2020-10-12 21:38:16',
  currency: 'USD',
  merchantNo: '200043',
  originalTransactionNo: null,
  paymentTime: null,
  reference: 'test20200101206',
  refundAmount: '0.00',
  settleCurrency: 'USD',
  storeAdminNo: null,
  storeNo: '300014',
  transactionNo: '297553638241892410',
  transactionStatus: 'init',
  transactionType: 'payment',
  voidAmount: '0.00'
}
const body = (result: unknown, retCode = '000100') => JSON.stringify({ result, ret_code: retCode, ret_msg: 'x' })

describe('reading Pockyt answers', () => {
  it('reads the documented add answer', () => {
    const o = readAnswer(200, body(addResult), (r) => parseTransaction(r))
    expect(o).toEqual({
      kind: 'ok',
      value: {
        transactionNo: '297553638241892410',
        reference: 'test20200101206',
        amountMinor: 1300,
        currency: 'USD',
        status: 'init',
        refundedMinor: 0,
        transactionType: 'payment',
        createTime: '2020-10-12 21:38:16'
      }
    })
  })

  it('reads the documented tran-query answer (status, not transactionStatus; CNY)', () => {
    const r = {
      amount: '10.00',
      currency: 'CNY',
      reference: 'test202001011305',
      settleCurrency: 'USD',
      status: 'success',
      transactionNo: '297553638300708562',
      transactionType: 'payment'
    }
    const o = readAnswer(200, body(r), (x) => parseTransaction(x, { transactionNo: '297553638300708562' }))
    expect(o).toMatchObject({ kind: 'ok', value: { amountMinor: 1000, currency: 'CNY', status: 'success' } })
  })

  it('reads the documented cancel answer, whose amount is a JSON number', () => {
    const r = {
      amount: 0.01,
      currency: 'USD',
      reference: 'test20200101307',
      status: 'closed',
      transactionNo: '297553638302751118'
    }
    expect(readAnswer(200, body(r), (x) => parseTransaction(x))).toMatchObject({
      kind: 'ok',
      value: { amountMinor: 1, status: 'closed' }
    })
  })

  it('reads the documented refund answer', () => {
    const r = {
      amount: '0.01',
      currency: 'USD',
      reference: 'test20200101306',
      refundAmount: '0.01',
      refundReference: 'refund2020101305',
      refundTransactionNo: '297553638302358781',
      settleCurrency: 'USD',
      status: 'success',
      transactionNo: '297553638301777927'
    }
    const expected = { transactionNo: '297553638301777927', refundReference: 'refund2020101305', currency: 'USD' }
    expect(readAnswer(200, body(r), (x) => parseRefund(x, expected))).toEqual({
      kind: 'ok',
      value: {
        transactionNo: '297553638301777927',
        refundTransactionNo: '297553638302358781',
        refundReference: 'refund2020101305',
        refundAmountMinor: 1,
        status: 'success'
      }
    })
  })

  it('normalises statuses: case, spaces, fail -> failed; unknown words are not statuses', () => {
    expect(normaliseStatus(' SUCCESS ')).toBe('success')
    expect(normaliseStatus('fail')).toBe('failed')
    expect(normaliseStatus('Pending')).toBe('pending')
    expect(normaliseStatus('paid')).toBeNull()
  })

  it('a refusal code is rejected, with ret_code and message kept', () => {
    const o = readAnswer(200, JSON.stringify({ ret_code: '000040', ret_msg: ' Transaction Status Error ' }), () => {
      throw new Error('not reached')
    })
    expect(o).toEqual({ kind: 'rejected', retCode: '000040', retMsg: 'Transaction Status Error' })
  })

  it('System Error and wallet error codes are unknown, not rejected: the call may have happened', () => {
    for (const code of ['000000', '000080']) {
      const o = readAnswer(200, JSON.stringify({ ret_code: code, ret_msg: 'boom' }), (x) => parseTransaction(x))
      expect(o).toMatchObject({ kind: 'unknown', retCode: code })
    }
  })

  it('5xx is unknown even with a success body; a non-2xx success is unknown', () => {
    expect(readAnswer(503, body(addResult), (x) => parseTransaction(x))).toMatchObject({
      kind: 'unknown',
      reason: 'http'
    })
    expect(readAnswer(302, body(addResult), (x) => parseTransaction(x))).toMatchObject({
      kind: 'unknown',
      reason: 'http'
    })
  })

  it.each([
    ['transactionNo as a number (precision lost)', { ...addResult, transactionNo: Number('297553638241892410') }],
    ['transactionNo of 17 digits', { ...addResult, transactionNo: '29755363824189241' }],
    ['amount with 3 decimals', { ...addResult, amount: '13.001' }],
    ['negative amount', { ...addResult, amount: '-13.00' }],
    ['amount as words', { ...addResult, amount: 'thirteen' }],
    ['unknown currency', { ...addResult, currency: 'XXX' }],
    ['no status at all', { ...addResult, transactionStatus: undefined }],
    ['unknown status', { ...addResult, transactionStatus: 'approved' }],
    ['status and transactionStatus disagree', { ...addResult, status: 'success' }],
    ['result missing', undefined],
    ['result is a string', 'ok']
  ])('never ok: %s', (_name, result) => {
    expect(readAnswer(200, body(result), (x) => parseTransaction(x)).kind).toBe('unknown')
  })

  it('an answer about another transaction, reference, amount or currency is never ok', () => {
    const parse = (e: Parameters<typeof parseTransaction>[1]) => (x: unknown) => parseTransaction(x, e)
    expect(readAnswer(200, body(addResult), parse({ transactionNo: '297553638241892411' })).kind).toBe('unknown')
    expect(readAnswer(200, body(addResult), parse({ reference: 'other' })).kind).toBe('unknown')
    expect(readAnswer(200, body(addResult), parse({ amountMinor: 1301 })).kind).toBe('unknown')
    expect(readAnswer(200, body(addResult), parse({ currency: 'GBP' })).kind).toBe('unknown')
  })

  it('trans-list: an array or { transactions }; one bad item spoils the answer', () => {
    expect(parseTransList([addResult])).toMatchObject({ ok: true, value: [{ amountMinor: 1300 }] })
    expect(parseTransList({ transactions: [addResult], size: 1 })).toMatchObject({ ok: true })
    expect(parseTransList({ transactions: [addResult, { ...addResult, amount: null }] })).toMatchObject({ ok: false })
    expect(parseTransList({ list: [] })).toMatchObject({ ok: false })
  })
})
