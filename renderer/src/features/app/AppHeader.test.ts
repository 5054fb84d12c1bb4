import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createPosI18n } from '../../i18n'

/** A scripted main: answers per channel, records calls, and lets the test push events. */
const fake = vi.hoisted(() => ({
  calls: [] as [string, unknown][],
  answers: {} as Record<string, (input: unknown) => unknown>,
  listeners: new Map<string, ((payload: unknown) => void)[]>()
}))
vi.mock('../../bridge', () => ({
  bridge: {
    invoke: (channel: string, input?: unknown) => {
      fake.calls.push([channel, input])
      const answer = fake.answers[channel]
      return Promise.resolve(answer ? answer(input) : { ok: false, error: { code: 'INTERNAL', message: 'no answer' } })
    },
    on: (name: string, fn: (payload: unknown) => void) => {
      fake.listeners.set(name, [...(fake.listeners.get(name) ?? []), fn])
      return () =>
        fake.listeners.set(
          name,
          (fake.listeners.get(name) ?? []).filter((f) => f !== fn)
        )
    }
  }
}))
const { default: AppHeader } = await import('./AppHeader.vue')
const { useAppStore } = await import('../../stores/app')

let language: 'en' | 'zh-CN'
const view = () => ({ settings: { cashierLanguage: language } })
const emit = (name: string, payload: unknown) => (fake.listeners.get(name) ?? []).forEach((f) => f(payload))
let wrapper: VueWrapper | undefined

beforeEach(() => {
  setActivePinia(createPinia())
  fake.calls.length = 0
  fake.listeners.clear()
  language = 'en'
  fake.answers = {
    'settings:get': () => ({ ok: true, value: view() }),
    'settings:update': (input) => {
      language = (input as { patch: { cashierLanguage: 'en' | 'zh-CN' } }).patch.cashierLanguage
      emit('settings:changed', view())
      return { ok: true, value: view() }
    },
    'app:info': () => ({ ok: true, value: { name: 'QRC POS', version: '1', mode: 'training', shell: 'harness' } })
  }
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

async function mountHeader() {
  const i18n = createPosI18n('en')
  wrapper = mount(AppHeader, { global: { plugins: [i18n] } })
  await flushPromises()
  return { w: wrapper, locale: () => i18n.global.locale.value }
}

describe('AppHeader language', () => {
  it('starts in the cashier language from settings', async () => {
    language = 'zh-CN'
    const { w, locale } = await mountHeader()
    expect(locale()).toBe('zh-CN')
    expect((w.find('[data-testid=locale]').element as HTMLSelectElement).value).toBe('zh-CN')
    expect(document.documentElement.lang).toBe('zh-CN')
  })

  it('the select saves cashierLanguage with settings:update (no PIN) and switches at once', async () => {
    const { w, locale } = await mountHeader()
    await w.find('[data-testid=locale]').setValue('zh-CN')
    expect(locale()).toBe('zh-CN')
    await flushPromises()
    expect(fake.calls.filter(([c]) => c === 'settings:update').map(([, i]) => i)).toEqual([
      { patch: { cashierLanguage: 'zh-CN' } }
    ])
  })

  it('follows settings:changed from elsewhere (the settings screen, another save)', async () => {
    const { locale } = await mountHeader()
    emit('settings:changed', { settings: { cashierLanguage: 'zh-CN' } })
    expect(locale()).toBe('zh-CN')
    emit('settings:changed', { settings: { cashierLanguage: 'en' } })
    expect(locale()).toBe('en')
  })

  it('a refused save keeps the choice for this session', async () => {
    fake.answers['settings:update'] = () => ({ ok: false, error: { code: 'INTERNAL', message: 'main is away' } })
    const { w, locale } = await mountHeader()
    await w.find('[data-testid=locale]').setValue('zh-CN')
    await flushPromises()
    expect(locale()).toBe('zh-CN')
  })
})

describe('AppHeader mode badge', () => {
  it('follows a switch announced by app:status at once (Training <-> live without a restart)', async () => {
    const app = useAppStore()
    const stop = app.listen()
    await app.load()
    const { w } = await mountHeader()
    const badge = () => w.find('[data-testid=mode-badge]')
    expect(badge().classes()).toContain('training')
    emit('app:status', { mode: 'live', now: 1, seq: 1 })
    await flushPromises()
    expect(badge().classes()).toContain('live')
    expect(badge().text()).not.toBe('TRAINING')
    emit('app:status', { mode: 'training', now: 2, seq: 2 })
    await flushPromises()
    expect(badge().text()).toBe('TRAINING')
    stop()
  })
})
