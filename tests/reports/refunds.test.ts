import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PosError } from '../../main/core/errors'
import { createPaymentsRepo } from '../../main/core/ledger/payments-repo'
import { createSalesRepo } from '../../main/core/ledger/sales-repo'
import { createTrainingClient, type TrainingClient } from '../../main/core/pockyt/training'
import type { PockytClient } from '../../main/core/pockyt/types'
import { createRefundEngine, type RefundEngineOptions, type RefundHook } from '../../main/core/refunds/refund-engine'
import { createRefundsRepo } from '../../main/core/refunds/refunds-repo'
import { code, manualClock } from '../pockyt/helpers'
import { createSeeder, tempLedger } from './seed'

const PIN = '4321'
let ledger: ReturnType<typeof tempLedger>
let clock: ReturnType<typeof manualClock>
let pockyt: TrainingClient

beforeEach(() => {
  ledger = tempLedger()
  clock = manualClock(Date.UTC(2026, 10, 25, 3, 0, 0))
  pockyt = createTrainingClient({ clock })
})
afterEach(() => ledger.dispose())

function engine(over: Partial<RefundEngineOptions> = {}) {
  const db = ledger.db
  return createRefundEngine({
    db,
    refunds: createRefundsRepo(db),
    payments: createPaymentsRepo(db),
    sales: createSalesRepo(db),
    client: pockyt,
    clock,
    terminalId: 'T1',
    storeId: '300014',
    requireManagerPin: (pin, action) => {
      if (pin !== PIN) throw new PosError('PIN_REQUIRED', `The manager PIN is needed to ${action}.`)
    },
    dayOf: (ms) => new Date(ms).toISOString().slice(0, 10),
    ...over
  })
}

/** A sale paid for real at the simulator: Latte ×2 at 4.50 and a Muffin at 3.00 (12.00). */
async function paidSale(): Promise<{ saleId: number; transactionNo: string; lineIds: number[] }> {
  const reference = `Qtest-${Math.random().toString(36).slice(2, 10)}`
  const added = await pockyt.add({ amountMinor: 1200, currency: 'USD', reference })
  if (added.kind !== 'ok') throw new Error('add failed')
  const paid = await pockyt.pay({ transactionNo: added.value.transactionNo, paymentBarcode: code('000') })
  if (paid.kind !== 'ok' || paid.value.status !== 'success') throw new Error('pay failed')
  const saleId = createSeeder(ledger.db).seed({
    at: clock.now() - 60_000,
    transactionNo: added.value.transactionNo,
    reference,
    lines: [
      { name: 'Latte', unitPriceMinor: 450, quantity: 2 },
      { name: 'Muffin', unitPriceMinor: 300 }
    ]
  })
  const lineIds = (
    ledger.db.prepare('SELECT id FROM sale_lines WHERE sale_id = ? ORDER BY position').all(saleId) as { id: number }[]
  ).map((r) => r.id)
  return { saleId, transactionNo: added.value.transactionNo, lineIds }
}

const sale = (id: number) =>
  ledger.db.prepare('SELECT status, refunded_minor FROM sales WHERE id = ?').get(id) as {
    status: string
    refunded_minor: number
  }
const remote = (transactionNo: string) => pockyt.simulator.state.get(transactionNo)!
const refundCount = () => (ledger.db.prepare('SELECT COUNT(*) AS n FROM refunds').get() as { n: number }).n

async function rejects(p: Promise<unknown>, code: string): Promise<PosError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err
  )
  expect(e).toBeInstanceOf(PosError)
  expect((e as PosError).code).toBe(code)
  return e as PosError
}

