/**
 * The sale screen's keys, as one table (the F1 help lists them from the shortcut registry). Each key
 * works only while no dialog or payment panel is open, so a dialog's own keys (Esc, Enter) win.
 */
import type { Shortcut } from '../app/shortcuts'

export interface SaleShortcutDeps {
  /** No dialog and no payment panel. */
  idle(): boolean
  hasLines(): boolean
  /** The selected line's id, if any. */
  selectedLineId(): number | null
  pay(): void
  focusSearch(): void
  open(kind: 'saleDiscount' | 'openPrice' | 'park' | 'recall' | 'clear' | 'catalog'): void
  openForLine(kind: 'lineDiscount' | 'quantity', lineId: number): void
  bump(lineId: number, delta: 1 | -1): void
  removeLine(lineId: number): void
  selectBy(step: 1 | -1): void
  /** -1: all categories. */
  category(index: number): void
}

const GROUP = 'sale.help.group'

export function saleShortcuts(d: SaleShortcutDeps): Shortcut[] {
  const line = (fn: (id: number) => void) => () => {
    const id = d.selectedLineId()
    if (id !== null) fn(id)
  }
  const hasLine = () => d.selectedLineId() !== null
  /** [combo, label, action, extra condition, also inside text fields] */
  const table: [string, string, () => void, (() => boolean)?, boolean?][] = [
    ['F8', 'payment.help.pay', d.pay],
    ['Ctrl+F', 'sale.actions.focusSearch', d.focusSearch],
    ['F6', 'sale.actions.discount', () => d.open('saleDiscount'), d.hasLines],
    ['Ctrl+D', 'sale.actions.lineDiscount', line((id) => d.openForLine('lineDiscount', id)), hasLine],
    ['Ctrl+Q', 'sale.actions.quantity', line((id) => d.openForLine('quantity', id)), hasLine],
    // Plain keys: not while typing (the search box handles them itself when it is empty).
    ['+', 'sale.lines.more', line((id) => d.bump(id, 1)), hasLine, false],
    ['-', 'sale.lines.less', line((id) => d.bump(id, -1)), hasLine, false],
    ['Delete', 'sale.lines.remove', line(d.removeLine), hasLine, false],
    ['Alt+ArrowDown', 'sale.actions.nextLine', () => d.selectBy(1)],
    ['Alt+ArrowUp', 'sale.actions.prevLine', () => d.selectBy(-1)],
    ['F7', 'sale.actions.openPrice', () => d.open('openPrice')],
    ['F9', 'sale.actions.park', () => d.open('park'), d.hasLines],
    ['Shift+F9', 'sale.actions.recall', () => d.open('recall')],
    ['Ctrl+Delete', 'sale.actions.clear', () => d.open('clear'), d.hasLines],
    ['Ctrl+M', 'sale.actions.catalog', () => d.open('catalog')],
    ['Alt+0', 'sale.actions.allCategories', () => d.category(-1)],
    ...Array.from({ length: 9 }, (_, i): [string, string, () => void] => [
      `Alt+${i + 1}`,
      'sale.actions.category',
      () => d.category(i)
    ])
  ]
  return table.map(([combo, labelKey, run, extra, inInputs = true]) => ({
    combo,
    labelKey,
    groupKey: GROUP,
    inInputs,
    enabled: () => d.idle() && (extra ? extra() : true),
    run
  }))
}
