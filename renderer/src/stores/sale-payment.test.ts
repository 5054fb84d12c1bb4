import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'

import { fake } from '../test-support/fake-bridge'

vi.mock('../bridge', () => import('../test-support/fake-bridge'))
const sounds = vi.hoisted(() => ({ approved: 0, declined: 0 }))
vi.mock('../features/payment/sound', () => ({
  playApproved: () => sounds.approved++,
  playDeclined: () => sounds.declined++
}))

const { useSaleStore } = await import('./sale')
const { usePaymentStore } = await import('./payment')

const emit = (event: string, payload: unknown) => fake.listeners[event]?.forEach((fn) => fn(payload))
const line = (id: number, quantity = 1) => ({
  id,
  productId: id,
  name: `P${id}`,
  sku: null,
  unitPriceMinor: 100,
  quantity,
  taxRateBp: 0,
  discount: { kind: 'none' },
  grossMinor: 100 * quantity,
  lineDiscountMinor: 0,
  saleDiscountMinor: 0,
  taxMinor: 0,
  totalMinor: 100 * quantity
})
const saleView = (id: number, lines: ReturnType<typeof line>[], extra: Record<string, unknown> = {}) => ({
  id,
  status: 'draft',
  currency: 'USD',
  parked: false,
  editable: true,
  lines,
  discount: { kind: 'none' },
  // Main's totals, passed through as they are (deliberately not the sum of the lines).
  totals: {
    itemsMinor: 1,
    lineDiscountsMinor: 0,
    subtotalMinor: 1,
    saleDiscountMinor: 0,
    taxMinor: 0,
    totalMinor: 777
  },
  itemCount: lines.length,
  createdAt: 0,
  updatedAt: 0,
  paidAt: null,
  ...extra
})
const paymentView = (id: number, state: string, extra: Record<string, unknown> = {}) => ({
  id,
  saleId: 1,
  state,
  message: '',
  unresolved: false,
  final: ['succeeded', 'failed', 'cancelled', 'reversed'].includes(state),
  canCancel: !['succeeded', 'failed', 'cancelled', 'reversed'].includes(state),
  amountMinor: 777,
  currency: 'USD',
  reference: 'R',
  transactionNo: null,
  vendor: null,
  codeMasked: null,
  remoteStatus: null,
  declineReason: null,
  lastError: null,
  queryCount: 0,
  createdAt: 0,
  paySentAt: null,
  finalAt: null,
  updatedAt: 1,
  ...extra
})

beforeEach(() => {
  setActivePinia(createPinia())
  fake.answers = {}
  fake.calls = []
  fake.listeners = {}
  sounds.approved = sounds.declined = 0
})

describe('sale store', () => {
  it('shows totals exactly as main sent them and selects the line just added', async () => {
    const store = useSaleStore()
    fake.answers['sale:current'] = () => ({ ok: true, value: saleView(1, [line(5)]) })
    await store.load()
    fake.answers['sale:addItem'] = () => ({ ok: true, value: saleView(1, [line(5), line(9)]) })
    expect(await store.addBarcode('2000000000046', 2)).toBeNull()
    expect(fake.calls.at(-1)).toEqual(['sale:addItem', { saleId: 1, barcode: '2000000000046', quantity: 2 }])
    expect(store.sale?.totals.totalMinor).toBe(777)
    expect(store.selectedLineId).toBe(9)
  })

  it('keeps a refusal for the cashier and changes nothing', async () => {
    const store = useSaleStore()
    fake.answers['sale:current'] = () => ({ ok: true, value: saleView(1, [line(5)]) })
    await store.load()
    fake.answers['sale:addItem'] = () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'No product' } })
    expect((await store.addBarcode('123'))?.code).toBe('NOT_FOUND')
    expect(store.error?.code).toBe('NOT_FOUND')
    expect(store.lines.map((l) => l.id)).toEqual([5])
  })

  it('one less on a single item removes the line', async () => {
    const store = useSaleStore()
    fake.answers['sale:current'] = () => ({ ok: true, value: saleView(1, [line(5)]) })
    await store.load()
    fake.answers['sale:removeLine'] = () => ({ ok: true, value: saleView(1, []) })
    await store.bump(5, -1)
    expect(fake.calls.at(-1)).toEqual(['sale:removeLine', { saleId: 1, lineId: 5 }])
    expect(store.selectedLineId).toBeNull()
  })

  it('follows sale:changed for its sale, and asks main which sale is current on another sale’s event', async () => {
    const store = useSaleStore()
    fake.answers['sale:current'] = () => ({ ok: true, value: saleView(1, []) })
    await store.load()
    store.listen()
    emit('sale:changed', saleView(1, [line(3)]))
    expect(store.lines).toHaveLength(1)
    fake.answers['sale:current'] = () => ({ ok: true, value: saleView(2, []) })
    emit('sale:changed', saleView(2, []))
    await vi.waitFor(() => expect(store.sale?.id).toBe(2))
    const before = fake.calls.length
    emit('sale:changed', saleView(7, [line(1)], { parked: true })) // a parked sale settling in the background
    expect(store.sale?.id).toBe(2)
    expect(fake.calls.length).toBe(before)
  })
})