describe('refunds against the simulator', () => {
  it('refunds part of a sale, then the rest, and refuses a third', async () => {
    const { saleId, transactionNo } = await paidSale()
    const e = engine()
    const first = await e.refund({ saleId, amountMinor: 500, reason: 'cold coffee', pin: PIN })
    expect(first).toMatchObject({
      state: 'succeeded',
      amountMinor: 500,
      originalTransactionNo: transactionNo,
      kind: 'refund'
    })
    expect(first.refundTransactionNo).toMatch(/^\d{18}$/)
    expect(first.refundReference).toMatch(/^R[A-Za-z0-9_-]{1,31}$/)
    expect(sale(saleId)).toEqual({ status: 'partially_refunded', refunded_minor: 500 })
    expect(remote(transactionNo).refundedMinor).toBe(500)

    const rest = await e.refund({ saleId, reason: 'customer left', pin: PIN })
    expect(rest).toMatchObject({ state: 'succeeded', amountMinor: 700 })
    expect(sale(saleId)).toEqual({ status: 'refunded', refunded_minor: 1200 })
    expect(remote(transactionNo).refundedMinor).toBe(1200)

    await rejects(e.refund({ saleId, amountMinor: 1, reason: 'again', pin: PIN }), 'CONFLICT')
    expect(refundCount()).toBe(2)
  })

  it('journals every step of a refund: written, announced, the call and the answer', async () => {
    const { saleId } = await paidSale()
    const r = await engine().refund({ saleId, amountMinor: 100, reason: 'wrong size', pin: PIN })
    const events = createRefundsRepo(ledger.db).events(r.id)
    expect(events.map((ev) => [ev.kind, ev.from_state, ev.to_state])).toEqual([
      ['transition', null, 'created'],
      ['transition', 'created', 'sent'],
      ['transition', 'sent', 'succeeded']
    ])
    expect(JSON.parse(events[1]!.request!)).toMatchObject({ op: 'refund', refundAmountMinor: 100 })
    expect(JSON.parse(events[2]!.answer!)).toMatchObject({ kind: 'ok', status: 'success' })
  })

  it('refunds by lines, with the last unit taking what is left of the line, never twice', async () => {
    const { saleId, lineIds } = await paidSale()
    const e = engine()
    const one = await e.refund({ saleId, lines: [{ lineId: lineIds[0]!, quantity: 1 }], reason: 'spilled', pin: PIN })
    expect(one).toMatchObject({
      state: 'succeeded',
      amountMinor: 450,
      lines: [{ lineId: lineIds[0], quantity: 1, amountMinor: 450 }]
    })
    await rejects(
      e.refund({ saleId, lines: [{ lineId: lineIds[0]!, quantity: 2 }], reason: 'x', pin: PIN }),
      'CONFLICT'
    )
    const rest = await e.refund({
      saleId,
      lines: [
        { lineId: lineIds[0]!, quantity: 1 },
        { lineId: lineIds[1]!, quantity: 1 }
      ],
      reason: 'spilled too',
      pin: PIN
    })
    expect(rest.amountMinor).toBe(750)
    expect(sale(saleId)).toEqual({ status: 'refunded', refunded_minor: 1200 })
  })

  it('refuses an over-refund locally and writes nothing', async () => {
    const { saleId, transactionNo } = await paidSale()
    const err = await rejects(engine().refund({ saleId, amountMinor: 1201, reason: 'too much', pin: PIN }), 'CONFLICT')
    expect(err.message).toContain('12.00 USD')
    expect(refundCount()).toBe(0)
    expect(remote(transactionNo).refundedMinor).toBe(0)
  })

  it('records the refusal when Pockyt refuses an over-refund the ledger did not know about', async () => {
    const { saleId, transactionNo } = await paidSale()
    // Refunded at Pockyt behind the till's back (the merchant portal): only 2.00 remain there.
    pockyt.simulator.state.refund(
      '200043',
      '300014',
      { transactionNo },
      {
        refundAmount: '10.00',
        currency: 'USD',
        refundReference: 'portal-1'
      }
    )
    const r = await engine().refund({ saleId, amountMinor: 500, reason: 'portal', pin: PIN })
    expect(r.state).toBe('failed')
    expect(r.lastError).toMatch(/000040/)
    expect(sale(saleId)).toEqual({ status: 'paid', refunded_minor: 0 })
    expect(remote(transactionNo).refundedMinor).toBe(1000)
  })

  it('asks for the manager PIN and changes nothing without it', async () => {
    const { saleId } = await paidSale()
    await rejects(engine().refund({ saleId, amountMinor: 100, reason: 'x', pin: '0000' }), 'PIN_REQUIRED')
    await rejects(engine().void({ saleId, reason: 'x' }), 'PIN_REQUIRED')
    expect(refundCount()).toBe(0)
  })

  it('refuses to refund a sale without an approved payment', async () => {
    const saleId = createSeeder(ledger.db).seed({
      at: clock.now(),
      attempts: ['failed'],
      lines: [{ name: 'A', unitPriceMinor: 100 }]
    })
    await rejects(engine().refund({ saleId, reason: 'x', pin: PIN }), 'CONFLICT')
    await rejects(engine().refund({ saleId: 9999, reason: 'x', pin: PIN }), 'NOT_FOUND')
  })

  it.each<[RefundHook, string]>([
    ['refund-in-flight', 'the request reached Pockyt, then the app died'],
    ['refund-announced', 'the app died after announcing, before sending']
  ])('recovers a refund after a crash at %s (%s)', async (point) => {
    const { saleId, transactionNo } = await paidSale()
    const crashing = engine({
      hook: (p) => {
        if (p === point) throw new Error('simulated crash')
      }
    })
    await expect(crashing.refund({ saleId, amountMinor: 300, reason: 'crash', pin: PIN })).rejects.toThrow(
      'simulated crash'
    )
    const [left] = createRefundsRepo(ledger.db).unfinished()
    expect(left).toMatchObject({ state: 'sent' })
    // wait for the floating request (if any) to land, as it would have at Pockyt
    await new Promise((r) => setTimeout(r, 20))

    const restarted = engine()
    const [after] = await restarted.recover()
    expect(after).toMatchObject({ state: 'succeeded', amountMinor: 300 })
    expect(remote(transactionNo).refundedMinor).toBe(300)
    expect(sale(saleId)).toEqual({ status: 'partially_refunded', refunded_minor: 300 })
    expect(await restarted.recover()).toEqual([])
  })

  it('fails a refund that was written but never sent before a crash', async () => {
    const { saleId, transactionNo } = await paidSale()
    const crashing = engine({
      hook: (p) => {
        if (p === 'refund-written') throw new Error('simulated crash')
      }
    })
    await expect(crashing.refund({ saleId, amountMinor: 300, reason: 'crash', pin: PIN })).rejects.toThrow()
    const [after] = await engine().recover()
    expect(after).toMatchObject({ state: 'failed' })
    expect(remote(transactionNo).refundedMinor).toBe(0)
    expect(sale(saleId).status).toBe('paid')
  })

  it('keeps a refund whose answer was lost unconfirmed, blocks another, and settles it on the sweep', async () => {
    const { saleId, transactionNo } = await paidSale()
    const lossy: PockytClient = {
      ...pockyt,
      refund: async (req, opts) => {
        await pockyt.refund(req, opts)
        return { kind: 'unknown', reason: 'timeout', detail: 'no answer in 20 s' }
      }
    }
    const e = engine({ client: lossy })
    const r = await e.refund({ saleId, amountMinor: 250, reason: 'lost', pin: PIN })
    expect(r).toMatchObject({ state: 'sent', unresolved: true })
    await rejects(e.refund({ saleId, amountMinor: 250, reason: 'again', pin: PIN }), 'CONFLICT')
    const [after] = await e.recover()
    expect(after).toMatchObject({ state: 'succeeded' })
    expect(remote(transactionNo).refundedMinor).toBe(250)
  })

  it('voids a sale the same day with cancel, and refuses a void on another day or after a refund', async () => {
    const a = await paidSale()
    const v = await engine().void({ saleId: a.saleId, reason: 'wrong basket', pin: PIN })
    expect(v).toMatchObject({ kind: 'void', state: 'succeeded', amountMinor: 1200 })
    expect(sale(a.saleId)).toEqual({ status: 'voided', refunded_minor: 1200 })
    expect(remote(a.transactionNo).status).toBe('reversed')
    await rejects(engine().refund({ saleId: a.saleId, reason: 'x', pin: PIN }), 'CONFLICT')

    const b = await paidSale()
    await engine().refund({ saleId: b.saleId, amountMinor: 100, reason: 'x', pin: PIN })
    await rejects(engine().void({ saleId: b.saleId, reason: 'x', pin: PIN }), 'CONFLICT')

    const c = await paidSale()
    await clock.advance(24 * 3_600_000)
    await rejects(engine().void({ saleId: c.saleId, reason: 'x', pin: PIN }), 'CONFLICT')
  })
})

