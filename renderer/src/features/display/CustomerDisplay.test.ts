import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { nextTick } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { createPosI18n } from '../../i18n'

const fake = {
  listeners: {} as Record<string, ((p: unknown) => void)[]>,
  settings: { displayLanguage: 'en', storeName: 'Corner Café', storeLogo: null as string | null }
}
vi.mock('../../bridge', () => ({
  windowRole: 'display',
  bridge: {
    invoke: (channel: string) => {
      if (channel === 'app:info')
        return Promise.resolve({
          ok: true,
          value: { name: 'QRC POS', version: '1', mode: 'training', shell: 'harness' }
        })
      if (channel === 'settings:get') return Promise.resolve({ ok: true, value: { settings: { ...fake.settings } } })
      return Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: channel } })
    },
    on: (event: string, fn: (p: unknown) => void) => {
      ;(fake.listeners[event] ??= []).push(fn)
      return () => {}
    }
  }
}))
const { default: DisplayApp } = await import('../../DisplayApp.vue')

const emit = (event: string, payload: unknown) => fake.listeners[event]?.forEach((fn) => fn(payload))
const flush = async () => {
  for (let i = 0; i < 5; i++) await nextTick()
  await new Promise((r) => setTimeout(r, 0))
}

async function mountDisplay() {
  const pinia = createPinia()
  setActivePinia(pinia)
  const wrapper = mount(DisplayApp, { global: { plugins: [pinia, createPosI18n('en')] } })
  await flush()
  return wrapper
}

beforeEach(() => {
  fake.listeners = {}
  fake.settings = { displayLanguage: 'en', storeName: 'Corner Café', storeLogo: null }
})

describe('customer display', () => {
  it('idles with the store name and the TRAINING badge', async () => {
    const w = await mountDisplay()
    expect(w.get('[data-testid="display-store"]').text()).toBe('Corner Café')
    expect(w.get('[data-testid="display-training"]').text()).toBe('TRAINING')
  })

  it('shows each state main pushes, with the amounts main computed', async () => {
    const w = await mountDisplay()
    const money = { totalMinor: 1353, currency: 'USD' }
    emit('display:changed', {
      screen: 'cart',
      lines: [{ name: 'Latte', quantity: 2, unitPriceMinor: 475, totalMinor: 1028 }],
      itemCount: 2,
      discountMinor: 0,
      taxMinor: 103,
      ...money
    })
    await flush()
    expect(w.get('[data-testid="display-line"]').text()).toContain('Latte')
    expect(w.get('[data-testid="display-total"]').text()).toBe('$13.53')
    const cases: [string, string][] = [
      ['present_code', 'Present your payment code'],
      ['confirm_in_wallet', 'Confirm in your wallet app'],
      ['approved', 'Approved, thank you!']
    ]
    for (const [screen, text] of cases) {
      emit('display:changed', { screen, ...money })
      await flush()
      expect(w.get(`[data-testid="display-${screen}"]`).text()).toContain(text)
      expect(w.get('[data-testid="display-amount"]').text()).toBe('$13.53')
    }
    emit('display:changed', { screen: 'declined', reason: 'insufficient balance', ...money })
    await flush()
    expect(w.get('[data-testid="display-declined"]').text()).toContain('Reason: insufficient balance')
    expect(w.get('[data-testid="display-declined"]').text()).toContain('show a new code')
  })

  it('speaks the display language from settings, whatever the cashier uses, and follows settings:changed', async () => {
    fake.settings.displayLanguage = 'zh-CN'
    const w = await mountDisplay()
    expect(w.text()).toContain('欢迎光临')
    emit('display:changed', { screen: 'present_code', totalMinor: 500, currency: 'USD' })
    await flush()
    expect(w.text()).toContain('请出示付款码')
    emit('settings:changed', { settings: { ...fake.settings, displayLanguage: 'en', storeName: 'Tea House' } })
    emit('display:changed', { screen: 'idle' })
    await flush()
    expect(w.text()).toContain('Welcome')
    expect(w.get('[data-testid="display-store"]').text()).toBe('Tea House')
  })
})
