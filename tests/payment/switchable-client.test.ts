/**
 * The switchable Pockyt client and the switcher: a call goes to the target current when it began; a
 * swap is refused while a call is in flight; a switch waits while something is unsettled and lands on
 * `retry` (or when the last call ends) once nothing is.
 */
import { describe, expect, it } from 'vitest'
import {
  createClientSwitcher,
  createSwitchableClient,
  type ClientTarget
} from '../../main/core/payment/switchable-client'
import type { PockytClient, PockytOutcome, PockytTransaction } from '../../main/core/pockyt/types'

/** A client whose `query` answers when the test says, tagged with its name. */
function fakeClient(name: string) {
  const waiting: ((v: PockytOutcome<PockytTransaction>) => void)[] = []
  const answer = (): PockytOutcome<PockytTransaction> => ({
    kind: 'ok',
    value: { transactionNo: '297553640000000001', reference: name, amountMinor: 1, currency: 'USD', status: 'success' }
  })
  const client = {
    query: () => new Promise((resolve) => waiting.push(resolve))
  } as unknown as PockytClient
  return { client, release: () => waiting.splice(0).forEach((r) => r(answer())) }
}

const target = (client: PockytClient, mode: 'training' | 'live'): ClientTarget => ({
  client,
  mode,
  storeId: mode === 'live' ? '300014' : 'TRAIN',
  notFoundIsFinal: mode === 'training'
})

const refOf = (out: PockytOutcome<PockytTransaction>) => (out.kind === 'ok' ? out.value.reference : undefined)

describe('switchable client', () => {
  it('delegates to the current target and refuses a swap while a call is in flight', async () => {
    const a = fakeClient('A')
    const b = fakeClient('B')
    const s = createSwitchableClient(target(a.client, 'training'))
    const call = s.client.query({ reference: 'x' })
    expect(s.inFlight()).toBe(1)
    expect(() => s.swap(target(b.client, 'live'))).toThrow(/in flight/)
    a.release()
    expect(refOf(await call)).toBe('A')
    expect(s.inFlight()).toBe(0)
    s.swap(target(b.client, 'live'))
    expect(s.current().mode).toBe('live')
    const next = s.client.query({ reference: 'y' })
    b.release()
    expect(refOf(await next)).toBe('B')
  })
})

describe('client switcher', () => {
  function setup() {
    const a = fakeClient('A')
    const b = fakeClient('B')
    const switchable = createSwitchableClient(target(a.client, 'training'))
    let busy: string | null = null
    let wanted = { key: 'training', mode: 'training' as const as 'training' | 'live' }
    const switched: string[] = []
    const switcher = createClientSwitcher({
      switchable,
      busy: () => busy,
      initialKey: 'training',
      desired: async () => ({
        key: wanted.key,
        build: () => target(wanted.mode === 'live' ? b.client : a.client, wanted.mode)
      }),
      onSwitched: (t) => switched.push(t.mode)
    })
    return {
      a,
      switchable,
      switcher,
      switched,
      setBusy: (v: string | null) => (busy = v),
      want: (mode: 'training' | 'live') => (wanted = { key: mode, mode })
    }
  }

  it('switches at once when idle, and does nothing when the settings ask for the running one', async () => {
    const t = setup()
    expect(await t.switcher.request()).toBe('unchanged')
    t.want('live')
    expect(await t.switcher.request()).toBe('switched')
    expect(t.switchable.current().mode).toBe('live')
    expect(t.switched).toEqual(['live'])
    expect(t.switcher.pending()).toBe(false)
  })

  it('defers while a payment is unsettled and lands on retry once it settled', async () => {
    const t = setup()
    t.setBusy('payment 1 is pending')
    t.want('live')
    expect(await t.switcher.request()).toBe('deferred')
    expect(t.switchable.current().mode).toBe('training')
    expect(t.switcher.pending()).toBe(true)
    expect(t.switcher.retry()).toBe('deferred')
    t.setBusy(null)
    expect(t.switcher.retry()).toBe('switched')
    expect(t.switchable.current().mode).toBe('live')
    expect(t.switched).toEqual(['live'])
  })

  it('a switch back before the deferred one landed cancels it', async () => {
    const t = setup()
    t.setBusy('payment 1 is pending')
    t.want('live')
    await t.switcher.request()
    t.want('training')
    expect(await t.switcher.request()).toBe('unchanged')
    t.setBusy(null)
    expect(t.switcher.retry()).toBe('unchanged')
    expect(t.switched).toEqual([])
  })

  it('waits for a call in flight (e.g. a reconciliation) and switches when it ends', async () => {
    const t = setup()
    const call = t.switchable.client.query({ reference: 'x' })
    t.want('live')
    expect(await t.switcher.request()).toBe('deferred')
    t.a.release()
    expect(refOf(await call)).toBe('A')
    expect(t.switchable.current().mode).toBe('live')
    expect(t.switched).toEqual(['live'])
  })
})
