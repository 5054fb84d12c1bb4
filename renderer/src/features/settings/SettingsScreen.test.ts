import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createPosI18n } from '../../i18n'
import type { SettingsView } from '../../stores/settings'

/** A scripted main: answers per channel, records every call. */
const fake = vi.hoisted(() => ({
  calls: [] as [string, unknown][],
  answers: {} as Record<string, (input: unknown) => unknown>
}))
vi.mock('../../bridge', () => ({
  bridge: {
    invoke: (channel: string, input?: unknown) => {
      fake.calls.push([channel, input])
      const answer = fake.answers[channel]
      return Promise.resolve(
        answer ? answer(input) : { ok: false, error: { code: 'INTERNAL', message: `no answer for ${channel}` } }
      )
    },
    on: () => () => {}
  }
}))
const { default: SettingsScreen } = await import('./SettingsScreen.vue')

const TOKEN = 'QrcUiCanary0123456789abcdef'
const base = (): SettingsView => ({
  settings: {
    storeName: 'My store',
    storeAddress: '',
    storeLogo: null,
    currency: 'USD',
    taxRates: [],
    paymentTimeoutSeconds: 60,
    customerDisplay: { kind: 'auto' },
    cashierLanguage: 'en',
    displayLanguage: 'en',
    receiptPrinter: null,
    cameraDeviceId: null,
    pockytEnvironment: 'sandbox',
    pockytCustomUrl: null,
    merchantNo: '200043',
    storeNo: '300014',
    storeAdminNo: '',
    payPath: '/app-instore/v3/pay'
  },
  baseUrl: 'https://mapi.yuansferdev.com',
  mode: 'training',
  activeMode: 'training',
  credentialsFrom: 'settings',
  tokenSet: false,
  tokenWritable: true,
  pinSet: false,
  connection: null,
  problem: null
})

let view: SettingsView
let wrapper: VueWrapper | undefined
const ok = <T>(value: T) => ({ ok: true, value })

