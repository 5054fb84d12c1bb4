/**
 * The scan benchmark's page side (scan-lab.html?bench=ours|defaults): a bare Html5Qrcode with either our
 * settings or the library defaults on the same 640-px reader, and a probe that sees when the fake camera
 * starts showing the code. The clip has a dark marker in its bottom-right corner (outside our scan box)
 * on code frames only. Result: `window.__scanBench = { latencyMs, text }` or `{ error }`.
 */
import { Html5Qrcode } from 'html5-qrcode'
import { READER_CONFIG, READER_WIDTH_PX, SCAN_CONFIG } from './camera-config'

export type BenchMode = 'ours' | 'defaults'
export interface BenchResult {
  latencyMs?: number
  text?: string
  /** Decodes before the measured empty -> code change (the clip may start on code frames). */
  earlyDecodes?: number
  error?: string
}

declare global {
  interface Window {
    __scanBench?: BenchResult
  }
}

/** Corner of the 640x480 frame that is dark on code frames. */
export const MARKER = { x: 600, y: 440, size: 40 } as const

export async function runScanBench(mode: BenchMode, host: HTMLElement): Promise<void> {
  const el = document.createElement('div')
  el.id = 'bench-reader'
  el.style.width = `${READER_WIDTH_PX}px`
  host.append(el)
  const reader = new Html5Qrcode(el.id, mode === 'ours' ? READER_CONFIG : { verbose: false })
  let shownAt: number | null = null
  let sawEmpty = false
  let early = 0
  let done = false

  const finish = (result: BenchResult) => {
    if (done) return
    done = true
    window.__scanBench = result
    void reader.stop().catch(() => {})
  }

  const onSuccess = (text: string) => {
    if (shownAt === null) early++
    else finish({ latencyMs: performance.now() - shownAt, text, earlyDecodes: early })
  }

  try {
    await reader.start({ facingMode: 'environment' }, mode === 'ours' ? SCAN_CONFIG : undefined, onSuccess, undefined)
  } catch (e) {
    finish({ error: String(e) })
    return
  }
  const video = el.querySelector('video')
  if (!video) return finish({ error: 'no video element' })
  const probe = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!
  const onFrame = (now: number) => {
    if (done) return
    probe.drawImage(video, MARKER.x, MARKER.y, MARKER.size, MARKER.size, 0, 0, 1, 1)
    const [r, g, b] = probe.getImageData(0, 0, 1, 1).data
    const codeVisible = (r! + g! + b!) / 3 < 100
    if (!codeVisible) {
      sawEmpty = true
      shownAt = null
    } else if (sawEmpty && shownAt === null) {
      shownAt = now
    }
    video.requestVideoFrameCallback(onFrame)
  }
  video.requestVideoFrameCallback(onFrame)
}
