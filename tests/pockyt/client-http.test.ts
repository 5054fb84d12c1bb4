/** The real client against the simulator over HTTP (ephemeral port): every call and every scenario. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPockytClient, POCKYT_PATHS } from '../../main/core/pockyt/client'
import { startSimulatorServer, type SimulatorServer } from '../../main/core/pockyt/simulator/server'
import { pockytTime } from '../../main/core/pockyt/simulator/state'
import { md5Hex } from '../../main/core/pockyt/sign'
import {
  SANDBOX_CREDENTIALS,
  type PockytClient,
  type PockytOutcome,
  type PockytTransaction
} from '../../main/core/pockyt/types'
import { code, eventually, manualClock, tick, TOKEN } from './helpers'

const SCALE = 0.01 // 5 s of customer time = 50 ms
let server: SimulatorServer
let client: PockytClient
/** A second server on a manual clock, for the scenarios whose timing matters to the assertion. */
const clock = manualClock()
let clockServer: SimulatorServer
let timed: PockytClient
const logs: unknown[] = []
const requests: string[] = []
let refSeq = 0
const nextRef = () => `t${Date.now().toString(36)}${++refSeq}`

beforeAll(async () => {
  server = await startSimulatorServer({ timeScale: SCALE, log: (l) => requests.push(l) })
  client = createPockytClient(
    { baseUrl: server.url, ...SANDBOX_CREDENTIALS },
    { log: (...args) => logs.push(args), timeoutsMs: { pay: 5_000, query: 2_000 } }
  )
  clockServer = await startSimulatorServer({ clock })
  // the client's own timeouts stay on the real clock: only the simulated customer and network use `clock`
  timed = createPockytClient({ baseUrl: clockServer.url, ...SANDBOX_CREDENTIALS })
})
afterAll(async () => {
  await server.close()
  await clockServer.close()
})

