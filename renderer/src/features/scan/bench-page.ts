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

/** Corner of the 640x480 frame that is dark on code frames (bench/scan.ts draws it: keep both in step). */
export const MARKER = { x: 600, y: 440, size: 40 } as const

export async function runScanBench(mode: BenchMode, host: HTMLElement): Promise<void> {
  const el = document.createElement('div')
  el.id = 'bench-reader'
  el.style.width = `${READER_WIDTH_PX}px`
  host.append(el)
  const reader = new Html5Qrcode(el.id, mode === 'ours' ? READER_CONFIG : { verbose: false })
  /** Capture time of the first code frame after an empty one. */
  let shownAt: number | null = null
  let sawEmpty = false
  /** A decode that came before the probe's callback for the same frame. */
  let decodedAt: number | null = null
  let early = 0
  let done = false
  let lastText = ''

  const finish = (result: BenchResult) => {
    if (done) return
    done = true
    window.__scanBench = result
    void reader.stop().catch(() => {})
  }

  const onSuccess = (text: string) => {
    const now = performance.now()
    if (shownAt !== null) finish({ latencyMs: now - shownAt, text, earlyDecodes: early })
    else if (sawEmpty) decodedAt ??= now
    else early++
    lastText = text
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
  const onFrame = (now: number, meta: VideoFrameCallbackMetadata) => {
    if (done) return
    probe.drawImage(video, MARKER.x, MARKER.y, MARKER.size, MARKER.size, 0, 0, 1, 1)
    const [r, g, b] = probe.getImageData(0, 0, 1, 1).data
    const codeVisible = (r! + g! + b!) / 3 < 100
    if (!codeVisible) {
      // Once the code has shown, the clock runs until the decode, even if the clip loops back to empty.
      if (shownAt === null) {
        sawEmpty = true
        decodedAt = null
      }
    } else if (sawEmpty && shownAt === null) {
      // When the camera took the frame, not when this callback ran.
      shownAt = meta.captureTime ?? now
      if (decodedAt !== null)
        return finish({ latencyMs: Math.max(0, decodedAt - shownAt), text: lastText, earlyDecodes: early })
    }
    video.requestVideoFrameCallback(onFrame)
  }
  video.requestVideoFrameCallback(onFrame)
}
