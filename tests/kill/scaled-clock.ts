/**
 * A clock that runs `1 / scale` times faster than the wall clock, anchored at a shared instant so that
 * every process of one kill-test run (the engine before and after the kill) agrees on "now".
 * With scale 0.05 a 60 s payment timeout takes 3 s, and the simulator runs at the same scale.
 */
import type { Clock } from '../../main/core/clock'

export function scaledClock(scale: number, anchorMs: number): Clock {
  return {
    now: () => Math.round(anchorMs + (Date.now() - anchorMs) / scale),
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason)
        const timer = setTimeout(
          () => {
            signal?.removeEventListener('abort', onAbort)
            resolve()
          },
          Math.max(0, ms * scale)
        )
        const onAbort = () => {
          clearTimeout(timer)
          reject(signal?.reason)
        }
        signal?.addEventListener('abort', onAbort, { once: true })
      })
  }
}
