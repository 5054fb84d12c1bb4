import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'

import { fake } from '../../test-support/fake-bridge'

vi.mock('../../bridge', () => import('../../test-support/fake-bridge'))

const { createPosI18n } = await import('../../i18n')
const ReportsScreen = (await import('./ReportsScreen.vue')).default
const { daysRange } = await import('../../stores/reports')

const ok = (value: unknown) => ({ ok: true, value })
const emit = (event: string, payload: unknown) => fake.listeners[event]?.forEach((fn) => fn(payload))
const report = (kind: 'X' | 'Z', number: number | null) => ({
  kind,
  number,
  businessDay: '2026-11-25',
  generatedAt: 3,
  terminalId: 'T1',
  from: 1,
  to: 2,
  currency: 'USD',
  sales: { count: 3, amountMinor: 3600 },
  refunds: { count: 1, amountMinor: 100 },
  voids: { count: 0, amountMinor: 0 },
  // main's net, shown as it is (deliberately not recomputed here)
  netMinor: 3499,
  byWallet: [
    { vendor: 'alipay', count: 3, amountMinor: 3600, refundCount: 1, refundMinor: 100, voidCount: 0, voidMinor: 0 }
  ],
  byStatus: [{ state: 'succeeded', count: 3, amountMinor: 3600 }],
  exceptions: [
    {
      paymentId: 1,
      refundId: 2,
      saleId: 7,
      kind: 'refund',
      state: 'succeeded',
      reference: 'R1',
      transactionNo: '297553640000000001',
      refundTransactionNo: '297553640000000009',
      amountMinor: 100,
      at: 5,
      note: 'cold'
    }
  ],
  hourly: Array.from({ length: 24 }, (_, h) =>
    h === 9 ? { count: 3, amountMinor: 3600 } : { count: 0, amountMinor: 0 }
  )
})

beforeEach(() => {
  setActivePinia(createPinia())
  fake.calls = []
  fake.listeners = {}
  fake.answers = {
    'report:x': () => ok(report('X', null)),
    'report:z': (input) =>
      (input as { pin?: string }).pin === '1234'
        ? ok(report('Z', 4))
        : { ok: false, error: { code: 'PIN_REQUIRED', message: 'Wrong PIN (4 attempts left).' } },
    'report:list': () => ok([]),
    'export:csv': () => {
      emit('export:progress', { exportId: 'e1', rows: 5000, total: 10000, done: false, error: null })
      return ok({ exportId: 'e1', file: '/data/exports/t.csv', rows: 10000, bytes: 99 })
    },
    'reconcile:day': () =>
      ok({
        day: '2026-11-25',
        from: 1,
        to: 2,
        startDate: '20261125',
        endDate: '20261126',
        ledgerCount: 3,
        pockytCount: 4,
        matched: 3,
        lines: [
          {
            kind: 'missing_in_ledger',
            transactionNo: '297553640000000077',
            reference: null,
            saleId: null,
            ledger: null,
            pockyt: { status: 'success', amountMinor: 500, refundedMinor: 0 },
            message: 'Pockyt has a paid transaction this till never recorded.'
          }
        ]
      })
  }
})

const mountScreen = () => mount(ReportsScreen, { global: { plugins: [createPosI18n('en')] }, attachTo: document.body })

describe('ReportsScreen', () => {
  it('shows the X report as main computed it, with exceptions', async () => {
    const w = mountScreen()
    await flushPromises()
    expect(w.get('[data-testid="report-sales"]').text()).toBe('$36.00')
    expect(w.get('[data-testid="report-net"]').text()).toBe('$34.99')
    expect(w.get('[data-testid="report-exceptions"]').text()).toContain('297553640000000009')
    w.unmount()
  })

  it('closes the day only with the right PIN, and says why not', async () => {
    const w = mountScreen()
    await flushPromises()
    await w.get('[data-testid="reports-tab-z"]').trigger('click')
    await w.get('[data-testid="z-pin"]').setValue('0000')
    await w.get('[data-testid="z-close"]').trigger('submit')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.text()).toContain('Wrong PIN')
    await w.get('[data-testid="z-pin"]').setValue('1234')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.text()).toContain('Z report #4')
    expect(fake.calls.filter(([c]) => c === 'report:list').length).toBeGreaterThan(0)
    w.unmount()
  })

  it('exports with progress and reconciles line by line', async () => {
    const w = mountScreen()
    await flushPromises()
    await w.get('[data-testid="reports-tab-export"]').trigger('click')
    await w.get('[data-testid="export-from"]').setValue('2026-11-01')
    await w.get('[data-testid="export-to"]').setValue('2026-11-25')
    await w.get('form').trigger('submit')
    await flushPromises()
    const call = fake.calls.find(([c]) => c === 'export:csv')![1] as { from: number; to: number }
    expect(call).toEqual(daysRange('2026-11-01', '2026-11-25'))
    expect(w.get('[data-testid="export-done"]').text()).toContain('10000')
    await w.get('[data-testid="reports-tab-reconcile"]').trigger('click')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.get('[data-testid="reconcile-lines"]').text()).toContain('Only at Pockyt')
    w.unmount()
  })

  it('reads day ranges inclusively and refuses reversed ones', () => {
    expect(daysRange('2026-11-25', '2026-11-25')).toEqual({
      from: new Date(2026, 10, 25).getTime(),
      to: new Date(2026, 10, 26).getTime()
    })
    expect(daysRange('2026-11-26', '2026-11-25')).toBeNull()
    expect(daysRange('x', '2026-11-25')).toBeNull()
  })
})
