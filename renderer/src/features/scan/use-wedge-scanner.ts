/**
 * The keyboard-wedge scanner for the whole window: ONE capture-phase keydown listener on `window`.
 * Keys of a burst pass through untouched (it may be a person typing); only when a scan is accepted is its
 * Enter/Tab swallowed (no form submit, no focus move) and the focused input/textarea put back exactly as
 * it was before the burst began. Mount it once, high in the tree: two listeners would both fire.
 */
import { getCurrentScope, onScopeDispose, ref, watch, type Ref } from 'vue'
import { createWedgeDetector, type WedgeOptions } from './wedge-detector'

export interface WedgeScannerOptions extends Partial<WedgeOptions> {
  /** A scan cut by a stall: it was swallowed and the input restored; ask for a new scan. */
  onIncomplete?: () => void
  /** Defaults to `window`. */
  target?: Window
}

export interface WedgeScanner {
  /** While false, keys are ignored and nothing is swallowed. */
  enabled: Ref<boolean>
  /** Removes the listener (done automatically when the calling component or scope goes away). */
  stop(): void
}

type TextField = HTMLInputElement | HTMLTextAreaElement

interface Snapshot {
  field: TextField
  value: string
  start: number | null
  end: number | null
  direction: 'forward' | 'backward' | 'none' | null
}

function focusedTextField(doc: Document): TextField | null {
  const el = doc.activeElement
  if (el instanceof doc.defaultView!.HTMLTextAreaElement) return el
  if (el instanceof doc.defaultView!.HTMLInputElement) return el
  return null
}

/** Selection getters throw on some input types (number, email): treat those as "no selection". */
function readSelection(field: TextField): Pick<Snapshot, 'start' | 'end' | 'direction'> {
  try {
    return { start: field.selectionStart, end: field.selectionEnd, direction: field.selectionDirection }
  } catch {
    return { start: null, end: null, direction: null }
  }
}

function restore(snap: Snapshot): void {
  const { field } = snap
  if (!field.isConnected || field.value === snap.value) return
  field.value = snap.value
  // v-model listens to `input`: without it the model would keep the leaked digits.
  field.dispatchEvent(new Event('input', { bubbles: true }))
  if (snap.start !== null && snap.end !== null) {
    try {
      field.setSelectionRange(snap.start, snap.end, snap.direction ?? undefined)
    } catch {
      // Input types without a selection: the value is what matters.
    }
  }
}

/** Listens for wedge scans on the window; `onScan` gets the digits of each accepted scan. */
export function useWedgeScanner(onScan: (code: string) => void, options: WedgeScannerOptions = {}): WedgeScanner {
  const { onIncomplete, target = window, ...detectorOptions } = options
  const detector = createWedgeDetector(detectorOptions)
  const enabled = ref(true)
  let snapshot: Snapshot | null = null

  const swallow = (event: KeyboardEvent) => {
    event.preventDefault()
    event.stopImmediatePropagation()
    if (snapshot) restore(snapshot)
    snapshot = null
  }

  const onKeydown = (event: KeyboardEvent) => {
    if (!enabled.value) return
    if (event.repeat) {
      detector.reset()
      return
    }
    const step = detector.feed({ code: event.code, key: event.key, timeStamp: event.timeStamp })
    switch (step.kind) {
      case 'start': {
        // Capture phase: this digit is not in the field yet. After a stall keep the first burst's state.
        if (step.continuesStalledScan && snapshot) return
        const field = focusedTextField(target.document)
        snapshot = field ? { field, value: field.value, ...readSelection(field) } : null
        return
      }
      case 'scan':
        swallow(event)
        onScan(step.code)
        return
      case 'incomplete':
        swallow(event)
        onIncomplete?.()
        return
      // 'digit' and 'none': let the key through. A stale snapshot is replaced at the next 'start'.
    }
  }

  target.addEventListener('keydown', onKeydown, { capture: true })
  const stopWatch = watch(enabled, (on) => {
    if (!on) {
      detector.reset()
      snapshot = null
    }
  })
  const stop = () => {
    target.removeEventListener('keydown', onKeydown, { capture: true })
    stopWatch()
  }
  if (getCurrentScope()) onScopeDispose(stop)
  return { enabled, stop }
}
