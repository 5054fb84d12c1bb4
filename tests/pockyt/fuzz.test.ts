/**
 * Response fuzzing: whatever comes back (random bodies, wrong types, missing fields, truncated JSON,
 * 5xx with a success body), the client never answers `ok` and never throws.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { createPockytClient } from '../../main/core/pockyt/client'
import { SANDBOX_CREDENTIALS, type PockytClient, type PockytOutcome } from '../../main/core/pockyt/types'

const TX = '297553638241892410'
const validResult = {
  amount: '13.00',
  currency: 'USD',
  reference: 'ref-1',
  transactionNo: TX,
  transactionStatus: 'success',
  refundAmount: '0.00',
  paymentTime: '2020-10-12 22:38:16'
}
const validBody = { result: validResult, ret_code: '000100', ret_msg: 'prepay success' }

/** A client whose every answer is `status` + `body`. */
function clientAnswering(status: number, body: string): PockytClient {
  return createPockytClient(
    { baseUrl: 'https://mapi.yuansferdev.com', ...SANDBOX_CREDENTIALS },
    { fetch: async () => new Response(body, { status, headers: { 'content-type': 'application/json' } }) }
  )
}

const callAll = async (c: PockytClient): Promise<PockytOutcome<unknown>[]> => [
  await c.pay({ transactionNo: TX, paymentBarcode: '134668918993771844' }),
  await c.query({ transactionNo: TX }),
  await c.cancel({ transactionNo: TX }),
  await c.add({ amountMinor: 1300, currency: 'USD', reference: 'ref-1' }),
  await c.refund({ transactionNo: TX, refundAmountMinor: 100, currency: 'USD', refundReference: 'rf' }),
  await c.transList({ startDate: '20201012', endDate: '20201012' })
]

/** Values that are never valid for the field they replace. */
const invalidFor: Record<string, fc.Arbitrary<unknown>> = {
  transactionNo: fc.oneof(
    fc.integer(),
    fc.double(),
    fc.constant(Number('297553638241892410')),
    fc.string().filter((s) => !/^\d{18}$/.test(s)),
    fc.constant(null),
    fc.boolean(),
    fc.array(fc.string())
  ),
  amount: fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.object(),
    fc.array(fc.nat()),
    fc.constant('13.001'),
    fc.constant(-13),
    fc.constant(Number.NaN),
    fc.string().filter((s) => !/^\s*\d+(\.\d*)?\s*$/.test(s))
  ),
  currency: fc.oneof(
    fc.constant(null),
    fc.integer(),
    fc.string().filter((s) => !/^[A-Z]{3}$/.test(s)),
    fc.constant('XXX')
  ),
  transactionStatus: fc.oneof(
    fc.constant(null),
    fc.integer(),
    fc.object(),
    fc
      .string()
      .filter(
        (s) =>
          !['init', 'pending', 'dealing', 'success', 'failed', 'fail', 'closed', 'reversed'].includes(
            s.trim().toLowerCase()
          )
      )
  )
}