function ok<T>(o: PockytOutcome<T>): T {
  if (o.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(o)}`)
  return o.value
}

async function added(amountMinor = 1300): Promise<PockytTransaction> {
  return ok(await client.add({ amountMinor, currency: 'USD', reference: nextRef() }))
}

async function paid(suffix = '000', amountMinor = 1300): Promise<PockytTransaction> {
  const tx = await added(amountMinor)
  ok(await client.pay({ transactionNo: tx.transactionNo, paymentBarcode: code(suffix), vendor: 'wechatpay' }))
  return tx
}

const statusOf = async (transactionNo: string) => ok(await client.query({ transactionNo })).status

describe('client calls', () => {
  it('add creates an init transaction with our reference and amount', async () => {
    const reference = nextRef()
    const tx = ok(await client.add({ amountMinor: 1300, currency: 'USD', reference }))
    expect(tx).toMatchObject({ reference, amountMinor: 1300, currency: 'USD', status: 'init', refundedMinor: 0 })
    expect(tx.transactionNo).toMatch(/^\d{18}$/)
    expect(server.simulator.state.get(tx.transactionNo)).toMatchObject({ status: 'init', amountMinor: 1300 })
  })

  it('pay with a plain code succeeds at once and the simulator holds it as paid', async () => {
    const tx = await added(2599)
    const res = ok(await client.pay({ transactionNo: tx.transactionNo, paymentBarcode: ' 286498530672949108\n' }))
    expect(res).toMatchObject({
      transactionNo: tx.transactionNo,
      status: 'success',
      amountMinor: 2599,
      vendor: 'alipay'
    })
    expect(res.paymentTime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/)
    const held = server.simulator.state.paid().find((t) => t.transactionNo === tx.transactionNo)
    expect(held).toMatchObject({ netMinor: 2599, codeLast4: '9108' })
  })

  it('the /prepay spelling of the pay path is served too', async () => {
    const prepay = createPockytClient({ baseUrl: server.url, ...SANDBOX_CREDENTIALS, payPath: POCKYT_PATHS.prepay })
    const tx = ok(await prepay.add({ amountMinor: 100, currency: 'USD', reference: nextRef() }))
    expect(ok(await prepay.pay({ transactionNo: tx.transactionNo, paymentBarcode: code() })).status).toBe('success')
  })

  it('query by transactionNo and by reference', async () => {
    const tx = await paid()
    expect(ok(await client.query({ transactionNo: tx.transactionNo }))).toMatchObject({
      status: 'success',
      amountMinor: 1300
    })
    expect(ok(await client.query({ reference: tx.reference! }))).toMatchObject({ transactionNo: tx.transactionNo })
  })

  it('cancel closes an unpaid transaction, and it can no longer be paid', async () => {
    const tx = await added()
    expect(ok(await client.cancel({ transactionNo: tx.transactionNo })).status).toBe('closed')
    const again = await client.pay({ transactionNo: tx.transactionNo, paymentBarcode: code() })
    expect(again).toMatchObject({ kind: 'rejected', retCode: '000040' })
  })

  it('cancel refunds a paid transaction (reversed) and is idempotent', async () => {
    const tx = await paid()
    const first = ok(await client.cancel({ transactionNo: tx.transactionNo }))
    expect(first).toMatchObject({ status: 'reversed', amountMinor: 1300 })
    expect(ok(await client.cancel({ reference: tx.reference! })).status).toBe('reversed')
    expect(server.simulator.state.get(tx.transactionNo)).toMatchObject({ refundedMinor: 1300 })
  })

  it('refunds add up, partial allowed, never beyond what was paid', async () => {
    const tx = await paid('000', 1000)
    const r1 = ok(
      await client.refund({
        transactionNo: tx.transactionNo,
        refundAmountMinor: 300,
        currency: 'USD',
        refundReference: nextRef()
      })
    )
    expect(r1).toMatchObject({ transactionNo: tx.transactionNo, refundAmountMinor: 300, status: 'success' })
    expect(r1.refundTransactionNo).toMatch(/^\d{18}$/)
    ok(
      await client.refund({
        transactionNo: tx.transactionNo,
        refundAmountMinor: 700,
        currency: 'USD',
        refundReference: nextRef()
      })
    )
    const over = await client.refund({
      transactionNo: tx.transactionNo,
      refundAmountMinor: 1,
      currency: 'USD',
      refundReference: nextRef()
    })
    expect(over).toMatchObject({ kind: 'rejected', retCode: '000040' })
    expect(ok(await client.query({ transactionNo: tx.transactionNo })).refundedMinor).toBe(1000)
  })

  it("transList returns the day's payments for reconciliation", async () => {
    const tx = await paid()
    const today = pockytTime(Date.now()).slice(0, 10).replaceAll('-', '')
    const list = ok(await client.transList({ startDate: today, endDate: today }))
    expect(list.find((t) => t.transactionNo === tx.transactionNo)).toMatchObject({
      status: 'success',
      amountMinor: 1300
    })
    expect(ok(await client.transList({ startDate: '20200101', endDate: '20200102' }))).toEqual([])
  })
})

describe('scenario codes (time scale 0.01)', () => {
  it('901: pending, the customer confirms later -> success', async () => {
    const tx = await added()
    expect(ok(await client.pay({ transactionNo: tx.transactionNo, paymentBarcode: code('901') })).status).toBe(
      'pending'
    )
    await eventually(async () => ((await statusOf(tx.transactionNo)) === 'success' ? true : undefined))
  })

  it('902: declined, insufficient balance -> failed', async () => {
    const tx = await added()
    const res = ok(await client.pay({ transactionNo: tx.transactionNo, paymentBarcode: code('902') }))
    expect(res.status).toBe('failed')
    expect(server.simulator.state.paid().some((t) => t.transactionNo === tx.transactionNo)).toBe(false)
  })

  it('903: pending for ever (well past the 5 s others take), until cancelled', async () => {
    const tx = await added()
    expect(ok(await client.pay({ transactionNo: tx.transactionNo, paymentBarcode: code('903') })).status).toBe(
      'pending'
    )
    await new Promise((r) => setTimeout(r, 20_000 * SCALE))
    expect(await statusOf(tx.transactionNo)).toBe('pending')
    expect(ok(await client.cancel({ transactionNo: tx.transactionNo })).status).toBe('closed')
  })

  it('904: pending, the customer cancels in the wallet -> closed', async () => {
    const tx = await added()
    expect(ok(await client.pay({ transactionNo: tx.transactionNo, paymentBarcode: code('904') })).status).toBe(
      'pending'
    )
    await eventually(async () => ((await statusOf(tx.transactionNo)) === 'closed' ? true : undefined))
  })

  it('905: processed but the answer is lost -> unknown (network); query says success', async () => {
    const tx = await added()
    const res = await client.pay({ transactionNo: tx.transactionNo, paymentBarcode: code('905') })
    expect(res).toMatchObject({ kind: 'unknown', reason: 'network' })
    expect(await statusOf(tx.transactionNo)).toBe('success')
  })

  it('906: HTTP 503 and not processed -> unknown (http); query says init; sent exactly once', async () => {
    const tx = await added()
    const before = requests.length
    const res = await client.pay({ transactionNo: tx.transactionNo, paymentBarcode: code('906') })
    expect(res).toMatchObject({ kind: 'unknown', reason: 'http', httpStatus: 503 })
    expect(requests.length - before).toBe(1) // no automatic retry
    expect(await statusOf(tx.transactionNo)).toBe('init')
  })

  it('907: malformed body but paid -> unknown (malformed), never ok; query says success', async () => {
    const tx = await added()
    const res = await client.pay({ transactionNo: tx.transactionNo, paymentBarcode: code('907') })
    expect(res).toMatchObject({ kind: 'unknown', reason: 'malformed' })
    expect(await statusOf(tx.transactionNo)).toBe('success')
  })

  it('908: answers late with success; meanwhile query says dealing (manual clock)', async () => {
    const tx = ok(await timed.add({ amountMinor: 100, currency: 'USD', reference: nextRef() }))
    let settled = false
    const paying = timed
      .pay({ transactionNo: tx.transactionNo, paymentBarcode: code('908') })
      .finally(() => (settled = true))
    await eventually(async () =>
      clockServer.simulator.state.get(tx.transactionNo)?.status === 'dealing' ? true : undefined
    )
    expect(ok(await timed.query({ transactionNo: tx.transactionNo })).status).toBe('dealing')
    await tick()
    await clock.advance(14_999)
    await tick()
    expect(settled).toBe(false)
    await clock.advance(1)
    expect(ok(await paying).status).toBe('success')
  })

  it('908 with a pay timeout shorter than the delay -> unknown (timeout); it still succeeds', async () => {
    const impatient = createPockytClient({ baseUrl: server.url, ...SANDBOX_CREDENTIALS }, { timeoutsMs: { pay: 30 } })
    const tx = await added()
    const res = await impatient.pay({ transactionNo: tx.transactionNo, paymentBarcode: code('908') })
    expect(res).toMatchObject({ kind: 'unknown', reason: 'timeout' })
    await eventually(async () => ((await statusOf(tx.transactionNo)) === 'success' ? true : undefined))
  })

  it('909: pending, every other tran-query answers 503, confirmed after 8 s (manual clock)', async () => {
    const tx = ok(await timed.add({ amountMinor: 100, currency: 'USD', reference: nextRef() }))
    expect(ok(await timed.pay({ transactionNo: tx.transactionNo, paymentBarcode: code('909') })).status).toBe('pending')
    const q = () => timed.query({ transactionNo: tx.transactionNo })
    expect(await q()).toMatchObject({ kind: 'unknown', reason: 'http', httpStatus: 503 })
    expect(await q()).toMatchObject({ kind: 'ok', value: { status: 'pending' } })
    expect((await q()).kind).toBe('unknown')
    await clock.advance(7_999)
    expect(await q()).toMatchObject({ kind: 'ok', value: { status: 'pending' } })
    await clock.advance(1)
    expect((await q()).kind).toBe('unknown')
    expect(await q()).toMatchObject({ kind: 'ok', value: { status: 'success' } })
  })
})

describe('client behaviour', () => {
  it('an AbortSignal stops the wait: unknown (aborted)', async () => {
    const tx = await added()
    const ac = new AbortController()
    const paying = client.pay({ transactionNo: tx.transactionNo, paymentBarcode: code('908') }, { signal: ac.signal })
    setTimeout(() => ac.abort(), 20)
    expect(await paying).toMatchObject({ kind: 'unknown', reason: 'aborted' })
  })

  it('an already aborted signal sends nothing', async () => {
    const tx = await added()
    const before = requests.length
    const res = await client.pay(
      { transactionNo: tx.transactionNo, paymentBarcode: code() },
      { signal: AbortSignal.abort() }
    )
    expect(res).toMatchObject({ kind: 'unknown', reason: 'aborted' })
    expect(requests.length).toBe(before)
    expect(await statusOf(tx.transactionNo)).toBe('init')
  })

  it('nobody listening -> unknown (network)', async () => {
    const other = await startSimulatorServer()
    const url = other.url
    await other.close()
    const dead = createPockytClient({ baseUrl: url, ...SANDBOX_CREDENTIALS })
    expect(await dead.query({ transactionNo: '297553640000000001' })).toMatchObject({
      kind: 'unknown',
      reason: 'network'
    })
  })

  it('refuses bad requests before sending anything (BAD_INPUT)', async () => {
    const before = requests.length
    await expect(client.add({ amountMinor: 0, currency: 'USD', reference: 'x' })).rejects.toMatchObject({
      code: 'BAD_INPUT'
    })
    await expect(client.add({ amountMinor: 12.5, currency: 'USD', reference: 'x' })).rejects.toMatchObject({
      code: 'BAD_INPUT'
    })
    await expect(client.add({ amountMinor: 100, currency: 'USD', reference: 'has space' })).rejects.toMatchObject({
      code: 'BAD_INPUT'
    })
    await expect(client.pay({ transactionNo: '297553640000000001', paymentBarcode: 'abc' })).rejects.toMatchObject({
      code: 'BAD_INPUT'
    })
    await expect(client.query({ transactionNo: '123' })).rejects.toMatchObject({ code: 'BAD_INPUT' })
    await expect(client.transList({ startDate: '20260101', endDate: '20260201' })).rejects.toMatchObject({
      code: 'BAD_INPUT'
    })
    await expect(client.transList({ startDate: '20260231', endDate: '20260301' })).rejects.toMatchObject({
      code: 'BAD_INPUT'
    })
    expect(requests.length).toBe(before)
  })

  it('refuses unusable settings with a sentence saying what to fix', () => {
    const base = { baseUrl: server.url, ...SANDBOX_CREDENTIALS }
    expect(() => createPockytClient({ ...base, baseUrl: 'http://mapi.yuansfer.com' })).toThrow(/https/)
    expect(() => createPockytClient({ ...base, baseUrl: 'not a url' })).toThrow(/not a URL/)
    expect(() => createPockytClient({ ...base, token: '  ' })).toThrow(/token/)
    expect(() => createPockytClient({ ...base, merchantNo: 'abc' })).toThrow(/merchant/)
  })

  it('logs never contain the token, its md5, verifySign or a full payment code', async () => {
    const tx = await added()
    await client.pay({ transactionNo: tx.transactionNo, paymentBarcode: code('905') })
    const text = JSON.stringify(logs)
    expect(logs.length).toBeGreaterThan(20)
    expect(text).not.toContain(TOKEN)
    expect(text).not.toContain(md5Hex(TOKEN))
    expect(text).not.toContain('verifySign')
    expect(text).not.toMatch(/134668918993771\d{3}|286498530672949108/)
    expect(text).toContain('…1905')
    expect(requests.join('\n')).not.toMatch(/134668918993771\d{3}/)
  })
})
