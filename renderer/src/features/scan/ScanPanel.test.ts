import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPosI18n } from '../../i18n'
import ManualEntry from './ManualEntry.vue'
import { en, zhCN } from './messages'

// The camera has its own tests; here it is a stub that can "read" a code.
vi.mock('./CameraScanner.vue', async () => {
  const { defineComponent, h } = await import('vue')
  return {
    default: defineComponent({
      name: 'CameraScanner',
      props: { deviceId: { type: String, default: null }, paused: Boolean },
      emits: ['scan', 'invalid', 'update:deviceId', 'error'],
      setup:
        (_, { emit }) =>
        () =>
          h('div', { 'data-testid': 'camera-stub' }, [
            h('button', { 'data-testid': 'fake-read', onClick: () => emit('scan', '134567890123456789') }),
            h('button', { 'data-testid': 'fake-choose', onClick: () => emit('update:deviceId', 'cam-9') })
          ])
    })
  }
})
const { default: ScanPanel } = await import('./ScanPanel.vue')

const CODE = '286498530672949108'
let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

function mountWith(component: unknown, props: Record<string, unknown> = {}, locale: 'en' | 'zh-CN' = 'en') {
  wrapper = mount(component as never, {
    props: props as never,
    attachTo: document.body,
    global: { plugins: [createPosI18n(locale)] }
  })
  return wrapper
}

let clock = 50_000
function scanWedge(code: string, gap = 5, enter = true): void {
  for (const ch of enter ? [...code, 'Enter'] : [...code]) {
    clock += gap
    const event = new KeyboardEvent('keydown', {
      code: ch === 'Enter' ? 'Enter' : `Digit${ch}`,
      key: ch,
      bubbles: true,
      cancelable: true
    })
    Object.defineProperty(event, 'timeStamp', { value: clock })
    ;(document.activeElement ?? document.body).dispatchEvent(event)
  }
}

describe('ManualEntry', () => {
  it('submits a valid code on Enter (trimmed) and clears the field', async () => {
    const w = mountWith(ManualEntry)
    await w.get('[data-testid="manual-code"]').setValue(`  ${CODE} `)
    await w.get('form').trigger('submit')
    expect(w.emitted('submit')).toEqual([[CODE]])
    expect((w.get('[data-testid="manual-code"]').element as HTMLInputElement).value).toBe('')
  })

  it('refuses a non-code with the message, keeps the text, and marks the field invalid', async () => {
    const w = mountWith(ManualEntry)
    await w.get('[data-testid="manual-code"]').setValue('12345')
    await w.get('form').trigger('submit')
    expect(w.emitted('submit')).toBeUndefined()
    expect(w.get('[data-testid="manual-help"]').text()).toContain(en.notAPaymentCode)
    expect(w.get('[data-testid="manual-help"]').attributes('role')).toBe('alert')
    expect(w.get('[data-testid="manual-code"]').attributes('aria-invalid')).toBe('true')
    expect((w.get('[data-testid="manual-code"]').element as HTMLInputElement).value).toBe('12345')
  })

  it('has a labelled numeric input and a submit button', () => {
    const w = mountWith(ManualEntry)
    const input = w.get('[data-testid="manual-code"]')
    expect(w.get(`label[for="${input.attributes('id')}"]`).text()).toBe(en.manual.label)
    expect(input.attributes('inputmode')).toBe('numeric')
    expect(w.get('[data-testid="manual-submit"]').attributes('type')).toBe('submit')
  })
})

describe('ScanPanel', () => {
  it('emits scans from all three sources with their source', async () => {
    const w = mountWith(ScanPanel)
    await w.get('[data-testid="fake-read"]').trigger('click')
    scanWedge(CODE)
    await w.get('[data-testid="manual-code"]').setValue('11112222333344445555')
    await w.get('form').trigger('submit')
    expect(w.emitted('scan')).toEqual([
      ['134567890123456789', 'camera'],
      [CODE, 'wedge'],
      ['11112222333344445555', 'manual']
    ])
    expect(w.get('[data-testid="scan-notice"]').text()).toBe('Code read: …5555')
  })

  it('a wedge scan while the manual field has focus is taken as a scan and leaves the field as it was', async () => {
    const w = mountWith(ScanPanel)
    const input = w.get('[data-testid="manual-code"]').element as HTMLInputElement
    input.focus()
    await w.get('[data-testid="manual-code"]').setValue('99')
    clock += 5000
    scanWedge(CODE)
    await flushPromises()
    expect(w.emitted('scan')).toEqual([[CODE, 'wedge']])
    expect(input.value).toBe('99')
  })

  it('ignores every source while paused', async () => {
    const w = mountWith(ScanPanel, { paused: true })
    await flushPromises()
    await w.get('[data-testid="fake-read"]').trigger('click')
    clock += 5000
    scanWedge(CODE)
    expect(w.emitted('scan')).toBeUndefined()
    expect(w.get('[data-testid="manual-code"]').attributes('disabled')).toBeDefined()
  })

  it('does not listen for the wedge when the parent runs its own listener', async () => {
    const w = mountWith(ScanPanel, { wedge: false })
    await flushPromises()
    clock += 5000
    scanWedge(CODE)
    expect(w.emitted('scan')).toBeUndefined()
  })

  it('tells the cashier when a wedge scan was cut short', async () => {
    const w = mountWith(ScanPanel)
    clock += 5000
    scanWedge(CODE.slice(0, 1), 5, false)
    clock += 150 // a stall after the first digit, as measured in docs/scanning.md §3.3
    scanWedge(CODE.slice(1), 5)
    await flushPromises()
    expect(w.emitted('scan')).toBeUndefined()
    expect(w.get('[data-testid="scan-notice"]').text()).toBe(en.incomplete)
  })

  it('keeps its notice in the current language when the cashier switches language', async () => {
    const i18n = createPosI18n('en')
    wrapper = mount(ScanPanel, { attachTo: document.body, global: { plugins: [i18n] } })
    clock += 5000
    scanWedge(CODE)
    await flushPromises()
    expect(wrapper.get('[data-testid="scan-notice"]').text()).toBe('Code read: …9108')
    i18n.global.locale.value = 'zh-CN'
    await flushPromises()
    expect(wrapper.get('[data-testid="scan-notice"]').text()).toBe('已读取付款码：…9108')
  })

  it('passes the camera choice up for the parent to persist', async () => {
    const w = mountWith(ScanPanel)
    await w.get('[data-testid="fake-choose"]').trigger('click')
    expect(w.emitted('update:deviceId')).toEqual([['cam-9']])
  })

  it('shows the USB scanner hint, in Chinese too', () => {
    expect(mountWith(ScanPanel).get('[data-testid="wedge-hint"]').text()).toBe(en.wedgeHint)
    wrapper!.unmount()
    const w = mountWith(ScanPanel, {}, 'zh-CN')
    expect(w.get('[data-testid="wedge-hint"]').text()).toBe(zhCN.wedgeHint)
    expect(w.get('h2').text()).toBe(zhCN.title)
  })
})
