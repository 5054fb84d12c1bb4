/**
 * The sale channels end to end through the router (inputs validated, outputs checked against the
 * contract), on a real ledger file: drafts survive a restart, totals come from main, errors are clear
 * and change nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createRouter } from '../../main/ipc/router'
import { createServices, type Services } from '../../main/core/services'
import type { PosEvent } from '../../main/core/events'
import { FakePockyt, manualClock } from '../payment/helpers'

const ctx = { window: 'cashier' as const }
let dir: string
let services: Services | undefined
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qrc-sale-'))
})
afterEach(async () => {
  await services?.close()
  services = undefined
  rmSync(dir, { recursive: true, force: true })
})

async function boot() {
  const clock = manualClock()
  services = await createServices({
    dataDir: dir,
    version: 'test',
    shell: 'harness',
    clock,
    heartbeatSeconds: 0,
    pockytClient: new FakePockyt(clock)
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
    if (!r.ok) throw Object.assign(new Error(r.error.message), r.error)
    return r.value as any // eslint-disable-line @typescript-eslint/no-explicit-any
  }
  const fail = async (channel: string, payload?: unknown) => {
    const r = await router.call(channel, payload, ctx)
    if (r.ok) throw new Error(`${channel} should have failed`)
    return r.error
  }
  return { call, fail, seen, clock }
}

/** Seeds products the way the catalog would (the sale only reads them). */
async function seedProducts() {
  const { Database } = { Database: (await import('better-sqlite3')).default }
  const db = new Database(join(dir, 'ledger.sqlite3'))
  db.exec(`INSERT INTO products (id, name, sku, barcode, price_minor, tax_rate_bp, category, active, created_at, updated_at) VALUES
    (1, 'Latte', 'L', '2000000000015', 475, 825, 'Coffee', 1, 0, 0),
    (2, 'Rice 5 lb', 'R', '2000000000022', 899, 0, 'Grocery', 1, 0, 0),
    (3, 'Old cake', 'C', '2000000000039', 300, 825, 'Bakery', 0, 0, 0)`)
  db.close()
}

