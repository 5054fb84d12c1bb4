/**
 * When to ask Pockyt again. The wallets want the answer quickly but Pockyt must not be hammered:
 * first query about 1 s after a non-final answer, then every 1 s for the first 10 s after `pay`, then
 * every 2.5 s, and never more than 25 queries in any 60 s (a sliding window over all payments).
 */
import type { Clock } from '../clock'

export const FAST_POLL_MS = 1000
export const FAST_PHASE_MS = 10_000
export const SLOW_POLL_MS = 2500
export const MAX_QUERIES_PER_MINUTE = 25

/** Gap before the next query, given how long ago `pay` was sent. */
export function nextPollDelay(sincePayMs: number): number {
  return sincePayMs < FAST_PHASE_MS ? FAST_POLL_MS : SLOW_POLL_MS
}

/** Cancel retries: 1 s, 2 s, 4 s ... capped at 60 s. */
export function cancelBackoff(attempts: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, attempts - 1))
}

/** A sliding-window limit on queries. `wait` returns how long to hold off before the next query. */
export class QueryLimiter {
  private sent: number[] = []

  constructor(
    private readonly clock: Clock,
    private readonly max = MAX_QUERIES_PER_MINUTE,
    private readonly windowMs = 60_000
  ) {}

  /** ms to wait before one more query fits in the window (0 = now). */
  wait(): number {
    const now = this.clock.now()
    this.sent = this.sent.filter((t) => now - t < this.windowMs)
    if (this.sent.length < this.max) return 0
    return this.sent[0]! + this.windowMs - now
  }

  record(): void {
    this.sent.push(this.clock.now())
  }
}
