/**
 * Every keyboard shortcut of the cashier window goes through this registry, so F1 can list them all
 * and two features never fight over a key. One bubble-phase listener on window dispatches; the wedge
 * scanner's capture-phase listener runs first and `preventDefault`s what it consumed, which we skip.
 */
import { onBeforeUnmount, onMounted, reactive } from 'vue'

export interface Shortcut {
  /** e.g. "F2", "Escape", "Ctrl+K", "Alt+P": modifiers first, then `KeyboardEvent.key` (case-insensitive). */
  combo: string
  /** i18n key of what it does, shown in the F1 help. */
  labelKey: string
  /** Groups the help list (i18n key). */
  groupKey: string
  run: (event: KeyboardEvent) => void
  /** When false right now, the key is left alone (e.g. Esc only while a payment is showing). */
  enabled?: () => boolean
  /** Also fire while focus is in a text field (F-keys, Esc do; plain letters must not). */
  inInputs?: boolean
}

/** The live list, newest registration last (later ones win on the same combo: dialogs over screens). */
export const shortcuts = reactive<Shortcut[]>([])

export function comboOf(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey'>): string {
  const mods = [
    e.ctrlKey || e.metaKey ? 'Ctrl' : '',
    e.altKey ? 'Alt' : '',
    e.shiftKey && e.key.length > 1 ? 'Shift' : ''
  ]
  const key = e.key.length === 1 ? e.key.toUpperCase() : e.key
  return [...mods.filter(Boolean), key].join('+')
}

function isTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  if (!el || !el.tagName) return false
  return (
    el.tagName === 'TEXTAREA' ||
    el.isContentEditable ||
    (el.tagName === 'INPUT' && !['button', 'checkbox', 'radio'].includes((el as HTMLInputElement).type))
  )
}

/** Finds the shortcut an event triggers, if any. Exported for tests. */
export function match(e: KeyboardEvent, list: readonly Shortcut[] = shortcuts): Shortcut | undefined {
  if (e.defaultPrevented || e.isComposing) return undefined
  const combo = comboOf(e).toLowerCase()
  const inText = isTextField(e.target)
  for (let i = list.length - 1; i >= 0; i--) {
    const s = list[i]!
    if (s.combo.toLowerCase() !== combo) continue
    if (inText && !s.inInputs) continue
    if (s.enabled && !s.enabled()) continue
    return s
  }
  return undefined
}

let installed = false
/** Installs the one dispatcher (idempotent). The cashier app calls it once at start. */
export function installShortcutDispatcher(target: Window = window): void {
  if (installed) return
  installed = true
  target.addEventListener('keydown', (e) => {
    const s = match(e)
    if (!s) return
    e.preventDefault()
    s.run(e)
  })
}

/** Registers shortcuts for the lifetime of the calling component. */
export function useShortcuts(list: Shortcut[]): void {
  onMounted(() => shortcuts.push(...list))
  onBeforeUnmount(() => {
    for (const s of list) {
      const i = shortcuts.indexOf(s)
      if (i >= 0) shortcuts.splice(i, 1)
    }
  })
}
