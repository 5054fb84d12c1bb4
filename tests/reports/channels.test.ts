/**
 * Issue 6's channels end to end through the router (inputs validated, outputs checked against the
 * contract) on real services in Training mode: a real sale paid at the simulator, then history, detail,
 * barcode lookup, receipts, a refund, X/Z, CSV export and reconciliation.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { systemClock } from '../../main/core/clock'
import type { PosEvent } from '../../main/core/events'
import { createTrainingClient } from '../../main/core/pockyt/training'
import type { Printer } from '../../main/core/reports/history-service'
import { createServices, type Services } from '../../main/core/services'
import { localDay } from '../../main/core/reports/days'
import { createRouter } from '../../main/ipc/router'
import { code } from '../pockyt/helpers'

const ctx = { window: 'cashier' as const }
let dir: string
let services: Services | undefined

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qrc-history-channels-'))
})
afterEach(async () => {
  await services?.close()
  services = undefined
  rmSync(dir, { recursive: true, force: true })
})

async function boot(printer?: Printer) {
  services = await createServices({
    dataDir: dir,
    version: 'test',
    shell: 'harness',
    heartbeatSeconds: 0,
    pockytClient: createTrainingClient({ clock: systemClock }),
    printer
  })
  const seen: PosEvent[] = []
  services.events.subscribe((e) => seen.push(e))
  const router = createRouter(services.handlers, {
    validateOutput: true,
    onInternalError: (c, e) => {
      throw new Error(`${c}: ${String(e)}`)
    }
  })
  const call = async (channel: string, payload?: unknown) => {
    const r = await router.call(channel, payload, ctx)
    if (!r.ok) throw Object.assign(new Error(`${channel}: ${r.error.message}`), r.error)
    return r.value as any // eslint-disable-line @typescript-eslint/no-explicit-any
  }
  const fail = async (channel: string, payload?: unknown) => {
    const r = await router.call(channel, payload, ctx)
    if (r.ok) throw new Error(`${channel} should have failed`)
    return r.error
  }
  return { call, fail, seen }
}

/** A sale of one custom item, paid with a plain (succeeding) code at the simulator. */
async function paidSale(call: Awaited<ReturnType<typeof boot>>['call']) {
  let sale = await call('sale:current')
  sale = await call('sale:addCustomItem', {
    saleId: sale.id,
    name: 'Oolong 乌龙茶',
    unitPriceMinor: 1000,
    taxRateBp: 825
  })
  let payment = await call('payment:submitCode', { saleId: sale.id, code: code('000') })
  for (let i = 0; i < 100 && !payment.final; i++) {
    await new Promise((r) => setTimeout(r, 10))
    payment = await call('payment:get', { paymentId: payment.id })
  }
  expect(payment.state).toBe('succeeded')
  return { saleId: sale.id as number, transactionNo: payment.transactionNo as string }
}

