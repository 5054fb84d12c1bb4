import { describe, expect, it, vi } from 'vitest'
import fc from 'fast-check'
import { CHANNELS, contract, type Channel } from '../../preload/contract'
import { createRouter, type Handlers } from '../../main/ipc/router'
import { PosError } from '../../main/core/errors'
import { VALID_SAMPLES } from './samples'

const ctx = { window: 'cashier' as const }

/** Every handler a spy answering a sentinel; the router must never call one for a bad payload. */
function spyHandlers() {
  const spies = Object.fromEntries(CHANNELS.map((c) => [c, vi.fn(() => ({ spy: c }))])) as unknown as Record<
    Channel,
    ReturnType<typeof vi.fn>
  >
  return { spies, handlers: spies as unknown as Handlers }
}

/** Mutations of a valid sample that must be refused: wrong types, missing or unknown keys. */
function invalidPayloads(channel: Channel): fc.Arbitrary<unknown> {
  const samples = VALID_SAMPLES[channel] as unknown[]
  const garbage = fc.oneof(
    fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true }),
    fc.string(),
    fc.double(),
    fc.constant(null),
    fc.array(fc.anything())
  )
  const mutated = fc
    .tuple(fc.constantFrom(...samples), fc.string({ minLength: 1, maxLength: 12 }), garbage, fc.nat(20))
    .map(([sample, key, value, pick]) => {
      if (sample === null || typeof sample !== 'object') return value
      const copy: Record<string, unknown> = { ...(sample as Record<string, unknown>) }
      const keys = Object.keys(copy)
      if (keys.length > 0 && pick % 3 === 0) delete copy[keys[pick % keys.length]!]
      else if (keys.length > 0 && pick % 3 === 1) copy[keys[pick % keys.length]!] = value
      else copy[`x_${key}`] = value
      return copy
    })
  // Drop the (rare) payloads that happen to be valid: the schema is the definition of valid.
  return fc.oneof(garbage, mutated).filter((p) => !contract[channel].input.safeParse(p).success)
}

describe('router', () => {
  it.each(CHANNELS.map((c) => [c]))(
    '%s: 10,000 random invalid payloads are refused with BAD_INPUT, handler never called',
    async (channel) => {
      const { spies, handlers } = spyHandlers()
      const router = createRouter(handlers)
      await fc.assert(
        fc.asyncProperty(invalidPayloads(channel), async (payload) => {
          const result = await router.call(channel, payload, ctx)
          expect(result.ok).toBe(false)
          if (!result.ok) expect(result.error.code).toBe('BAD_INPUT')
        }),
        { numRuns: 10_000 }
      )
      expect(spies[channel]).not.toHaveBeenCalled()
    }
  )

  it.each(CHANNELS.map((c) => [c]))('%s: valid samples reach the handler with the parsed input', async (channel) => {
    const { spies, handlers } = spyHandlers()
    const router = createRouter(handlers)
    for (const sample of VALID_SAMPLES[channel] as unknown[]) {
      const result = await router.call(channel, sample, ctx)
      expect(result).toEqual({ ok: true, value: { spy: channel } })
    }
    expect(spies[channel]).toHaveBeenCalledTimes((VALID_SAMPLES[channel] as unknown[]).length)
    expect(spies[channel].mock.calls[0]![1]).toEqual(ctx)
  })

  it('refuses unknown channels and non-string channel names without calling anything', async () => {
    const { spies, handlers } = spyHandlers()
    const router = createRouter(handlers)
    for (const name of [
      'nope:nothing',
      '',
      'app:info ',
      '__proto__',
      'constructor',
      42,
      null,
      { toString: () => 'app:info' }
    ]) {
      const result = await router.call(name, undefined, ctx)
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
    }
    for (const spy of Object.values(spies)) expect(spy).not.toHaveBeenCalled()
  })

  it('turns a PosError into its code and message, and any other exception into INTERNAL without its text', async () => {
    const internal = vi.fn()
    const { handlers } = spyHandlers()
    handlers['app:ping'] = () => {
      throw new PosError('CONFLICT', 'That sale is already paid.')
    }
    handlers['app:info'] = async () => {
      throw new Error('secret token abc123 leaked in a stack')
    }
    const router = createRouter(handlers, { onInternalError: internal })
    expect(await router.call('app:ping', { note: 'x' }, ctx)).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'That sale is already paid.' }
    })
    const failed = await router.call('app:info', undefined, ctx)
    expect(failed).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(failed)).not.toContain('abc123')
    expect(internal).toHaveBeenCalledWith('app:info', expect.any(Error))
  })

  it('with validateOutput, an answer that breaks the output schema becomes INTERNAL', async () => {
    const internal = vi.fn()
    const { handlers } = spyHandlers()
    handlers['app:info'] = () => ({ name: 'x' }) as never
    const router = createRouter(handlers, { validateOutput: true, onInternalError: internal })
    expect(await router.call('app:info', undefined, ctx)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(internal).toHaveBeenCalledOnce()
  })
})
