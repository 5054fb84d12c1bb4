import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'

import { fake } from '../../test-support/fake-bridge'

vi.mock('../../bridge', () => import('../../test-support/fake-bridge'))

const { createPosI18n } = await import('../../i18n')
const { installShortcutDispatcher } = await import('../app/shortcuts')
const HistoryScreen = (await import('./HistoryScreen.vue')).default
const { useHistoryStore, presetRange } = await import('../../stores/history')

const ok = (value: unknown) => ({ ok: true, value })
const row = (saleId: number, extra: Record<string, unknown> = {}) => ({
  saleId,
  at: Date.UTC(2026, 10, 25, 10) - saleId * 60_000,
  status: 'paid',
  vendor: 'alipay',
  totalMinor: 1000 + saleId,
  refundedMinor: 0,
  currency: 'USD',
  reference: `Qref-${saleId}`,
  transactionNo: `29755364000000000${saleId}`,
  codeLast4: '1234',
  attempts: 1,
  summary: `Latte ×${saleId}`,
  ...extra
})
const detail = (saleId: number) => ({
  sale: {
    id: saleId,
    status: 'paid',
    historyStatus: 'paid',
    terminalId: 'T1',
    currency: 'USD',
    itemsMinor: 1200,
    discountMinor: 0,
    taxMinor: 0,
    totalMinor: 1200,
    refundedMinor: 0,
    note: null,
    createdAt: 1,
    paidAt: 2
  },
  lines: [
    {
      id: 11,
      position: 1,
      name: 'Latte',
      sku: null,
      unitPriceMinor: 450,
      quantity: 2,
      taxRateBp: 0,
      discountMinor: 0,
      taxMinor: 0,
      totalMinor: 900,
      refundedQuantity: 0
    }
  ],
  payments: [],
  refunds: [],
  actions: { refundableMinor: 1200, canRefund: true, canVoid: true, canReprint: true }
})

function key(k: string): void {
  window.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }))
}

beforeEach(() => {
  setActivePinia(createPinia())
  fake.calls = []
  fake.listeners = {}
  fake.answers = {
    'history:list': (input) => {
      const { cursor } = input as { cursor?: unknown }
      return ok(
        cursor
          ? { rows: [row(4)], nextCursor: null }
          : { rows: [row(1), row(2), row(3)], nextCursor: { at: 1, saleId: 3 } }
      )
    },
    'history:totals': () => ok({ count: 4, totalMinor: 4010, refundedMinor: 0 }),
    'history:detail': (input) => ok(detail((input as { saleId: number }).saleId)),
    'history:lookup': () => ok({ saleId: 2 }),
    'refund:start': (input) =>
      ok({
        id: 5,
        saleId: (input as { saleId: number }).saleId,
        paymentId: 1,
        kind: 'refund',
        state: 'succeeded',
        message: 'Refund approved by Pockyt.',
        unresolved: false,
        amountMinor: 300,
        currency: 'USD',
        refundReference: 'R1',
        refundTransactionNo: '297553640000000099',
        originalTransactionNo: '297553640000000001',
        reason: 'x',
        lines: null,
        lastError: null,
        createdAt: 1,
        finalAt: 2
      }),
    'receipt:print': () => ok({ printed: false, message: 'No printer here' }),
    'receipt:render': () =>
      ok({
        html: '<!doctype html><html><head><style>body{}</style></head><body><h1>Receipt</h1></body></html>',
        title: 'Receipt 1'
      })
  }
  installShortcutDispatcher()
})

function mountScreen() {
  return mount(HistoryScreen, { global: { plugins: [createPosI18n('en')] }, attachTo: document.body })
}