describe('history, receipts, refunds and reports over the contract', () => {
  it('runs a day: history, detail, lookup, receipts, refund, X, Z, CSV, reconciliation', async () => {
    const { call, fail, seen } = await boot()
    const { saleId, transactionNo } = await paidSale(call)

    const page = await call('history:list', {})
    expect(page.rows[0]).toMatchObject({ saleId, status: 'paid', transactionNo, totalMinor: 1083 })
    expect(page).not.toHaveProperty('totals')
    expect(await call('history:totals', {})).toEqual({ count: 1, totalMinor: 1083, refundedMinor: 0 })
    expect(await call('history:totals', { filter: { text: 'no such thing' } })).toEqual({
      count: 0,
      totalMinor: 0,
      refundedMinor: 0
    })
    expect((await call('history:list', { filter: { text: '乌龙' } })).rows).toHaveLength(1)
    expect(await call('history:lookup', { transactionNo })).toEqual({ saleId })

    const detail = await call('history:detail', { saleId })
    expect(detail.actions).toMatchObject({ canRefund: true, canVoid: true, canReprint: true, refundableMinor: 1083 })
    expect(detail.payments[0].events.length).toBeGreaterThan(3)
    expect(JSON.stringify(detail.payments[0].events)).not.toContain(code('000'))

    const receipt = await call('receipt:render', { doc: { kind: 'sale', saleId, copy: 'customer' } })
    expect(receipt.html).toContain(transactionNo)
    expect(receipt.html).toContain('TRAINING - NOT A PAYMENT')
    expect(await call('receipt:print', { doc: { kind: 'sale', saleId, copy: 'customer' } })).toMatchObject({
      printed: false
    })
    expect((await fail('receipt:pdf', { doc: { kind: 'x' } })).code).toBe('CONFLICT')

    const refund = await call('refund:start', { saleId, amountMinor: 300, reason: 'too sweet' })
    expect(refund).toMatchObject({ state: 'succeeded', originalTransactionNo: transactionNo })
    expect(seen.some((e) => e.name === 'refund:changed')).toBe(true)
    expect(seen.some((e) => e.name === 'sale:changed')).toBe(true)
    const refundDoc = await call('receipt:render', {
      doc: { kind: 'refund', saleId, refundId: refund.id, copy: 'customer' }
    })
    expect(refundDoc.html).toContain(refund.refundTransactionNo)
    expect((await call('history:list', { filter: { statuses: ['partially_refunded'] } })).rows).toHaveLength(1)

    const x = await call('report:x')
    expect(x).toMatchObject({
      kind: 'X',
      sales: { count: 1, amountMinor: 1083 },
      refunds: { count: 1, amountMinor: 300 },
      netMinor: 783
    })
    const z = await call('report:z', {})
    expect(z).toMatchObject({ kind: 'Z', number: 1, netMinor: 783 })
    expect(await call('report:list', {})).toHaveLength(1)
    expect(await call('report:get', { number: 1 })).toEqual(z)
    expect((await call('receipt:render', { doc: { kind: 'z', number: 1 }, reprint: true })).html).toContain(
      'Z REPORT #1'
    )
    expect((await call('report:day', { day: localDay(Date.now()) })).sales.count).toBe(1)

    const now = Date.now()
    const csv = await call('export:csv', { from: now - 3_600_000, to: now + 1000 })
    expect(csv.rows).toBe(2)
    expect(readFileSync(csv.file, 'utf8')).toContain(transactionNo)
    expect(seen.filter((e) => e.name === 'export:progress').at(-1)?.payload).toMatchObject({ done: true, rows: 2 })

    const rec = await call('reconcile:day', { day: localDay(Date.now()) })
    expect(rec).toMatchObject({ matched: 1, lines: [] })
  })

  it('refuses bad requests with clear errors and changes nothing', async () => {
    const { call, fail } = await boot()
    const { saleId } = await paidSale(call)
    expect((await fail('history:list', { filter: { from: 5, to: 1 } })).code).toBe('BAD_INPUT')
    expect((await fail('history:totals', { filter: { minMinor: 9, maxMinor: 1 } })).code).toBe('BAD_INPUT')
    expect(
      (await fail('refund:start', { saleId, amountMinor: 1, lines: [{ lineId: 1, quantity: 1 }], reason: 'x' })).code
    ).toBe('BAD_INPUT')
    expect((await fail('refund:start', { saleId, reason: '   ' })).code).toBe('BAD_INPUT')
    expect((await fail('refund:start', { saleId, amountMinor: 999_999, reason: 'too much' })).code).toBe('CONFLICT')
    expect((await fail('history:lookup', { transactionNo: '297553600000000000' })).code).toBe('NOT_FOUND')
    expect((await fail('history:detail', { saleId: 999 })).code).toBe('NOT_FOUND')
    expect((await fail('report:get', { number: 1 })).code).toBe('NOT_FOUND')
    expect((await call('history:detail', { saleId })).refunds).toEqual([])
  })

  it('prints and saves PDFs through the injected printer', async () => {
    const printer: Printer = { print: vi.fn(async () => {}), pdf: vi.fn(async () => new Uint8Array([37, 80, 68, 70])) }
    const { call } = await boot(printer)
    const { saleId } = await paidSale(call)
    const doc = { doc: { kind: 'sale', saleId, copy: 'merchant' }, format: '80mm', reprint: true }
    // no receipt printer chosen in Settings: receipts on screen only
    expect(await call('receipt:print', doc)).toMatchObject({ printed: false })
    expect(printer.print).not.toHaveBeenCalled()
    await call('settings:update', { patch: { receiptPrinter: 'EPSON TM-T20' } })
    const printed = await call('receipt:print', doc)
    expect(printed.printed).toBe(true)
    expect(vi.mocked(printer.print).mock.calls[0]![0]).toContain('REPRINT')
    expect(vi.mocked(printer.print).mock.calls[0]![1]).toEqual({ printer: 'EPSON TM-T20', format: '80mm' })
    const pdf = await call('receipt:pdf', { doc: { kind: 'x' }, format: 'a4' })
    expect(existsSync(pdf.file)).toBe(true)
    expect(pdf.file.startsWith(join(dir, 'exports'))).toBe(true)
    expect(pdf.bytes).toBe(4)
  })
})
