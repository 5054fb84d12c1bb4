import { describe, expect, it, vi } from 'vitest'
import { comboOf, match, type Shortcut } from './shortcuts'

const key = (k: string, init: KeyboardEventInit = {}, target?: EventTarget) => {
  const e = new KeyboardEvent('keydown', { key: k, cancelable: true, ...init })
  if (target) Object.defineProperty(e, 'target', { value: target })
  return e
}
const s = (combo: string, extra: Partial<Shortcut> = {}): Shortcut => ({
  combo,
  labelKey: 'x',
  groupKey: 'g',
  run: vi.fn(),
  ...extra
})

describe('shortcuts', () => {
  it('names combos with modifiers first and letters upper-cased', () => {
    expect(comboOf(key('F2'))).toBe('F2')
    expect(comboOf(key('k', { ctrlKey: true }))).toBe('Ctrl+K')
    expect(comboOf(key('p', { altKey: true, metaKey: true }))).toBe('Ctrl+Alt+P')
    expect(comboOf(key('Tab', { shiftKey: true }))).toBe('Shift+Tab')
    expect(comboOf(key('+', { shiftKey: true }))).toBe('+')
  })

  it('the latest registration wins, disabled ones are skipped', () => {
    const screen = s('Escape')
    const dialog = s('Escape', { enabled: () => false })
    expect(match(key('Escape'), [screen, dialog])).toBe(screen)
    const open = s('Escape')
    expect(match(key('Escape'), [screen, open])).toBe(open)
  })

  it('leaves typing in text fields alone unless the shortcut says otherwise, and skips consumed keys', () => {
    const input = document.createElement('input')
    const plus = s('+')
    const f2 = s('F2', { inInputs: true })
    expect(match(key('+', {}, input), [plus])).toBeUndefined()
    expect(match(key('+'), [plus])).toBe(plus)
    expect(match(key('F2', {}, input), [f2])).toBe(f2)
    const consumed = key('F2')
    consumed.preventDefault()
    expect(match(consumed, [f2])).toBeUndefined()
  })
})
