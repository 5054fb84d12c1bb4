import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, effectScope, h, nextTick, ref } from 'vue'
import { mount, type VueWrapper } from '@vue/test-utils'
import { useWedgeScanner } from './use-wedge-scanner'

const CODE = '286498530672949108'
const AZERTY: Record<string, string> = {
  '1': '&',
  '2': 'é',
  '3': '"',
  '4': "'",
  '5': '(',
  '6': '-',
  '7': 'è',
  '8': '_',
  '9': 'ç',
  '0': 'à'
}

let clock = 10_000

/**
 * Dispatches one keydown with a chosen timeStamp, then does what a browser would do when nothing
 * prevented it: a printable key types into the focused field (firing `input`), Enter submits its form.
 */
function press(code: string, key: string, gap: number): KeyboardEvent {
  clock += gap
  const event = new KeyboardEvent('keydown', { code, key, bubbles: true, cancelable: true })
  Object.defineProperty(event, 'timeStamp', { value: clock })
  const target = document.activeElement ?? document.body
  target.dispatchEvent(event)
  if (event.defaultPrevented) return event
  const field = document.activeElement
  if (key.length === 1 && (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) {
    const start = field.selectionStart ?? field.value.length
    const end = field.selectionEnd ?? start
    field.value = field.value.slice(0, start) + key + field.value.slice(end)
    field.setSelectionRange(start + 1, start + 1)
    field.dispatchEvent(new Event('input', { bubbles: true }))
  }
  if (key === 'Enter' && field instanceof HTMLInputElement && field.form) field.form.requestSubmit()
  return event
}

function typeCode(
  text: string,
  gap: number,
  opts: { layout?: 'azerty'; suffix?: 'Enter' | 'Tab'; firstGap?: number } = {}
): KeyboardEvent {
  ;[...text].forEach((ch, i) =>
    press(`Digit${ch}`, opts.layout === 'azerty' ? AZERTY[ch]! : ch, i === 0 ? (opts.firstGap ?? gap) : gap)
  )
  const suffix = opts.suffix ?? 'Enter'
  return press(suffix, suffix, gap)
}

/** A page with a v-model'd input inside a form (to see leaked digits and leaked submits). */
function mountPage(options: Parameters<typeof useWedgeScanner>[1] = {}) {
  const scans: string[] = []
  const submits = ref(0)
  const model = ref('')
  let api!: ReturnType<typeof useWedgeScanner>
  const Page = defineComponent({
    setup() {
      api = useWedgeScanner((code) => scans.push(code), options)
      return () =>
        h('form', { onSubmit: (e: Event) => (e.preventDefault(), submits.value++) }, [
          h('input', {
            'data-testid': 'field',
            value: model.value,
            onInput: (e: Event) => (model.value = (e.target as HTMLInputElement).value)
          }),
          h('textarea', { 'data-testid': 'notes' })
        ])
    }
  })
  const wrapper = mount(Page, { attachTo: document.body })
  return { wrapper, scans, submits, model, api: () => api }
}

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
})

describe('useWedgeScanner', () => {
  it('reports a scan with nothing focused and swallows its Enter', () => {
    const page = mountPage()
    wrapper = page.wrapper
    ;(document.activeElement as HTMLElement | null)?.blur()
    const enter = typeCode(CODE, 6)
    expect(page.scans).toEqual([CODE])
    expect(enter.defaultPrevented).toBe(true)
  })

  it('restores a focused input (value, selection and v-model) and does not submit its form', async () => {
    const page = mountPage()
    wrapper = page.wrapper
    const input = page.wrapper.get('[data-testid="field"]').element as HTMLInputElement
    input.focus()
    for (const ch of 'abc') press(`Key${ch.toUpperCase()}`, ch, 200)
    input.setSelectionRange(1, 2)
    await nextTick()
    expect(page.model.value).toBe('abc')

    typeCode(CODE, 6)

    expect(page.scans).toEqual([CODE])
    expect(input.value).toBe('abc')
    expect([input.selectionStart, input.selectionEnd]).toEqual([1, 2])
    expect(page.model.value).toBe('abc')
    expect(page.submits.value).toBe(0)
  })

  it('restores a textarea too, and a Tab suffix does not move focus', () => {
    const page = mountPage()
    wrapper = page.wrapper
    const notes = page.wrapper.get('[data-testid="notes"]').element as HTMLTextAreaElement
    notes.focus()
    notes.value = 'note'
    const tab = typeCode(CODE, 5, { suffix: 'Tab' })
    expect(tab.defaultPrevented).toBe(true)
    expect(notes.value).toBe('note')
    expect(page.scans).toEqual([CODE])
  })

  it('human-speed digits stay in the input and Enter submits as usual', () => {
    const page = mountPage()
    wrapper = page.wrapper
    const input = page.wrapper.get('[data-testid="field"]').element as HTMLInputElement
    input.focus()
    const enter = typeCode(CODE, 80)
    expect(page.scans).toEqual([])
    expect(enter.defaultPrevented).toBe(false)
    expect(input.value).toBe(CODE)
    expect(page.submits.value).toBe(1)
  })

  it('AZERTY: the scan is read from the physical keys and the typed symbols are removed', () => {
    const page = mountPage()
    wrapper = page.wrapper
    const input = page.wrapper.get('[data-testid="field"]').element as HTMLInputElement
    input.focus()
    typeCode(CODE, 5, { layout: 'azerty' })
    expect(page.scans).toEqual([CODE])
    expect(input.value).toBe('')
  })

  it('a stalled scan is swallowed, the input restored to before the first burst, and reported as incomplete', () => {
    const onIncomplete = vi.fn()
    const page = mountPage({ onIncomplete })
    wrapper = page.wrapper
    const input = page.wrapper.get('[data-testid="field"]').element as HTMLInputElement
    input.focus()
    press('KeyX', 'x', 500)
    press(`Digit${CODE[0]}`, CODE[0]!, 500)
    // The 137 ms stall of docs/scanning.md §3.3, after the first digit: the 17-digit tail is a valid length.
    const enter = typeCode(CODE.slice(1), 6, { firstGap: 137 })
    expect(page.scans).toEqual([])
    expect(onIncomplete).toHaveBeenCalledTimes(1)
    expect(enter.defaultPrevented).toBe(true)
    expect(input.value).toBe('x')
    expect(page.submits.value).toBe(0)
  })

  it('does nothing while disabled, and works again when re-enabled', async () => {
    const page = mountPage()
    wrapper = page.wrapper
    page.api().enabled.value = false
    await nextTick()
    expect(typeCode(CODE, 5).defaultPrevented).toBe(false)
    expect(page.scans).toEqual([])
    page.api().enabled.value = true
    await nextTick()
    clock += 2000
    typeCode(CODE, 5)
    expect(page.scans).toEqual([CODE])
  })

  it('removes its listener when the owning scope ends', () => {
    const scans: string[] = []
    const scope = effectScope()
    scope.run(() => useWedgeScanner((c) => scans.push(c)))
    typeCode(CODE, 5)
    scope.stop()
    clock += 2000
    typeCode(CODE, 5)
    expect(scans).toEqual([CODE])
  })

  it('uses one capture-phase listener, ahead of the page: an Enter handler below never sees a scan', () => {
    const page = mountPage()
    wrapper = page.wrapper
    const below = vi.fn()
    document.body.addEventListener('keydown', (e) => e.key === 'Enter' && below())
    clock += 2000
    typeCode(CODE, 5)
    expect(page.scans).toEqual([CODE])
    expect(below).not.toHaveBeenCalled()
  })
})