describe('payment store', () => {
  it('approval: one chime, the receipt hook with the sale as paid, the panel open', async () => {
    const pay = usePaymentStore()
    const paid = saleView(1, [line(5)])
    pay.listen(
      () => 1,
      () => paid as never
    )
    const receipts: unknown[] = []
    pay.onApproved((p, s) => receipts.push([p.id, s?.id]))
    emit('payment:changed', paymentView(4, 'pending'))
    emit('payment:changed', paymentView(4, 'succeeded', { updatedAt: 2 }))
    emit('payment:changed', paymentView(4, 'succeeded', { updatedAt: 3 }))
    expect(sounds.approved).toBe(1)
    expect(receipts).toEqual([[4, 1]])
    expect(pay.panelOpen).toBe(true)
    expect(pay.paidSale?.id).toBe(1)
  })

  it('ignores other sales’ payments and events older than what it shows', () => {
    const pay = usePaymentStore()
    pay.listen(
      () => 1,
      () => null
    )
    emit('payment:changed', paymentView(8, 'pending', { saleId: 2 }))
    expect(pay.payment).toBeNull()
    emit('payment:changed', paymentView(4, 'pending', { updatedAt: 5 }))
    emit('payment:changed', paymentView(4, 'prepay_sent', { updatedAt: 4 }))
    expect(pay.state).toBe('pending')
  })

  it('a refused code shows why, and the payment it names', async () => {
    const pay = usePaymentStore()
    fake.answers['payment:submitCode'] = () => ({
      ok: false,
      error: { code: 'PAYMENT_IN_PROGRESS', message: 'busy', details: { paymentId: 4 } }
    })
    fake.answers['payment:get'] = () => ({ ok: true, value: paymentView(4, 'pending') })
    expect(await pay.submit(1, '134668918993771844')).toBe(false)
    expect(pay.error?.code).toBe('PAYMENT_IN_PROGRESS')
    expect(pay.state).toBe('pending')
    expect(pay.inFlight).toBe(true)
    expect(pay.acceptsCode).toBe(false)
  })

  it('a code already sent while the panel is open is not sent again, until the panel closes', async () => {
    const pay = usePaymentStore()
    fake.answers['payment:submitCode'] = () => ({ ok: true, value: paymentView(4, 'prepay_sent') })
    await pay.submit(1, '134668918993771902')
    expect(pay.wasUsed('134668918993771902', true)).toBe(true)
    expect(pay.reused).toBe(false)
    expect(pay.wasUsed('134668918993771902')).toBe(true)
    expect(pay.reused).toBe(true)
    expect(pay.wasUsed('134668918993771833')).toBe(false)
    pay.close()
    expect(pay.wasUsed('134668918993771902')).toBe(false)
    expect(pay.reused).toBe(false)
  })

  it('a decline plays the decline tone once and accepts a new code; closing forgets a final payment', () => {
    const pay = usePaymentStore()
    pay.listen(
      () => 1,
      () => null
    )
    emit('payment:changed', paymentView(4, 'failed', { declineReason: 'insufficient balance' }))
    expect(sounds.declined).toBe(1)
    expect(pay.acceptsCode).toBe(true)
    pay.close()
    expect(pay.payment).toBeNull()
    expect(pay.panelOpen).toBe(false)
  })
})
