/**
 * Training mode: the in-process simulator behind a real client, driven by a manual clock so every
 * scenario's timing is checked exactly, with no waiting.
 */
import { describe, expect, it } from 'vitest'
import { createTrainingClient, type TrainingClient } from '../../main/core/pockyt/training'
import { POCKYT_PATHS } from '../../main/core/pockyt/client'
import { SCENARIOS } from '../../main/core/pockyt/simulator/scenarios'
import { detectWallet } from '../../main/core/pockyt/vendor'
import type { PockytOutcome } from '../../main/core/pockyt/types'
import { code, manualClock, tick } from './helpers'

function ok<T>(o: PockytOutcome<T>): T {
  if (o.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(o)}`)
  return o.value
}

let seq = 0
async function start(t: TrainingClient, suffix: string) {
  const tx = ok(await t.add({ amountMinor: 1300, currency: 'USD', reference: `tr-${++seq}` }))
  const pay = await t.pay({ transactionNo: tx.transactionNo, paymentBarcode: code(suffix) })
  return { no: tx.transactionNo, pay }
}
const status = async (t: TrainingClient, no: string) => ok(await t.query({ transactionNo: no })).status

describe('Training mode (in-process simulator, manual clock)', () => {
  it('a plain code is paid at once, and the simulator holds it as paid', async () => {
    const t = createTrainingClient({ clock: manualClock() })
    const { no, pay } = await start(t, '000')
    expect(ok(pay)).toMatchObject({ status: 'success', vendor: 'wechatpay' })
    expect(t.simulator.state.paid().map((p) => p.transactionNo)).toEqual([no])
  })

  it('901: confirmed exactly 5 s after pay', async () => {
    const clock = manualClock()
    const t = createTrainingClient({ clock })
    const { no, pay } = await start(t, '901')
    expect(ok(pay).status).toBe('pending')
    await clock.advance(4_999)
    expect(await status(t, no)).toBe('pending')
    await clock.advance(1)
    expect(await status(t, no)).toBe('success')
  })

  it('the time scale shortens every delay (0.5: 901 confirms after 2.5 s)', async () => {
    const clock = manualClock()
    const t = createTrainingClient({ clock, timeScale: 0.5 })
    const { no } = await start(t, '901')
    await clock.advance(2_499)
    expect(await status(t, no)).toBe('pending')
    await clock.advance(1)
    expect(await status(t, no)).toBe('success')
  })

  it('904: closed 5 s after pay; 903: still pending an hour later', async () => {
    const clock = manualClock()
    const t = createTrainingClient({ clock })
    const a = await start(t, '904')
    const b = await start(t, '903')
    await clock.advance(5_000)
    expect(await status(t, a.no)).toBe('closed')
    await clock.advance(3_600_000)
    expect(await status(t, b.no)).toBe('pending')
  })

  it('909: confirmed after 8 s; queries alternate 503 / answer', async () => {
    const clock = manualClock()
    const t = createTrainingClient({ clock })
    const { no } = await start(t, '909')
    expect((await t.query({ transactionNo: no })).kind).toBe('unknown')
    expect(await status(t, no)).toBe('pending')
    await clock.advance(8_000)
    expect((await t.query({ transactionNo: no })).kind).toBe('unknown')
    expect(await status(t, no)).toBe('success')
  })

  it('908: the answer waits 15 s of clock time; a shorter pay timeout gives unknown (timeout)', async () => {
    const clock = manualClock()
    const t = createTrainingClient({ clock })
    const tx = ok(await t.add({ amountMinor: 100, currency: 'USD', reference: 'late-1' }))
    let settled = false
    const paying = t
      .pay({ transactionNo: tx.transactionNo, paymentBarcode: code('908') })
      .finally(() => (settled = true))
    await tick()
    await clock.advance(14_999)
    expect(settled).toBe(false)
    await clock.advance(1)
    expect(ok(await paying).status).toBe('success')

    const impatient = createTrainingClient({ clock, timeoutsMs: { pay: 10_000 } })
    const tx2 = ok(await impatient.add({ amountMinor: 100, currency: 'USD', reference: 'late-2' }))
    const paying2 = impatient.pay({ transactionNo: tx2.transactionNo, paymentBarcode: code('908') })
    await tick()
    await clock.advance(10_000)
    expect(await paying2).toMatchObject({ kind: 'unknown', reason: 'timeout' })
    expect(await status(impatient, tx2.transactionNo)).toBe('dealing')
    await clock.advance(5_000)
    expect(await status(impatient, tx2.transactionNo)).toBe('success')
  })

  it('905 in-process: fetch rejects like a dropped connection; the payment did happen', async () => {
    const t = createTrainingClient({ clock: manualClock() })
    const { no, pay } = await start(t, '905')
    expect(pay).toMatchObject({ kind: 'unknown', reason: 'network' })
    expect(pay.kind === 'unknown' && pay.detail).toMatch(/fetch failed/)
    expect(await status(t, no)).toBe('success')
  })

  it('906 and 907 in-process behave as over HTTP', async () => {
    const t = createTrainingClient({ clock: manualClock() })
    const a = await start(t, '906')
    expect(a.pay).toMatchObject({ kind: 'unknown', reason: 'http', httpStatus: 503 })
    expect(await status(t, a.no)).toBe('init')
    const b = await start(t, '907')
    expect(b.pay).toMatchObject({ kind: 'unknown', reason: 'malformed' })
    expect(await status(t, b.no)).toBe('success')
  })

  it('902: failed, and nothing is held as paid', async () => {
    const t = createTrainingClient({ clock: manualClock() })
    const { pay } = await start(t, '902')
    expect(ok(pay).status).toBe('failed')
    expect(t.simulator.state.paid()).toEqual([])
  })

  it("a cancel that races the customer's confirmation refunds instead of closing", async () => {
    const clock = manualClock()
    const t = createTrainingClient({ clock })
    const { no } = await start(t, '901')
    await clock.advance(5_000) // the customer confirmed; we have not queried yet
    expect(ok(await t.cancel({ transactionNo: no })).status).toBe('reversed')
    expect(t.simulator.state.get(no)).toMatchObject({ refundedMinor: 1300 })
  })

  it('a caller abort ends an in-process call at once', async () => {
    const t = createTrainingClient({ clock: manualClock() })
    const tx = ok(await t.add({ amountMinor: 100, currency: 'USD', reference: 'ab-1' }))
    const ac = new AbortController()
    const paying = t.pay({ transactionNo: tx.transactionNo, paymentBarcode: code('908') }, { signal: ac.signal })
    ac.abort()
    expect(await paying).toMatchObject({ kind: 'unknown', reason: 'aborted' })
  })

  it('closing the simulator releases a pending late answer (unknown, no hang)', async () => {
    const t = createTrainingClient({ clock: manualClock() })
    const tx = ok(await t.add({ amountMinor: 100, currency: 'USD', reference: 'cl-1' }))
    const paying = t.pay({ transactionNo: tx.transactionNo, paymentBarcode: code('908') })
    await tick()
    t.simulator.close()
    expect((await paying).kind).toBe('unknown')
  })

  it('the /prepay path works in training too', async () => {
    const t = createTrainingClient({ clock: manualClock(), payPath: POCKYT_PATHS.prepay })
    expect(ok((await start(t, '000')).pay).status).toBe('success')
  })

  it('every scenario in the help table has a valid example code ending in its suffix', () => {
    expect(SCENARIOS.map((s) => s.suffix)).toEqual(['901', '902', '903', '904', '905', '906', '907', '908', '909'])
    for (const s of SCENARIOS) {
      expect(s.exampleCode.endsWith(s.suffix)).toBe(true)
      expect(detectWallet(s.exampleCode)).toMatchObject({ ok: true, vendor: 'wechatpay' })
    }
  })

  it('transaction numbers are 18-digit strings, deterministic per simulator', async () => {
    const a = createTrainingClient({ clock: manualClock() })
    const b = createTrainingClient({ clock: manualClock() })
    const ta = ok(await a.add({ amountMinor: 100, currency: 'USD', reference: 'n-1' }))
    const tb = ok(await b.add({ amountMinor: 100, currency: 'USD', reference: 'n-1' }))
    expect(ta.transactionNo).toBe(tb.transactionNo)
    expect(ta.transactionNo).toMatch(/^\d{18}$/)
  })

  it("createTime is Pockyt's UTC+8 wall clock", async () => {
    const t = createTrainingClient({ clock: manualClock(Date.UTC(2026, 10, 25, 20, 30, 0)) })
    const tx = ok(await t.add({ amountMinor: 100, currency: 'USD', reference: 'tz-1' }))
    expect(tx.createTime).toBe('2026-11-26 04:30:00')
    const list = ok(await t.transList({ startDate: '20261126', endDate: '20261126' }))
    expect(list.map((x) => x.transactionNo)).toEqual([tx.transactionNo])
    expect(ok(await t.transList({ startDate: '20261125', endDate: '20261125' }))).toEqual([])
  })
})
