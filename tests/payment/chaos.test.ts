/**
 * Property test: random faults at every call (refused, lost before or after Pockyt processed it), a
 * customer who confirms or abandons at random, a cashier who cancels at random, and a crash at a random
 * step boundary followed by a restart. Whatever happens, once everything settles: what Pockyt holds as
 * paid is exactly what the ledger holds as succeeded, no sale is paid twice, `pay` is never sent twice
 * for one transaction, and nothing is left unfinished.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { HookPoint } from '../../main/core/payment/engine'
import type { PaymentView } from '../../main/core/payment/payment-view'
import type { PockytStatus } from '../../main/core/pockyt/types'
import { FakePockyt, makeCheckout, manualClock, rejected, runUntil, unknownOutcome } from './helpers'

const ctx = { window: 'cashier' as const }
const POINTS: HookPoint[] = [
  'attempt-written',
  'add-in-flight',
  'add-answered',
  'pay-announced',
  'pay-in-flight',
  'pay-answered',
  'query-answered',
  'cancel-in-flight'
]

/** A small seeded PRNG so a failing case replays exactly. */
function prng(seed: number) {
  let s = seed >>> 0 || 1
  return () => {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return (s >>> 0) / 0x1_0000_0000
  }
}

/** Wraps the fake so every call may fail in the ways a network and a wallet fail. */
function chaos(fake: FakePockyt, rnd: () => number) {
  const add = fake.add.bind(fake)
  const pay = fake.pay.bind(fake)
  const query = fake.query.bind(fake)
  const cancel = fake.cancel.bind(fake)
  fake.payStatus = () =>
    (['success', 'failed', 'pending', 'pending', 'dealing'] as PockytStatus[])[Math.floor(rnd() * 5)]!
  fake.add = async (req) => {
    const r = rnd()
    if (r < 0.08) return rejected('000023', 'refused')
    if (r < 0.16) return unknownOutcome('lost before')
    const out = await add(req)
    return r < 0.24 ? unknownOutcome('lost after') : out
  }
  fake.pay = async (req) => {
    const r = rnd()
    if (r < 0.05) return rejected('000040', 'refused')
    if (r < 0.15) return unknownOutcome('lost before')
    const out = await pay(req)
    return r < 0.3 ? unknownOutcome('lost after') : out
  }
  fake.query = async (ref) => {
    // the customer acts between two queries
    for (const t of fake.txs.values()) {
      if (t.status === 'pending' || t.status === 'dealing') {
        const c = rnd()
        if (c < 0.15) t.status = 'success'
        else if (c < 0.22) t.status = 'closed'
      }
    }
    return rnd() < 0.15 ? unknownOutcome('query lost') : query(ref)
  }
  fake.cancel = async (ref) => {
    const r = rnd()
    if (r < 0.15) return unknownOutcome('lost before')
    const out = await cancel(ref)
    return r < 0.25 ? unknownOutcome('lost after') : out
  }
}

describe('engine under random faults, cancels and crashes', () => {
  it('never loses a payment, never charges twice, never leaves one unfinished', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.option(fc.record({ point: fc.constantFrom(...POINTS), nth: fc.integer({ min: 1, max: 3 }) }), {
          nil: undefined
        }),
        fc.option(fc.integer({ min: 0, max: 90_000 }), { nil: undefined }),
        async (seed, crash, cancelAfterMs) => {
          const clock = manualClock()
          const fake = new FakePockyt(clock)
          chaos(fake, prng(seed))
          let seen = 0
          let crashed = false
          let armed = true
          const first = await makeCheckout({
            clock,
            pockytClient: fake,
            hook: (p) => {
              if (!armed || !crash || p !== crash.point || ++seen !== crash.nth) return
              crashed = true
              return new Promise<void>(() => {})
            }
          })
          let env = first
          try {
            const sale = await first.sale(1000 + (seed % 5000))
            const h = first.checkout.handlers
            const accepted = h['payment:submitCode'](
              { saleId: sale.id, code: '134668918993771844' },
              ctx
            ) as Promise<PaymentView>
            accepted.catch(() => {})
            const start = clock.now()
            let cancelled = false
            await runUntil(
              clock,
              () => {
                if (cancelAfterMs !== undefined && !cancelled && clock.now() - start >= cancelAfterMs) {
                  cancelled = true
                  const cur = first.checkout.engine.current()
                  if (cur) first.checkout.engine.cancel(cur.id)
                }
                return crashed || first.checkout.engine.running().length === 0
              },
              600_000,
              250
            )
            armed = false
            if (crashed) {
              await first.close(false, 0)
              env = await makeCheckout({ clock, pockytClient: fake, dir: first.dir })
            }
            const engine = env.checkout.engine
            await runUntil(clock, () => engine.running().length === 0, 900_000, 250)
            // The cashier tries once more with a fresh scan if the sale is still unpaid.
            const saleNow = await env.checkout.handlers['sale:get']({ saleId: sale.id }, ctx)
            if (saleNow.status === 'draft') {
              const again = env.checkout.handlers['payment:submitCode'](
                { saleId: sale.id, code: '134668918993771844' },
                ctx
              ) as Promise<PaymentView>
              again.catch(() => {})
              await runUntil(clock, () => engine.running().length === 0, 900_000, 250)
            }

            const db = env.checkout.ledger.db
            const rows = db.prepare('SELECT * FROM payments').all() as Array<{
              reference: string
              state: string
              final_at: number | null
              sale_id: number
            }>
            const byRef = new Map(rows.map((r) => [r.reference, r]))
            const paid = [...fake.txs.values()].filter((t) => t.status === 'success')
            // every payment settled
            expect(rows.filter((r) => r.final_at === null)).toEqual([])
            // Pockyt's paid = the ledger's succeeded
            for (const t of paid) expect(byRef.get(t.reference)?.state).toBe('succeeded')
            for (const r of rows.filter((x) => x.state === 'succeeded')) {
              expect(paid.map((t) => t.reference)).toContain(r.reference)
            }
            // at most one paid transaction per sale, and pay never sent twice for one transaction
            expect(paid.length).toBeLessThanOrEqual(1)
            const pays = fake.calls
              .filter((c) => c.op === 'pay')
              .map((c) => (c.req as { transactionNo: string }).transactionNo)
            expect(new Set(pays).size).toBe(pays.length)
            // the sale says what its payments say
            const status = (await env.checkout.handlers['sale:get']({ saleId: sale.id }, ctx)).status
            expect(status).toBe(paid.length ? 'paid' : 'draft')
            expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
          } finally {
            await env.close()
            if (env !== first) await first.close()
          }
        }
      ),
      { numRuns: Number(process.env.CHAOS_RUNS ?? 60) }
    )
  }, 1_800_000)
})
