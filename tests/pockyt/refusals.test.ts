/**
 * The simulator refuses what Pockyt refuses, with the documented ret_codes, and changes nothing when it
 * does. Through the client where the client can express the mistake, through raw signed requests otherwise.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createPockytClient, POCKYT_PATHS } from '../../main/core/pockyt/client'
import { startSimulatorServer, type SimulatorServer } from '../../main/core/pockyt/simulator/server'
import { SANDBOX_CREDENTIALS, type PockytClient, type PockytOutcome } from '../../main/core/pockyt/types'
import { signParams } from '../../main/core/pockyt/sign'
import { code, CREDS, rawCall, TOKEN } from './helpers'

let server: SimulatorServer
let client: PockytClient
let paidNo: string
let initNo: string
let snapshot: string

const url = (path: string) => server.url + path
const call = (path: string, params: Record<string, string | undefined>, opts?: Parameters<typeof rawCall>[3]) =>
  rawCall(fetch, url(path), { ...CREDS, ...params }, opts)
const state = () => JSON.stringify(server.simulator.state.list())

function ok<T>(o: PockytOutcome<T>): T {
  if (o.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(o)}`)
  return o.value
}

beforeAll(async () => {
  server = await startSimulatorServer({ timeScale: 0.01 })
  client = createPockytClient({ baseUrl: server.url, ...SANDBOX_CREDENTIALS })
  const a = ok(await client.add({ amountMinor: 1000, currency: 'USD', reference: 'paid-1' }))
  ok(await client.pay({ transactionNo: a.transactionNo, paymentBarcode: code() }))
  paidNo = a.transactionNo
  initNo = ok(await client.add({ amountMinor: 500, currency: 'USD', reference: 'init-1' })).transactionNo
  ok(await client.refund({ transactionNo: paidNo, refundAmountMinor: 100, currency: 'USD', refundReference: 'rf-1' }))
})
afterAll(() => server.close())
beforeEach(() => {
  snapshot = state()
})

/** Every refusal test ends here: the answer code, and not one byte of state changed. */
function expectRefused(o: { kind: string; retCode?: string } | { body: { ret_code?: string } }, retCode: string) {
  const got = 'body' in o ? o.body.ret_code : o.retCode
  expect(got).toBe(retCode)
  if (!('body' in o)) expect(o.kind).toBe('rejected')
  expect(state()).toBe(snapshot)
}

describe('000030: wrong verifySign or unknown merchant/store', () => {
  it('a client with the wrong token is refused', async () => {
    const wrong = createPockytClient({
      baseUrl: server.url,
      ...SANDBOX_CREDENTIALS,
      token: 'e9ae88025307fa98971821b22b55fa6b'
    })
    expectRefused(await wrong.add({ amountMinor: 100, currency: 'USD', reference: 'w-1' }), '000030')
    expectRefused(await wrong.pay({ transactionNo: initNo, paymentBarcode: code() }), '000030')
  })

  it('an unknown store is refused', async () => {
    const other = createPockytClient({ baseUrl: server.url, ...SANDBOX_CREDENTIALS, storeNo: '303660' })
    expectRefused(await other.query({ transactionNo: paidNo }), '000030')
  })

  it('a tampered signature (params changed after signing) is refused', async () => {
    const signed = await call(
      POCKYT_PATHS.cancel,
      { transactionNo: initNo },
      { sign: '0df745088d7202a6d186596acdc82c6a' }
    )
    expectRefused(signed, '000030')
  })

  it('other credentials are accepted when configured', async () => {
    const custom = await startSimulatorServer({ credentials: [{ merchantNo: '1', storeNo: '2', token: 'abc' }] })
    try {
      const c = createPockytClient({ baseUrl: custom.url, merchantNo: '1', storeNo: '2', token: 'abc' })
      expect((await c.add({ amountMinor: 100, currency: 'USD', reference: 'c-1' })).kind).toBe('ok')
      const sandbox = createPockytClient({ baseUrl: custom.url, ...SANDBOX_CREDENTIALS })
      expect(await sandbox.add({ amountMinor: 100, currency: 'USD', reference: 'c-2' })).toMatchObject({
        retCode: '000030'
      })
    } finally {
      await custom.close()
    }
  })
})

describe('000020: a missing field', () => {
  it.each([
    ['add without amount', POCKYT_PATHS.add, { currency: 'USD', reference: 'm-1' }],
    ['add without reference', POCKYT_PATHS.add, { amount: '1.00', currency: 'USD' }],
    ['pay without paymentBarcode', POCKYT_PATHS.pay, { transactionNo: 'INIT' }],
    ['pay without transactionNo or reference', POCKYT_PATHS.pay, { paymentBarcode: code() }],
    [
      'refund without refundReference',
      POCKYT_PATHS.refund,
      { transactionNo: 'PAID', refundAmount: '1.00', currency: 'USD' }
    ],
    ['trans-list without endDate', POCKYT_PATHS.transList, { startDate: '20260101' }]
  ])('%s', async (_name, path, params) => {
    const p = Object.fromEntries(
      Object.entries(params).map(([k, v]) => [k, v === 'INIT' ? initNo : v === 'PAID' ? paidNo : v])
    )
    expectRefused(await call(path, p), '000020')
  })

  it('no verifySign, or an empty value, or a body that is not JSON', async () => {
    expectRefused(await call(POCKYT_PATHS.query, { transactionNo: initNo }, { unsigned: true }), '000020')
    const empty = await rawCall(
      fetch,
      url(POCKYT_PATHS.cancel),
      { ...CREDS, transactionNo: initNo, storeAdminNo: '' },
      {
        unsigned: true,
        sign: 'f'.repeat(32)
      }
    )
    expectRefused(empty, '000020')
    const res = await fetch(url(POCKYT_PATHS.cancel), { method: 'POST', body: '{"merchantNo": "200043", ' })
    expectRefused({ body: (await res.json()) as { ret_code?: string } }, '000020')
  })
})

