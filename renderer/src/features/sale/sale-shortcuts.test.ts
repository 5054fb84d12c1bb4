import { describe, expect, it, vi } from 'vitest'
import { saleShortcuts, type SaleShortcutDeps } from './sale-shortcuts'

function setup(over: Partial<SaleShortcutDeps> = {}) {
  const d: SaleShortcutDeps = {
    idle: () => true,
    hasLines: () => true,
    selectedLineId: () => 7,
    pay: vi.fn(),
    focusSearch: vi.fn(),
    open: vi.fn(),
    openForLine: vi.fn(),
    bump: vi.fn(),
    removeLine: vi.fn(),
    selectBy: vi.fn(),
    category: vi.fn(),
    ...over
  }
  const list = saleShortcuts(d)
  const get = (combo: string) => list.find((s) => s.combo === combo)!
  const fire = (combo: string) => get(combo).run(new KeyboardEvent('keydown'))
  return { d, list, get, fire }
}

describe('sale screen keys', () => {
  it('every combo is unique and labelled for the F1 list', () => {
    const { list } = setup()
    expect(new Set(list.map((s) => s.combo)).size).toBe(list.length)
    expect(list.every((s) => s.labelKey && s.groupKey === 'sale.help.group')).toBe(true)
  })

  it('acts on the selected line, and only when there is one', () => {
    const { d, fire, get } = setup()
    fire('+')
    fire('-')
    fire('Ctrl+Q')
    expect(d.bump).toHaveBeenCalledWith(7, 1)
    expect(d.bump).toHaveBeenCalledWith(7, -1)
    expect(d.openForLine).toHaveBeenCalledWith('quantity', 7)
    const none = setup({ selectedLineId: () => null })
    expect(none.get('Delete').enabled!()).toBe(false)
    expect(get('Delete').enabled!()).toBe(true)
  })

  it('is silent while a dialog or the payment panel is open; plain keys never fire inside text fields', () => {
    const busy = setup({ idle: () => false })
    expect(busy.list.every((s) => !s.enabled!())).toBe(true)
    const { get } = setup()
    expect(get('+').inInputs).toBe(false)
    expect(get('Delete').inInputs).toBe(false)
    expect(get('F8').inInputs).toBe(true)
  })

  it('needs lines to discount, park or clear the sale', () => {
    const empty = setup({ hasLines: () => false })
    expect(empty.get('F6').enabled!()).toBe(false)
    expect(empty.get('F9').enabled!()).toBe(false)
    expect(empty.get('Ctrl+Delete').enabled!()).toBe(false)
    expect(empty.get('F7').enabled!()).toBe(true)
    empty.fire('Alt+3')
    expect(empty.d.category).toHaveBeenCalledWith(2)
  })
})
