import { describe, expect, it } from 'vitest'
import { createWedgeDetector, digitFromCode, type KeyRecord, type WedgeStep } from './wedge-detector'

const WECHAT = '134567890123456789'
const ALIPAY = '286498530672949108'
/** What a US-HID scanner's digit keys print on a French AZERTY layout (unshifted digit row). */
const AZERTY_KEY: Record<string, string> = {
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

interface StreamOptions {
  gap: number
  start?: number
  layout?: 'us' | 'azerty' | 'numpad'
  suffix?: 'Enter' | 'Tab' | 'NumpadEnter' | null
  /** Extra delay before the key at this index (a stall). */
  stallAt?: number
  stallMs?: number
  /** Extra delay before the suffix. */
  suffixDelay?: number
}

/** The keydown records a scanner (or a person) would produce for `text`. */
function stream(text: string, o: StreamOptions): KeyRecord[] {
  let t = o.start ?? 1000
  const out: KeyRecord[] = []
  ;[...text].forEach((ch, i) => {
    if (i > 0) t += o.gap
    if (i === o.stallAt) t += o.stallMs ?? 0
    const code = o.layout === 'numpad' ? `Numpad${ch}` : /\d/.test(ch) ? `Digit${ch}` : `Key${ch.toUpperCase()}`
    const key = o.layout === 'azerty' ? (AZERTY_KEY[ch] ?? ch) : ch
    out.push({ code, key, timeStamp: t })
  })
  const suffix = o.suffix === undefined ? 'Enter' : o.suffix
  if (suffix)
    out.push({ code: suffix, key: suffix === 'Tab' ? 'Tab' : 'Enter', timeStamp: t + o.gap + (o.suffixDelay ?? 0) })
  return out
}

function run(records: KeyRecord[], detector = createWedgeDetector()): WedgeStep[] {
  return records.map((r) => detector.feed(r))
}

const scans = (steps: WedgeStep[]) => steps.flatMap((s) => (s.kind === 'scan' ? [s.code] : []))
const last = (steps: WedgeStep[]) => steps[steps.length - 1]

describe('digitFromCode', () => {
  it('maps the digit row and the numpad, nothing else', () => {
    expect(digitFromCode('Digit7')).toBe('7')
    expect(digitFromCode('Numpad0')).toBe('0')
    for (const code of ['KeyA', 'NumpadEnter', 'NumpadAdd', 'Digit', 'Digit10', '', 'Enter'])
      expect(digitFromCode(code)).toBeNull()
  })
})

describe('wedge detector', () => {
  it('accepts a code typed at scanner speed and ended by Enter', () => {
    const steps = run(stream(ALIPAY, { gap: 8 }))
    expect(steps[0]).toEqual({ kind: 'start', continuesStalledScan: false })
    expect(steps.slice(1, -1).every((s) => s.kind === 'digit')).toBe(true)
    expect(last(steps)).toEqual({ kind: 'scan', code: ALIPAY })
  })

  it('accepts up to the average limit and refuses just above it', () => {
    expect(scans(run(stream(WECHAT, { gap: 35 })))).toEqual([WECHAT])
    expect(scans(run(stream(WECHAT, { gap: 40 })))).toEqual([])
  })

  it('refuses human typing, fast or slow', () => {
    for (const gap of [60, 80, 150]) {
      const steps = run(stream(WECHAT, { gap }))
      expect(scans(steps), `gap ${gap}`).toEqual([])
      // Every digit starts a new burst on its own, so nothing is ever swallowed or restored.
      expect(steps.filter((s) => s.kind === 'incomplete')).toEqual([])
    }
  })

  it('reads digits from the physical key, so an AZERTY layout gives the right code', () => {
    const records = stream(ALIPAY, { gap: 6, layout: 'azerty' })
    expect(records[0]).toEqual({ code: 'Digit2', key: 'é', timeStamp: 1000 })
    expect(scans(run(records))).toEqual([ALIPAY])
  })

  it('ignores Shift pressed around each digit (scanners set up for shifted digit rows)', () => {
    const records = stream(ALIPAY, { gap: 4 }).flatMap((r) =>
      digitFromCode(r.code) ? [{ code: 'ShiftLeft', key: 'Shift', timeStamp: r.timeStamp - 1 }, r] : [r]
    )
    expect(scans(run(records))).toEqual([ALIPAY])
  })

  it('reads the numpad', () => {
    expect(scans(run(stream(WECHAT, { gap: 5, layout: 'numpad' })))).toEqual([WECHAT])
  })

  it('accepts Tab and the numpad Enter as the suffix', () => {
    expect(scans(run(stream(WECHAT, { gap: 5, suffix: 'Tab' })))).toEqual([WECHAT])
    expect(scans(run(stream(WECHAT, { gap: 5, suffix: 'NumpadEnter' })))).toEqual([WECHAT])
  })

  it('needs the suffix: without Enter nothing is accepted', () => {
    expect(scans(run(stream(WECHAT, { gap: 5, suffix: null })))).toEqual([])
  })

  it('refuses too short and too long codes, and anything with a letter in it', () => {
    expect(scans(run(stream('123456789', { gap: 5 })))).toEqual([])
    expect(scans(run(stream('1'.repeat(33), { gap: 5 })))).toEqual([])
    expect(scans(run(stream('1'.repeat(10), { gap: 5 })))).toEqual(['1'.repeat(10)])
    expect(scans(run(stream('1'.repeat(32), { gap: 5 })))).toEqual(['1'.repeat(32)])
    // A letter resets the buffer; the digits after it are too few to be a code.
    expect(scans(run(stream('2864985306A72949108', { gap: 5 })))).toEqual([])
  })

  it('a stall in the middle of a scan never yields a truncated code, even one of a valid length', () => {
    // 137 ms stall before the 2nd digit: the 17-digit tail alone would pass the 10-32 digit check.
    const steps = run(stream(ALIPAY, { gap: 6, stallAt: 1, stallMs: 137 }))
    expect(scans(steps)).toEqual([])
    expect(steps[1]).toEqual({ kind: 'start', continuesStalledScan: true })
    expect(last(steps)).toEqual({ kind: 'incomplete', digits: ALIPAY.slice(1) })
  })

  it('a stall anywhere in the scan (several stalls too) ends as incomplete', () => {
    for (const at of [4, 9, 17]) {
      expect(last(run(stream(ALIPAY, { gap: 6, stallAt: at, stallMs: 300 }))), `at ${at}`).toMatchObject({
        kind: 'incomplete'
      })
    }
    const records = stream(ALIPAY, { gap: 6, stallAt: 5, stallMs: 200 })
    for (let i = 12; i < records.length; i++) records[i]!.timeStamp += 250
    expect(last(run(records))).toMatchObject({ kind: 'incomplete' })
  })

  it('a stall just before Enter ends as incomplete, not as a scan and not as leaked typing', () => {
    expect(last(run(stream(ALIPAY, { gap: 6, suffixDelay: 150 })))).toEqual({ kind: 'incomplete', digits: ALIPAY })
  })

  it('the next scan after an incomplete one works', () => {
    const d = createWedgeDetector()
    run(stream(ALIPAY, { gap: 6, stallAt: 8, stallMs: 150 }), d)
    expect(scans(run(stream(WECHAT, { gap: 6, start: 5000 }), d))).toEqual([WECHAT])
  })

  it('a long pause is not a stall: a scan after earlier fast digits is accepted', () => {
    const d = createWedgeDetector()
    run(stream('12345', { gap: 6, suffix: null }), d)
    expect(scans(run(stream(WECHAT, { gap: 6, start: 5000 }), d))).toEqual([WECHAT])
  })

  it('a person typing a few digits half a second before a scan does not spoil the scan', () => {
    const d = createWedgeDetector()
    run(stream('12', { gap: 150, suffix: null, start: 1000 }), d)
    const steps = run(stream(WECHAT, { gap: 6, start: 1650 }), d)
    expect(steps[0]).toEqual({ kind: 'start', continuesStalledScan: false })
    expect(scans(steps)).toEqual([WECHAT])
  })

  it('a lone digit within 300 ms of a scan is taken as a stall (the price of catching §3.3): incomplete, scan again', () => {
    const d = createWedgeDetector()
    run(stream('1', { gap: 0, suffix: null, start: 1000 }), d)
    expect(last(run(stream(WECHAT, { gap: 6, start: 1250 }), d))).toEqual({ kind: 'incomplete', digits: WECHAT })
  })

  it('a person typing digits then Enter is never swallowed, even right after a stalled scan', () => {
    const d = createWedgeDetector()
    expect(run(stream('12', { gap: 150 }), d).filter((s) => s.kind !== 'start' && s.kind !== 'none')).toEqual([])
    run(stream(ALIPAY, { gap: 6, start: 3000, stallAt: 3, stallMs: 150, suffix: null }), d)
    expect(last(run(stream('5', { gap: 200, start: 3400, suffixDelay: 0 }), d))).toEqual({ kind: 'none' })
  })

  it('two scans back to back are both read', () => {
    const d = createWedgeDetector()
    const first = stream(ALIPAY, { gap: 5, start: 1000 })
    const second = stream(WECHAT, { gap: 5, start: first[first.length - 1]!.timeStamp + 20 })
    expect(scans(run([...first, ...second], d))).toEqual([ALIPAY, WECHAT])
  })

  it('uses the accept option as the final gate', () => {
    const d = createWedgeDetector({ accept: (s) => s.startsWith('13') })
    expect(scans(run(stream(ALIPAY, { gap: 5 }), d))).toEqual([])
    expect(scans(run(stream(WECHAT, { gap: 5, start: 9000 }), d))).toEqual([WECHAT])
  })

  it('reset() drops a burst in progress', () => {
    const d = createWedgeDetector()
    const records = stream(ALIPAY, { gap: 5 })
    run(records.slice(0, 10), d)
    d.reset()
    expect(scans(run(records.slice(10), d))).toEqual([])
  })
})