describe('000023: a bad value', () => {
  it.each(['0', '0.00', '-1', '13.001', '1e3', 'abc', '13.', '.5', ' 13'])('amount %j', async (amount) => {
    expectRefused(await call(POCKYT_PATHS.add, { amount, currency: 'USD', reference: `bad-${amount}` }), '000023')
  })

  it('refund amount, currency, barcode, vendor, both refs, non-string JSON, bad dates', async () => {
    expectRefused(
      await call(POCKYT_PATHS.refund, {
        transactionNo: paidNo,
        refundAmount: '0.001',
        currency: 'USD',
        refundReference: 'x1'
      }),
      '000023'
    )
    expectRefused(await call(POCKYT_PATHS.add, { amount: '1.00', currency: 'EUR', reference: 'eur' }), '000023')
    expectRefused(await call(POCKYT_PATHS.pay, { transactionNo: initNo, paymentBarcode: '12345' }), '000023')
    expectRefused(
      await call(POCKYT_PATHS.pay, { transactionNo: initNo, paymentBarcode: code(), vendor: 'paypal' }),
      '000023'
    )
    expectRefused(await call(POCKYT_PATHS.query, { transactionNo: initNo, reference: 'init-1' }), '000023')
    expectRefused(await call(POCKYT_PATHS.transList, { startDate: '20260101', endDate: '20260301' }), '000023')
    const res = await fetch(url(POCKYT_PATHS.add), {
      method: 'POST',
      body: JSON.stringify({ ...CREDS, amount: 13, currency: 'USD', reference: 'num', verifySign: 'f'.repeat(32) })
    })
    expectRefused({ body: (await res.json()) as { ret_code?: string } }, '000023')
  })
})

describe('000021, 000022, 000040', () => {
  it('000021: an unknown transaction, by number or by reference', async () => {
    expectRefused(await client.query({ transactionNo: '297553649999999999' }), '000021')
    expectRefused(await client.cancel({ reference: 'never-made' }), '000021')
    expectRefused(await client.pay({ transactionNo: '297553649999999999', paymentBarcode: code() }), '000021')
  })

  it('000022: a duplicate reference or refundReference, or a refund in another currency', async () => {
    expectRefused(await client.add({ amountMinor: 100, currency: 'USD', reference: 'paid-1' }), '000022')
    expectRefused(
      await client.refund({ transactionNo: paidNo, refundAmountMinor: 1, currency: 'USD', refundReference: 'rf-1' }),
      '000022'
    )
    expectRefused(
      await client.refund({ transactionNo: paidNo, refundAmountMinor: 1, currency: 'GBP', refundReference: 'rf-2' }),
      '000022'
    )
  })

  it('000040: paying twice, refunding an unpaid transaction, refunding more than was paid', async () => {
    expectRefused(await client.pay({ transactionNo: paidNo, paymentBarcode: code() }), '000040')
    expectRefused(
      await client.refund({ transactionNo: initNo, refundAmountMinor: 1, currency: 'USD', refundReference: 'rf-3' }),
      '000040'
    )
    expectRefused(
      await client.refund({ transactionNo: paidNo, refundAmountMinor: 901, currency: 'USD', refundReference: 'rf-4' }),
      '000040'
    )
  })
})

describe('stores are isolated', () => {
  it("a store neither sees nor collides with another store's references and transactions", async () => {
    const two = await startSimulatorServer({
      credentials: [
        { merchantNo: '1', storeNo: '10', token: 'a' },
        { merchantNo: '1', storeNo: '20', token: 'b' }
      ]
    })
    try {
      const a = createPockytClient({ baseUrl: two.url, merchantNo: '1', storeNo: '10', token: 'a' })
      const b = createPockytClient({ baseUrl: two.url, merchantNo: '1', storeNo: '20', token: 'b' })
      const txA = ok(await a.add({ amountMinor: 100, currency: 'USD', reference: 'same' }))
      expect(await b.query({ reference: 'same' })).toMatchObject({ kind: 'rejected', retCode: '000021' })
      expect(await b.query({ transactionNo: txA.transactionNo })).toMatchObject({ kind: 'rejected', retCode: '000021' })
      const txB = ok(await b.add({ amountMinor: 200, currency: 'USD', reference: 'same' }))
      expect(ok(await a.query({ reference: 'same' })).transactionNo).toBe(txA.transactionNo)
      expect(ok(await b.query({ reference: 'same' })).transactionNo).toBe(txB.transactionNo)
    } finally {
      await two.close()
    }
  })
})

describe('transport details', () => {
  it('form-urlencoded bodies are read like JSON ones', async () => {
    const res = await call(POCKYT_PATHS.add, { amount: '2.50', currency: 'USD', reference: 'form-1' }, { form: true })
    expect(res.body).toMatchObject({ ret_code: '000100', result: { amount: '2.50', transactionStatus: 'init' } })
  })

  it('a JSON body sent with a form content type (like the seed curl) is read as JSON', async () => {
    const res = await fetch(url(POCKYT_PATHS.query), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: JSON.stringify(signParams({ ...CREDS, transactionNo: paidNo }, TOKEN))
    })
    expect(await res.json()).toMatchObject({ ret_code: '000100', result: { status: 'success', refundAmount: '1.00' } })
  })

  it('unknown paths are 404 and GET is 405, changing nothing', async () => {
    expect((await fetch(url('/app-instore/v3/nope'), { method: 'POST', body: '{}' })).status).toBe(404)
    expect((await fetch(url(POCKYT_PATHS.add))).status).toBe(405)
    expect(state()).toBe(snapshot)
  })
})