describe('response fuzzing', () => {
  it('the valid body is ok for pay (so the mutations below are meaningful)', async () => {
    const o = await clientAnswering(200, JSON.stringify(validBody)).pay({
      transactionNo: TX,
      paymentBarcode: '134668918993771844'
    })
    expect(o.kind).toBe('ok')
  })

  it('random bodies are never ok and never throw', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v))
        ),
        fc.integer({ min: 100, max: 599 }).filter((s) => s !== 101 && s !== 204 && s !== 205 && s !== 304 && s >= 200),
        async (body, status) => {
          const outcomes = await callAll(clientAnswering(status, body))
          return outcomes.every((o) => o.kind !== 'ok')
        }
      ),
      { numRuns: 150 }
    )
  })

  it('random envelopes with ret_code 000100 and a random result are never ok', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (result) => {
        const outcomes = await callAll(
          clientAnswering(200, JSON.stringify({ result, ret_code: '000100', ret_msg: '' }))
        )
        const list = outcomes.pop()!
        // An empty list is a valid trans-list answer; nothing else random is.
        const emptyList = Array.isArray(result) && result.length === 0
        return outcomes.every((o) => o.kind !== 'ok') && (list.kind !== 'ok' || emptyList)
      }),
      { numRuns: 150 }
    )
  })

  it('a required field missing or of the wrong type is never ok', async () => {
    const field = fc.constantFrom(...Object.keys(invalidFor))
    await fc.assert(
      fc.asyncProperty(
        field.chain((f) => fc.tuple(fc.constant(f), fc.option(invalidFor[f]!, { nil: undefined }))),
        async ([f, value]) => {
          const result: Record<string, unknown> = { ...validResult }
          if (value === undefined) delete result[f]
          else result[f] = value
          const o = await clientAnswering(200, JSON.stringify({ ...validBody, result })).pay({
            transactionNo: TX,
            paymentBarcode: '134668918993771844'
          })
          return o.kind === 'unknown'
        }
      ),
      { numRuns: 200 }
    )
  })

  it('a wrong envelope (ret_code missing, numeric, odd) is never ok', async () => {
    const retCode = fc.oneof(
      fc.constant(undefined),
      fc.constant(100),
      fc.constant('100'),
      fc.constant(null),
      fc.string()
    )
    await fc.assert(
      fc.asyncProperty(retCode, async (rc) => {
        const body = JSON.stringify({ result: validResult, ret_code: rc })
        return (await callAll(clientAnswering(200, body))).every((o) => o.kind !== 'ok')
      }),
      { numRuns: 100 }
    )
  })

  it('truncated JSON of a valid success body is never ok', async () => {
    const full = JSON.stringify(validBody)
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: full.length - 1 }), async (cut) => {
        const o = await clientAnswering(200, full.slice(0, cut)).pay({
          transactionNo: TX,
          paymentBarcode: '134668918993771844'
        })
        return o.kind === 'unknown' && o.reason === 'malformed'
      }),
      { numRuns: 100 }
    )
  })

  it('a 5xx with a perfect success body is unknown', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 500, max: 599 }), async (status) => {
        const o = await clientAnswering(status, JSON.stringify(validBody)).pay({
          transactionNo: TX,
          paymentBarcode: '134668918993771844'
        })
        return o.kind === 'unknown' && o.reason === 'http'
      }),
      { numRuns: 30 }
    )
  })

  it('a fetch that throws anything, or a body that fails to read, is unknown (network)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (thrown) => {
        const c = createPockytClient(
          { baseUrl: 'https://mapi.yuansferdev.com', ...SANDBOX_CREDENTIALS },
          { fetch: async () => Promise.reject(thrown) }
        )
        const o = await c.query({ transactionNo: TX })
        return o.kind === 'unknown' && o.reason === 'network'
      }),
      { numRuns: 50 }
    )
    const broken = createPockytClient(
      { baseUrl: 'https://mapi.yuansferdev.com', ...SANDBOX_CREDENTIALS },
      {
        fetch: async () =>
          new Response(new ReadableStream({ start: (c) => c.error(new Error('reset')) }), { status: 200 })
      }
    )
    expect(await broken.query({ transactionNo: TX })).toMatchObject({ kind: 'unknown', reason: 'network' })
  })

  it('a logger that throws does not cost the caller the outcome', async () => {
    const c = createPockytClient(
      { baseUrl: 'https://mapi.yuansferdev.com', ...SANDBOX_CREDENTIALS },
      {
        fetch: async () => new Response(JSON.stringify(validBody), { status: 200 }),
        log: () => {
          throw new Error('disk full')
        }
      }
    )
    expect((await c.pay({ transactionNo: TX, paymentBarcode: '134668918993771844' })).kind).toBe('ok')
  })
})