describe('HistoryScreen', () => {
  it('lists the first page with main’s totals, pages on, and opens a sale by keyboard', async () => {
    const w = mountScreen()
    await flushPromises()
    expect(w.findAll('[role="option"]')).toHaveLength(3)
    expect(w.get('[data-testid="history-totals"]').text()).toContain('4 sales')
    expect(w.get('[data-testid="history-totals"]').text()).toContain('$40.10')
    key('ArrowDown')
    await flushPromises()
    expect(w.get('[data-testid="history-row-2"]').attributes('aria-selected')).toBe('true')
    key('Enter')
    await flushPromises()
    expect(fake.calls.some(([c, i]) => c === 'history:detail' && (i as { saleId: number }).saleId === 2)).toBe(true)
    expect(w.get('[data-testid="sale-detail"]').text()).toContain('Sale #2')
    key('PageDown')
    await flushPromises()
    expect(w.findAll('[role="option"]')).toHaveLength(4)
    w.unmount()
  })

  it('shows the page first, "counting…" until the totals come, and drops totals of an older filter', async () => {
    const pending: { filter: { text?: string }; resolve: (v: unknown) => void }[] = []
    fake.answers['history:totals'] = (input) =>
      new Promise((resolve) => pending.push({ filter: (input as { filter: { text?: string } }).filter, resolve }))
    const w = mountScreen()
    await flushPromises()
    expect(w.findAll('[role="option"]')).toHaveLength(3)
    expect(w.find('[data-testid="history-totals"]').exists()).toBe(false)
    expect(w.get('[data-testid="history-counting"]').text()).toBe('Counting…')
    // The page is asked before the totals, with the same filter.
    const asked = fake.calls.filter(([c]) => c.startsWith('history:l') || c === 'history:totals')
    expect(asked.map(([c]) => c)).toEqual(['history:list', 'history:totals'])
    expect(asked[1]![1]).toEqual({ filter: (asked[0]![1] as { filter: unknown }).filter })

    const store = useHistoryStore()
    store.text = 'oolong'
    void store.search() // answers once its totals do
    await flushPromises()
    expect(pending.map((p) => p.filter.text)).toEqual([undefined, 'oolong'])
    pending[0]!.resolve(ok({ count: 99, totalMinor: 9900, refundedMinor: 0 }))
    await flushPromises()
    expect(w.find('[data-testid="history-totals"]').exists()).toBe(false)
    expect(w.find('[data-testid="history-counting"]').exists()).toBe(true)
    pending[1]!.resolve(ok({ count: 7, totalMinor: 700, refundedMinor: 100 }))
    await flushPromises()
    expect(w.find('[data-testid="history-counting"]').exists()).toBe(false)
    expect(w.get('[data-testid="history-totals"]').text()).toContain('7 sales')
    expect(w.get('[data-testid="history-totals"]').text()).toContain('$7.00')
    expect(store.counting).toBe(false)
    w.unmount()
  })

  it('sends the filter to main: text (debounced), status chips, wallet and dates', async () => {
    vi.useFakeTimers()
    const w = mountScreen()
    await vi.runAllTimersAsync()
    await w.get('[data-testid="history-search"]').setValue('乌龙')
    await w.get('[data-status="unresolved"]').trigger('click')
    await w.get('[data-testid="history-wallet"]').setValue('wechatpay')
    await vi.runAllTimersAsync()
    vi.useRealTimers()
    const last = fake.calls.filter(([c]) => c === 'history:list').at(-1)![1] as { filter: Record<string, unknown> }
    expect(last.filter).toMatchObject({ text: '乌龙', statuses: ['unresolved'], wallets: ['wechatpay'] })
    expect(last.filter.from).toBeTypeOf('number')
    w.unmount()
  })

  it('refunds an amount with a reason and the PIN, and shows the outcome', async () => {
    const w = mountScreen()
    await flushPromises()
    await useHistoryStore().open(1)
    await flushPromises()
    key('F7')
    await flushPromises()
    const dialog = w.get('[data-testid="refund-dialog"]')
    await dialog.get('[data-testid="refund-mode-amount"]').setValue(true)
    await dialog.get('[data-testid="refund-amount"]').setValue('3.00')
    await dialog.get('[data-testid="refund-reason"]').setValue('cold')
    await dialog.get('[data-testid="refund-pin"]').setValue('1234')
    await dialog.get('form').trigger('submit')
    await flushPromises()
    expect(fake.calls.find(([c]) => c === 'refund:start')![1]).toEqual({
      saleId: 1,
      amountMinor: 300,
      reason: 'cold',
      pin: '1234'
    })
    expect(w.get('[data-testid="refund-outcome"]').text()).toContain('$3.00')
    // a receipt for every refund: printed at once when a printer is set
    expect(fake.calls.find(([c]) => c === 'receipt:print')![1]).toMatchObject({
      doc: { kind: 'refund', saleId: 1, refundId: 5, copy: 'customer' }
    })
    w.unmount()
  })

  it('refuses a refund without a reason and never calls main', async () => {
    const w = mountScreen()
    await flushPromises()
    await useHistoryStore().open(1)
    await flushPromises()
    key('F7')
    await flushPromises()
    await w.get('[data-testid="refund-dialog"] form').trigger('submit')
    await flushPromises()
    expect(fake.calls.some(([c]) => c === 'refund:start')).toBe(false)
    expect(w.get('[data-testid="refund-dialog"]').text()).toContain('Give a reason')
    w.unmount()
  })

  it('reprints with F6, falling back to the preview when there is no printer', async () => {
    const w = mountScreen()
    await flushPromises()
    await useHistoryStore().open(1)
    await flushPromises()
    key('F6')
    await flushPromises()
    expect(fake.calls.map(([c]) => c)).toContain('receipt:print')
    expect(w.find('[data-testid="receipt-preview"]').exists()).toBe(true)
    w.unmount()
  })

  it('opens the sale of a scanned receipt barcode', async () => {
    const store = useHistoryStore()
    expect(await store.lookup('297553640000000002')).toBe(true)
    expect(store.detail?.sale.id).toBe(2)
  })
})

describe('date presets', () => {
  it('cover whole local days, custom ranges inclusive of the end day', () => {
    const now = new Date(2026, 10, 25, 15, 30).getTime()
    const today = presetRange('today', now, { from: '', to: '' })
    expect(today).toEqual({ from: new Date(2026, 10, 25).getTime(), to: new Date(2026, 10, 26).getTime() })
    expect(presetRange('week', now, { from: '', to: '' }).from).toBe(new Date(2026, 10, 19).getTime())
    expect(presetRange('custom', now, { from: '2026-11-01', to: '2026-11-02' })).toEqual({
      from: new Date(2026, 10, 1).getTime(),
      to: new Date(2026, 10, 3).getTime()
    })
    expect(presetRange('all', now, { from: '', to: '' })).toEqual({})
  })
})