describe('refunds over real HTTP (simulator server)', () => {
  it('refunds part, then Pockyt itself refuses more than is left', async () => {
    const { startSimulatorServer } = await import('../../main/core/pockyt/simulator/server')
    const { createPockytClient } = await import('../../main/core/pockyt/client')
    const { SANDBOX_CREDENTIALS } = await import('../../main/core/pockyt/types')
    const server = await startSimulatorServer({ simulator: pockyt.simulator })
    try {
      const http = createPockytClient({ baseUrl: server.url, ...SANDBOX_CREDENTIALS })
      const { saleId, transactionNo } = await paidSale()
      const e = engine({ client: http })
      expect(await e.refund({ saleId, amountMinor: 700, reason: 'http', pin: PIN })).toMatchObject({
        state: 'succeeded'
      })
      // the ledger believes 5.00 remain; the portal took 4.00 more behind its back
      pockyt.simulator.state.refund(
        '200043',
        '300014',
        { transactionNo },
        { refundAmount: '4.00', currency: 'USD', refundReference: 'portal-2' }
      )
      const refused = await e.refund({ saleId, amountMinor: 500, reason: 'too much at Pockyt', pin: PIN })
      expect(refused).toMatchObject({ state: 'failed' })
      expect(refused.lastError).toMatch(/refused \(000040\)/)
      expect(sale(saleId)).toEqual({ status: 'partially_refunded', refunded_minor: 700 })
    } finally {
      await server.close()
    }
  })
})

describe('refund recovery when Pockyt forgot the payment', () => {
  it('fails a sent refund whose payment Pockyt does not know (Training mode restarted)', async () => {
    const { saleId } = await paidSale()
    const crashing = engine({
      hook: (p) => {
        if (p === 'refund-announced') throw new Error('simulated crash')
      }
    })
    await expect(crashing.refund({ saleId, amountMinor: 100, reason: 'x', pin: PIN })).rejects.toThrow()
    pockyt.simulator.state.reset()
    const [after] = await engine().recover()
    expect(after).toMatchObject({ state: 'failed' })
    expect(after!.lastError).toMatch(/does not know this payment/)
    expect(sale(saleId)).toEqual({ status: 'paid', refunded_minor: 0 })
  })
})