beforeEach(() => {
  setActivePinia(createPinia())
  fake.calls.length = 0
  view = base()
  fake.answers = {
    'settings:get': () => ok(view),
    'backup:list': () => ok([]),
    'settings:update': (input) => {
      const { patch } = input as { patch: Partial<SettingsView['settings']> }
      view = { ...view, settings: { ...view.settings, ...patch } }
      return ok(view)
    },
    'settings:setToken': () => {
      view = { ...view, tokenSet: true }
      return ok(view)
    }
  }
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

async function mountScreen(locale: 'en' | 'zh-CN' = 'en') {
  wrapper = mount(SettingsScreen, { attachTo: document.body, global: { plugins: [createPosI18n(locale)] } })
  await flushPromises()
  return wrapper
}
const calls = (channel: string) => fake.calls.filter(([c]) => c === channel).map(([, i]) => i)

describe('SettingsScreen', () => {
  it('saves only the changed fields, and nothing until Save', async () => {
    const w = await mountScreen()
    await w.find('#set-storeName').setValue('Corner Shop')
    await w.find('#set-paymentTimeoutSeconds').setValue('90')
    expect(calls('settings:update')).toEqual([])
    expect(w.text()).toContain('2 unsaved change(s)')
    await w.find('[data-testid=settings-save]').trigger('submit')
    await flushPromises()
    expect(calls('settings:update')).toEqual([
      { patch: { storeName: 'Corner Shop', paymentTimeoutSeconds: 90 }, pin: undefined }
    ])
    expect(w.find('[data-testid=settings-notice]').text()).toBe('Saved.')
    expect((w.find('[data-testid=settings-save]').element as HTMLButtonElement).disabled).toBe(true)
  })

  it('a refused save shows each field message, keeps the draft, and says nothing was saved', async () => {
    fake.answers['settings:update'] = () => ({
      ok: false,
      error: {
        code: 'BAD_INPUT',
        message: 'Nothing was saved.',
        details: {
          fields: {
            storeName: 'The store name is required (it is printed on receipts).',
            paymentTimeoutSeconds: 'The payment timeout is at most 180 seconds.'
          }
        }
      }
    })
    const w = await mountScreen()
    await w.find('#set-storeName').setValue('')
    await w.find('#set-paymentTimeoutSeconds').setValue('999')
    await w.find('form.draft').trigger('submit')
    await flushPromises()
    expect(w.find('[data-testid=not-saved]').text()).toMatch(/Nothing was saved/)
    expect(w.find('[data-testid=error-set-storeName]').text()).toMatch(/store name is required/)
    expect(w.find('[data-testid=error-set-paymentTimeoutSeconds]').text()).toMatch(/at most 180/)
    expect(w.find('#set-storeName').attributes('aria-describedby')).toContain('set-storeName-error')
    expect((w.find('#set-paymentTimeoutSeconds').element as HTMLInputElement).value).toBe('999')
  })

  it('in Chinese, field problems are said from their kind (main writes English)', async () => {
    fake.answers['settings:update'] = () => ({
      ok: false,
      error: {
        code: 'BAD_INPUT',
        message: 'Nothing was saved.',
        details: {
          fields: {
            storeName: 'The store name is required.',
            paymentTimeoutSeconds: 'At most 180.',
            taxRates: 'Tax rate 2: A tax rate cannot exceed 100%.',
            merchantNo: 'Digits.'
          },
          issues: {
            storeName: { code: 'too_small', origin: 'string', min: 1 },
            paymentTimeoutSeconds: { code: 'too_big', origin: 'number', max: 180 },
            taxRates: { code: 'too_big', origin: 'number', max: 10000, row: 2 },
            merchantNo: { code: 'invalid_format', origin: 'string' }
          }
        }
      }
    })
    const w = await mountScreen('zh-CN')
    await w.find('#set-storeName').setValue('')
    await w.find('form.draft').trigger('submit')
    await flushPromises()
    expect(w.find('[data-testid=error-set-storeName]').text()).toBe('必填。')
    expect(w.find('[data-testid=error-set-paymentTimeoutSeconds]').text()).toBe('不能大于 180。')
    expect(w.find('[data-testid=error-set-taxRates]').text()).toBe('第 2 个税率：不能大于 10000。')
    expect(w.find('[data-testid=error-set-merchantNo]').text()).toBe('只能是数字（例如 200043）。')
  })

  it('tax rates are typed in percent and sent in basis points', async () => {
    const w = await mountScreen()
    await w.find('[data-testid=tax-add]').trigger('click')
    await w.find('[data-testid=tax-rate-0]').setValue('8.25')
    await w.find('form.draft').trigger('submit')
    await flushPromises()
    expect(calls('settings:update')[0]).toMatchObject({ patch: { taxRates: [{ id: 'tax1', name: '', rateBp: 825 }] } })
  })

  it('the token is write-only: sent once, the field cleared, never shown', async () => {
    const w = await mountScreen()
    const input = w.find('[data-testid=token-input]')
    expect(input.attributes('type')).toBe('password')
    await input.setValue(TOKEN)
    await input.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(calls('settings:setToken')).toEqual([{ token: TOKEN, pin: undefined }])
    expect((input.element as HTMLInputElement).value).toBe('')
    expect(w.html()).not.toContain(TOKEN)
    expect(w.text()).toContain('A token is stored. It is never shown.')
    // The button sends it too, and an empty field sends nothing.
    await w.find('[data-testid=token-save]').trigger('click')
    expect(calls('settings:setToken')).toHaveLength(1)
    await input.setValue('second-token-value')
    await w.find('[data-testid=token-save]').trigger('click')
    await flushPromises()
    expect(calls('settings:setToken')).toEqual([
      { token: TOKEN, pin: undefined },
      { token: 'second-token-value', pin: undefined }
    ])
    // Enter in the token field must not submit the settings draft around it.
    expect(calls('settings:update')).toEqual([])
  })

  it.each([
    ['works', 'Works'],
    ['wrong-credentials', 'Wrong credentials'],
    ['unreachable', 'Pockyt unreachable']
  ] as const)('Test connection shows the %s outcome', async (outcome, label) => {
    fake.answers['settings:testConnection'] = () =>
      ok({
        outcome,
        at: Date.UTC(2026, 10, 25, 12),
        baseUrl: view.baseUrl,
        message: `message for ${outcome}`,
        detail: 'x'
      })
    const w = await mountScreen()
    await w.find('[data-testid=test-connection]').trigger('click')
    await flushPromises()
    const shown = w.find('[data-testid=connection-outcome]')
    expect(shown.attributes('data-outcome')).toBe(outcome)
    expect(shown.text()).toContain(label)
    expect(shown.text()).toContain(`message for ${outcome}`)
    expect((w.find('[data-testid=go-live]').element as HTMLButtonElement).disabled).toBe(outcome !== 'works')
  })

  it('Test connection waits for unsaved credential changes to be saved', async () => {
    const w = await mountScreen()
    await w.find('#set-merchantNo').setValue('200044')
    expect((w.find('[data-testid=test-connection]').element as HTMLButtonElement).disabled).toBe(true)
    expect(w.text()).toContain('Save your changes before testing.')
  })

  it('going live asks for confirmation and sends confirm: true; Escape cancels', async () => {
    view = { ...view, tokenSet: true, connection: { outcome: 'works', at: 1, baseUrl: view.baseUrl, message: 'ok' } }
    fake.answers['settings:setMode'] = () => {
      view = { ...view, mode: 'live' }
      return ok(view)
    }
    const w = await mountScreen()
    await w.find('[data-testid=go-live]').trigger('click')
    expect(w.find('[role=alertdialog]').text()).toContain('Take real payments?')
    expect(document.activeElement).toBe(w.find('[data-testid=confirm-live]').element)
    await w.find('[role=alertdialog]').trigger('keydown', { key: 'Escape' })
    expect(w.find('[role=alertdialog]').exists()).toBe(false)
    expect(calls('settings:setMode')).toEqual([])
    await w.find('[data-testid=go-live]').trigger('click')
    await w.find('[data-testid=confirm-live]').trigger('click')
    await flushPromises()
    expect(calls('settings:setMode')).toEqual([{ mode: 'live', confirm: true, pin: undefined }])
    expect(w.find('[data-testid=settings-mode]').attributes('data-mode')).toBe('live')
    // This main kept Training (a payment was unsettled): the screen says the switch waits, no restart.
    expect(w.find('[data-testid=mode-switch-waiting]').text()).toContain(
      'The switch waits until the payment or refund in progress is settled (TRAINING until then)'
    )
    expect(w.text()).not.toContain('Restart')
  })

  it('"Show the customer display again" asks main to reopen it and says what happened', async () => {
    let open = true
    fake.answers['display:reopen'] = () => ok({ open })
    const w = await mountScreen()
    await w.find('[data-testid=display-reopen]').trigger('click')
    await flushPromises()
    expect(calls('display:reopen')).toEqual([undefined])
    expect(w.find('[data-testid=settings-notice]').text()).toBe('The customer display window is open.')
    open = false
    await w.find('[data-testid=display-reopen]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid=settings-notice]').text()).toMatch(/No customer display window to open/)
  })

  it('a switch main applied at once shows no waiting note', async () => {
    view = { ...view, mode: 'live', activeMode: 'live', tokenSet: true }
    const w = await mountScreen()
    expect(w.find('[data-testid=settings-mode]').attributes('data-mode')).toBe('live')
    expect(w.find('[data-testid=mode-switch-waiting]').exists()).toBe(false)
  })

  it('says so when live credentials come from the environment (harness), instead of a waiting note', async () => {
    view = { ...view, activeMode: 'live', credentialsFrom: 'environment' }
    const w = await mountScreen()
    expect(w.find('[data-testid=credentials-from-env]').text()).toMatch(/POCKYT_\* environment variables/)
    expect(w.find('[data-testid=mode-switch-waiting]').exists()).toBe(false)
  })

  it('with a PIN set, protected actions carry the manager PIN typed on the screen', async () => {
    view = { ...view, pinSet: true }
    const w = await mountScreen()
    await w.find('[data-testid=manager-pin]').setValue('2468')
    await w.find('#set-storeName').setValue('Shop')
    await w.find('form.draft').trigger('submit')
    await flushPromises()
    expect(calls('settings:update')[0]).toMatchObject({ pin: '2468' })
  })

  it('sets a PIN only when both entries match and are 4 to 8 digits', async () => {
    fake.answers['settings:setPin'] = () => ok({ pinSet: true })
    const w = await mountScreen()
    await w.find('[data-testid=pin-new]').setValue('12')
    expect(w.text()).toContain('A PIN is 4 to 8 digits.')
    await w.find('[data-testid=pin-new]').setValue('1234')
    await w.find('[data-testid=pin-repeat]').setValue('1235')
    expect(w.text()).toContain('The two PINs differ.')
    expect((w.find('[data-testid=pin-save]').element as HTMLButtonElement).disabled).toBe(true)
    await w.find('[data-testid=pin-repeat]').setValue('1234')
    await w.find('[data-testid=pin-save]').trigger('submit')
    await flushPromises()
    expect(calls('settings:setPin')).toEqual([{ newPin: '1234', currentPin: undefined }])
    expect(w.find('[data-testid=pin-state]').text()).toBe('A manager PIN is set.')
  })
})
