import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { ImportReport } from '../../../../preload/contract/schemas/catalog'

type Answer = (input: unknown) => unknown
const fake = { answers: {} as Record<string, Answer> }
vi.mock('../../bridge', () => ({
  bridge: {
    invoke: (channel: string, input?: unknown) => {
      const answer = fake.answers[channel]
      return Promise.resolve(
        answer ? answer(input) : { ok: false, error: { code: 'INTERNAL', message: `no answer for ${channel}` } }
      )
    },
    on: () => () => {}
  }
}))

const { createPosI18n } = await import('../../i18n')
const CatalogManager = (await import('./CatalogManager.vue')).default

/** A dry-run report as main sends it: codes and parameters, and main's English sentence as the fallback. */
const report = ImportReport.parse({
  rows: 4,
  added: 1,
  updated: 0,
  dryRun: true,
  errors: [
    {
      line: 3,
      field: 'price',
      code: 'price_invalid',
      params: { value: 'abc' },
      message: '"abc" is not a price: write it like 4.50 (no currency sign or thousands separator).'
    },
    {
      line: 4,
      field: 'sku',
      code: 'duplicate_in_file',
      params: { column: 'sku', line: 2 },
      message: 'The same sku is already on line 2 of this file.'
    },
    {
      line: 5,
      field: 'barcode',
      code: 'barcode_taken',
      params: { value: '2000000000015', product: 'Espresso' },
      message: 'The barcode 2000000000015 is already used by "Espresso".'
    }
  ]
})

let wrapper: VueWrapper | undefined

async function importFile(locale: 'en' | 'zh-CN', answer: unknown = report) {
  fake.answers['catalog:importCsv'] = () => ({ ok: true, value: answer })
  wrapper = mount(CatalogManager, { attachTo: document.body, global: { plugins: [createPosI18n(locale)] } })
  await flushPromises()
  const input = wrapper.get('[data-testid="catalog-import"]').element as HTMLInputElement
  const file = new File(['name,price\nA,1\nB,abc\n'], 'new.csv', { type: 'text/csv' })
  Object.defineProperty(input, 'files', { value: [file], configurable: true })
  input.dispatchEvent(new Event('change'))
  await vi.waitFor(() => expect(wrapper!.find('[data-testid="catalog-report"]').exists()).toBe(true))
  return wrapper.findAll('[data-testid="catalog-report"] li').map((li) => li.text().replace(/\s+/g, ' '))
}

beforeEach(() => {
  fake.answers = {
    'settings:get': () => ({ ok: true, value: { settings: { currency: 'USD' } } }),
    'catalog:search': () => ({ ok: true, value: [] })
  }
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

describe('CatalogManager CSV report', () => {
  it('words each bad row in Chinese in zh-CN, from the code and its parameters', async () => {
    const lines = await importFile('zh-CN')
    expect(lines).toEqual([
      '第 3 行 price “abc”不是有效的价格：请写成 4.50 这样的格式（不带货币符号和千位分隔符）。',
      '第 4 行 sku 本文件第 2 行已有相同的 sku。',
      '第 5 行 barcode 条码 2000000000015 已被“Espresso”使用。'
    ])
    expect(lines.join(' ')).not.toMatch(/is not a price|already/)
  })

  it('words them in English in en', async () => {
    const lines = await importFile('en')
    expect(lines[0]).toBe(
      'Line 3 price “abc” is not a price: write it like 4.50 (no currency sign or thousands separator).'
    )
    expect(lines[2]).toBe('Line 5 barcode The barcode 2000000000015 is already used by “Espresso”.')
  })

  it("falls back to main's English sentence for a code this renderer does not know", async () => {
    const newer = {
      ...report,
      errors: [{ line: 2, field: null, code: 'from_a_newer_main', params: {}, message: 'Something new is wrong.' }]
    }
    expect(await importFile('zh-CN', newer)).toEqual(['第 2 行 Something new is wrong.'])
  })
})