describe('sale drafts', () => {
  it('adds by id and by barcode, merges the same product, sets quantity, discounts, removes, clears', async () => {
    const { call } = await boot()
    await services!.close()
    await seedProducts()
    const { call: c2, seen } = await boot()
    void call
    let sale = await c2('sale:current')
    expect(sale).toMatchObject({ status: 'draft', editable: true, lines: [] })
    sale = await c2('sale:addItem', { saleId: sale.id, productId: 1 })
    sale = await c2('sale:addItem', { saleId: sale.id, barcode: ' 2000000000015 ' })
    expect(sale.lines).toHaveLength(1)
    expect(sale.lines[0]).toMatchObject({
      name: 'Latte',
      quantity: 2,
      unitPriceMinor: 475,
      taxMinor: 78,
      totalMinor: 1028
    })
    sale = await c2('sale:addItem', { saleId: sale.id, barcode: '2000000000022', quantity: 3 })
    const rice = sale.lines[1]
    sale = await c2('sale:setQuantity', { saleId: sale.id, lineId: rice.id, quantity: 1 })
    sale = await c2('sale:setLineDiscount', {
      saleId: sale.id,
      lineId: rice.id,
      discount: { kind: 'amount', amountMinor: 99 }
    })
    expect(sale.lines[1]).toMatchObject({ lineDiscountMinor: 99, totalMinor: 800 })
    sale = await c2('sale:setDiscount', { saleId: sale.id, discount: { kind: 'percent', bp: 1000 } })
    // subtotal 950 + 800 = 1750; 10% = 175 spread 95/80; tax 8.25% of 855 = 70.5375 -> 71
    expect(sale.totals).toEqual({
      itemsMinor: 1849,
      lineDiscountsMinor: 99,
      subtotalMinor: 1750,
      saleDiscountMinor: 175,
      taxMinor: 71,
      totalMinor: 1646
    })
    sale = await c2('sale:removeLine', { saleId: sale.id, lineId: rice.id })
    expect(sale.lines.map((l: { name: string }) => l.name)).toEqual(['Latte'])
    sale = await c2('sale:clear', { saleId: sale.id })
    expect(sale).toMatchObject({ lines: [], discount: { kind: 'none' }, totals: { totalMinor: 0 } })
    const changed = seen.filter((e) => e.name === 'sale:changed')
    expect(changed.length).toBeGreaterThanOrEqual(7)
    expect(seen.some((e) => e.name === 'display:changed' && (e.payload as { screen: string }).screen === 'cart')).toBe(
      true
    )
  })

  it('refuses bad requests clearly and changes nothing', async () => {
    await boot()
    await services!.close()
    await seedProducts()
    const { call, fail } = await boot()
    const sale = await call('sale:current')
    await call('sale:addItem', { saleId: sale.id, productId: 1 })
    expect(await fail('sale:addItem', { saleId: sale.id, barcode: '999' })).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/No product has the barcode 999/)
    })
    expect(await fail('sale:addItem', { saleId: sale.id, productId: 3 })).toMatchObject({ code: 'CONFLICT' })
    expect(await fail('sale:addItem', { saleId: 999, productId: 1 })).toMatchObject({ code: 'NOT_FOUND' })
    expect(await fail('sale:setQuantity', { saleId: sale.id, lineId: 999, quantity: 2 })).toMatchObject({
      code: 'NOT_FOUND'
    })
    expect(await fail('sale:setQuantity', { saleId: sale.id, lineId: 1, quantity: 0 })).toMatchObject({
      code: 'BAD_INPUT'
    })
    expect(
      await fail('sale:setDiscount', { saleId: sale.id, discount: { kind: 'amount', amountMinor: 100_000 } })
    ).toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/larger than the amount/) })
    expect(
      await fail('sale:setDiscount', { saleId: sale.id, discount: { kind: 'percent', bp: 20_000 } })
    ).toMatchObject({
      code: 'BAD_INPUT'
    })
    expect(await fail('sale:addItem', { saleId: sale.id, productId: 1, quantity: 1, extra: true })).toMatchObject({
      code: 'BAD_INPUT'
    })
    const after = await call('sale:get', { saleId: sale.id })
    expect(after.lines).toHaveLength(1)
    expect(after.totals.totalMinor).toBe(514)
  })

  it('a draft survives a restart (every change is committed)', async () => {
    const first = await boot()
    const sale = await first.call('sale:current')
    await first.call('sale:addCustomItem', {
      saleId: sale.id,
      name: 'Gift wrap',
      unitPriceMinor: 250,
      taxRateBp: 825,
      quantity: 2
    })
    await services!.close()
    const second = await boot()
    const again = await second.call('sale:current')
    expect(again.id).toBe(sale.id)
    expect(again.lines).toMatchObject([{ name: 'Gift wrap', quantity: 2, totalMinor: 541 }])
  })

  it('parks and recalls sales; an empty draft is not parked', async () => {
    const { call, fail } = await boot()
    const a = await call('sale:current')
    expect(await fail('sale:park', { saleId: a.id })).toMatchObject({ code: 'CONFLICT' })
    await call('sale:addCustomItem', { saleId: a.id, name: 'A', unitPriceMinor: 100, taxRateBp: 0 })
    const b = await call('sale:park', { saleId: a.id, note: 'table 4' })
    expect(b.id).not.toBe(a.id)
    expect(
      await fail('sale:addCustomItem', { saleId: a.id, name: 'X', unitPriceMinor: 1, taxRateBp: 0 })
    ).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/parked/)
    })
    expect(await call('sale:listParked')).toEqual([
      { id: a.id, itemCount: 1, totalMinor: 100, parkedAt: expect.any(Number), note: 'table 4' }
    ])
    await call('sale:addCustomItem', { saleId: b.id, name: 'B', unitPriceMinor: 200, taxRateBp: 0 })
    const recalled = await call('sale:recall', { saleId: a.id })
    expect(recalled).toMatchObject({ id: a.id, parked: false, editable: true })
    expect((await call('sale:current')).id).toBe(a.id)
    expect((await call('sale:listParked')).map((s: { id: number }) => s.id)).toEqual([b.id]) // B took its place
    const fresh = await call('sale:new')
    expect(fresh.lines).toEqual([])
    expect((await call('sale:listParked')).map((s: { id: number }) => s.id).sort()).toEqual([a.id, b.id].sort())
  })

  it('freezes a sale while it is being paid and closes it once paid', async () => {
    const { call, fail, clock } = await boot()
    const sale = await call('sale:current')
    await call('sale:addCustomItem', { saleId: sale.id, name: 'A', unitPriceMinor: 100, taxRateBp: 0 })
    const p = await call('payment:start', { saleId: sale.id })
    expect(p).toMatchObject({ state: 'created', amountMinor: 100 })
    expect(
      await fail('sale:addCustomItem', { saleId: sale.id, name: 'X', unitPriceMinor: 1, taxRateBp: 0 })
    ).toMatchObject({
      code: 'PAYMENT_IN_PROGRESS'
    })
    expect(await fail('sale:new')).toMatchObject({ code: 'PAYMENT_IN_PROGRESS' })
    await clock.advance(10)
    await call('payment:submitCode', { saleId: sale.id, code: '134668918993771844' })
    await clock.advance(10)
    expect(await call('payment:get', { paymentId: p.id })).toMatchObject({ state: 'succeeded' })
    expect(await call('sale:get', { saleId: sale.id })).toMatchObject({ status: 'paid', editable: false })
    expect(await fail('sale:clear', { saleId: sale.id })).toMatchObject({ code: 'CONFLICT' })
    const next = await call('sale:current')
    expect(next.id).not.toBe(sale.id)
    expect(await call('payment:listForSale', { saleId: sale.id })).toHaveLength(1)
    expect(await fail('payment:submitCode', { saleId: sale.id, code: '12ab' })).toMatchObject({ code: 'BAD_INPUT' })
  })
})
