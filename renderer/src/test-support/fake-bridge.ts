/**
 * The one fake of `bridge` for renderer tests: per-channel answers, every call recorded, and events a
 * test can push. Use it as the mocked module:
 *   import { fake } from '<path>/test-support/fake-bridge'
 *   vi.mock('<path>/bridge', () => import('<path>/test-support/fake-bridge'))
 */
export type Answer = (input: unknown) => unknown

export const fake = {
  answers: {} as Record<string, Answer>,
  calls: [] as [string, unknown][],
  listeners: {} as Record<string, ((payload: unknown) => void)[]>
}

export const bridge = {
  invoke: (channel: string, input?: unknown) => {
    fake.calls.push([channel, input])
    const answer = fake.answers[channel]
    return Promise.resolve(
      answer ? answer(input) : { ok: false, error: { code: 'INTERNAL', message: `no answer for ${channel}` } }
    )
  },
  on: (event: string, fn: (payload: unknown) => void) => {
    ;(fake.listeners[event] ??= []).push(fn)
    return () => {
      fake.listeners[event] = (fake.listeners[event] ?? []).filter((f) => f !== fn)
    }
  }
}
