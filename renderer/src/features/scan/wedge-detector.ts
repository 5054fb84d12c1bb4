/**
 * Tells a USB keyboard-wedge scanner from a person typing, from keydown records only (no DOM), so it
 * can be tested with synthetic streams. Rules (docs/scanning.md §3.3, §6 items 7-9):
 * - digits are read from `code` (Digit0-9, Numpad0-9), never from `key`, so AZERTY layouts still work;
 * - a gap longer than `resetGapMs` or any other key starts over; pure modifier keys are ignored, because
 *   some scanners press Shift around each digit on layouts where digits need it;
 * - Enter or Tab ends a scan; it is accepted only when the burst was fast on average, long enough, and
 *   passes the payment-code check;
 * - a stall inside a scan splits it in two. The tail alone may still look like a valid code (§3.3 saw a
 *   137 ms stall after the FIRST digit give an accepted 17-digit code), so a fast burst that follows a
 *   fast burst (<= 1 s gap) or a lone digit (<= 300 ms gap) is never accepted: it ends as `incomplete`,
 *   as does a fast code whose suffix came after a stall. The price: a person typing one digit within
 *   300 ms before a scan gets "scan again".
 */
import { checkPaymentCode } from '../../../../preload/contract/payment-code'

/** The parts of a keydown event the detector reads. */
export interface KeyRecord {
  /** `KeyboardEvent.code`: the physical key. */
  code: string
  /** `KeyboardEvent.key`: only used to recognise Enter/Tab/modifiers when `code` is empty. */
  key: string
  /** Milliseconds, any monotonic origin (`KeyboardEvent.timeStamp`). */
  timeStamp: number
}

export interface WedgeOptions {
  /** A longer pause between two keys ends the burst. */
  resetGapMs: number
  /** Accept only when the average gap, Enter included, is at most this. */
  maxAverageGapMs: number
  minDigits: number
  /** A pause after a fast burst up to this long counts as a stall inside one scan, not a new scan. */
  stallWindowMs: number
  /** The same after a lone digit (no speed to judge): short, so a person typing then scanning is rarely hit. */
  singleDigitStallMs: number
  /** The final gate on the digits; the payment-code check by default. */
  accept: (digits: string) => boolean
}

export const DEFAULT_WEDGE_OPTIONS: WedgeOptions = {
  resetGapMs: 100,
  maxAverageGapMs: 35,
  minDigits: 10,
  stallWindowMs: 1000,
  singleDigitStallMs: 300,
  accept: (digits) => checkPaymentCode(digits).ok
}

/**
 * What one key meant.
 * - `start`: a digit that begins a new burst (snapshot the focused input now: the digit is not in it yet);
 * - `digit`: a digit that continues the burst;
 * - `scan`: Enter/Tab ended an accepted scan (swallow the key, restore the input, use `code`);
 * - `incomplete`: Enter/Tab ended a fast burst that followed a stall (swallow it, restore from the first
 *   burst's snapshot, ask for a new scan);
 * - `none`: nothing to do (typing, a refused burst, an unrelated key).
 */
export type WedgeStep =
  | { kind: 'start'; continuesStalledScan: boolean }
  | { kind: 'digit' }
  | { kind: 'scan'; code: string }
  | { kind: 'incomplete'; digits: string }
  | { kind: 'none' }

const MODIFIER_CODES = new Set([
  'ShiftLeft',
  'ShiftRight',
  'ControlLeft',
  'ControlRight',
  'AltLeft',
  'AltRight',
  'MetaLeft',
  'MetaRight',
  'CapsLock',
  'NumLock'
])
const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock'])

/** The digit a physical key stands for, whatever the layout; null for any other key. */
export function digitFromCode(code: string): string | null {
  const m = /^(?:Digit|Numpad)([0-9])$/.exec(code)
  return m ? m[1]! : null
}

function isSuffix(r: KeyRecord): boolean {
  return (
    r.code === 'Enter' ||
    r.code === 'NumpadEnter' ||
    r.code === 'Tab' ||
    (r.code === '' && (r.key === 'Enter' || r.key === 'Tab'))
  )
}

function isModifier(r: KeyRecord): boolean {
  return MODIFIER_CODES.has(r.code) || (r.code === '' && MODIFIER_KEYS.has(r.key))
}

export interface WedgeDetector {
  feed(record: KeyRecord): WedgeStep
  /** Forget the current burst (e.g. while disabled). */
  reset(): void
}

/** A detector with its own buffer; feed it every keydown in order. */
export function createWedgeDetector(options: Partial<WedgeOptions> = {}): WedgeDetector {
  const o: WedgeOptions = { ...DEFAULT_WEDGE_OPTIONS, ...options }
  let digits = ''
  let firstAt = 0
  let lastAt = 0
  /** The burst began right after a scan-like burst was cut by a short stall. */
  let afterStall = false

  /** The current burst is several digits at scanner speed. */
  const burstFast = () => digits.length >= 2 && (lastAt - firstAt) / (digits.length - 1) <= o.maxAverageGapMs
  /** How long a pause after the current burst may be and still be a stall inside one scan. */
  const stallWindow = () => {
    if (burstFast()) return o.stallWindowMs
    // One digit says nothing about speed; §3.3's stall came right after the first digit.
    return digits.length === 1 ? o.singleDigitStallMs : -1
  }
  const reset = () => {
    digits = ''
    afterStall = false
  }

  return {
    reset,
    feed(r: KeyRecord): WedgeStep {
      if (isModifier(r)) return { kind: 'none' }
      const gap = digits === '' ? Infinity : r.timeStamp - lastAt
      const digit = digitFromCode(r.code)

      if (digit !== null) {
        if (digits !== '' && gap <= o.resetGapMs) {
          digits += digit
          lastAt = r.timeStamp
          return { kind: 'digit' }
        }
        // A new burst. Was the one before it a scan cut short by a stall?
        const stalled = digits !== '' && gap <= stallWindow()
        digits = digit
        firstAt = lastAt = r.timeStamp
        afterStall = stalled
        return { kind: 'start', continuesStalledScan: stalled }
      }

      if (isSuffix(r) && digits !== '') {
        const burst = digits
        // n digits + the suffix = n gaps, the suffix's own gap included.
        const fast = gap <= o.resetGapMs && (r.timeStamp - firstAt) / burst.length <= o.maxAverageGapMs
        const stalledBefore = afterStall
        // A scanner that stalled just before its suffix: all digits may be there, but nothing proves it.
        const stalledAtEnd = !fast && gap <= o.stallWindowMs && burst.length >= o.minDigits && burstFast()
        reset()
        if (fast && stalledBefore) return { kind: 'incomplete', digits: burst }
        if (stalledAtEnd) return { kind: 'incomplete', digits: burst }
        if (fast && burst.length >= o.minDigits && o.accept(burst)) return { kind: 'scan', code: burst }
        return { kind: 'none' }
      }

      reset()
      return { kind: 'none' }
    }
  }
}
