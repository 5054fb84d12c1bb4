/**
 * Pockyt client + signer overhead per call, against the simulator over HTTP on 127.0.0.1, compared
 * with a bare `fetch` of the very same request (same URL, headers, pre-signed body) in the same run,
 * interleaved call by call so both see the same machine noise. Goal: overhead under 1 ms p95.
 * Run alone: `npx tsx bench/pockyt.ts`.
 */
import { createPockytClient, POCKYT_PATHS, type FetchLike } from '../main/core/pockyt/client'
import { signParams } from '../main/core/pockyt/sign'
import { startSimulatorServer } from '../main/core/pockyt/simulator/server'
import { SANDBOX_CREDENTIALS, type PockytOutcome } from '../main/core/pockyt/types'
import { percentile, printTable, sample, type Row } from './lib'

const RUNS = 400
const WARMUP = 40
const ms = (n: number) => n.toFixed(3)

function mustBeOk<T>(o: PockytOutcome<T>): T {
  if (o.kind !== 'ok') throw new Error(`bench setup: ${JSON.stringify(o)}`)
  return o.value
}

export async function benchPockyt(): Promise<Row[]> {
  const server = await startSimulatorServer()
  try {
    // Time spent inside fetch (including reading the body), so the client's own share can be isolated.
    let inFetch = 0
    const timedFetch: FetchLike = async (url, init) => {
      const t = performance.now()
      const res = await fetch(url, init)
      const body = await res.arrayBuffer()
      inFetch += performance.now() - t
      return new Response(body, { status: res.status, headers: res.headers })
    }
    const settings = { baseUrl: server.url, ...SANDBOX_CREDENTIALS }
    const client = createPockytClient(settings, { fetch: timedFetch, log: () => {} })
    const tx = mustBeOk(await client.add({ amountMinor: 1300, currency: 'USD', reference: 'bench-paid' }))
    mustBeOk(await client.pay({ transactionNo: tx.transactionNo, paymentBarcode: '134668918993771844' }))

    const url = server.url + POCKYT_PATHS.query
    const headers = { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' }
    const body = JSON.stringify(
      signParams(
        { ...SANDBOX_CREDENTIALS, token: undefined, transactionNo: tx.transactionNo },
        SANDBOX_CREDENTIALS.token
      )
    )
    const bareCall = async () => {
      const res = await fetch(url, { method: 'POST', headers, body })
      await res.text()
    }

    const clientMs: number[] = []
    const bareMs: number[] = []
    const overheadMs: number[] = []
    for (let i = 0; i < WARMUP + RUNS; i++) {
      inFetch = 0
      let t = performance.now()
      mustBeOk(await client.query({ transactionNo: tx.transactionNo }))
      const total = performance.now() - t
      const fetchShare = inFetch
      t = performance.now()
      await bareCall()
      const bare = performance.now() - t
      if (i < WARMUP) continue
      clientMs.push(total)
      bareMs.push(bare)
      overheadMs.push(total - fetchShare)
    }

    // add: signs more fields, converts money, checks the answer against the request.
    let seq = 0
    const addOverhead: number[] = []
    const addTotal = await sample(async () => {
      inFetch = 0
      const t = performance.now()
      mustBeOk(await client.add({ amountMinor: 2599, currency: 'USD', reference: `bench-${++seq}` }))
      addOverhead.push(performance.now() - t - inFetch)
    }, RUNS)
    addOverhead.splice(0, addOverhead.length - RUNS)

    const signOnly = await sample(
      () =>
        signParams(
          {
            ...SANDBOX_CREDENTIALS,
            token: undefined,
            transactionNo: tx.transactionNo,
            paymentBarcode: '134668918993771844',
            vendor: 'wechatpay'
          },
          SANDBOX_CREDENTIALS.token
        ),
      5000
    )

    // The client alone over a canned in-memory answer: no socket, so no scheduler noise in the figure.
    const canned = await fetch(url, { method: 'POST', headers, body }).then((r) => r.text())
    const inMemory = createPockytClient(settings, {
      fetch: async () => new Response(canned, { status: 200 }),
      log: () => {}
    })
    const bareCanned = await sample(() => new Response(canned, { status: 200 }).text(), 5000)
    const clientCanned = await sample(
      async () => mustBeOk(await inMemory.query({ transactionNo: tx.transactionNo })),
      5000
    )

    const p = (xs: number[], q: number) => percentile(xs, q)
    return [
      {
        name: 'pockyt query via client (HTTP simulator)',
        p50: p(clientMs, 50),
        p95: p(clientMs, 95),
        unit: 'ms',
        baseline: `bare fetch p50 ${ms(p(bareMs, 50))} p95 ${ms(p(bareMs, 95))}`,
        note: `ratio p50 ${(p(clientMs, 50) / p(bareMs, 50)).toFixed(2)}x p95 ${(p(clientMs, 95) / p(bareMs, 95)).toFixed(2)}x`
      },
      {
        name: 'pockyt client+signer overhead per query',
        p50: p(overheadMs, 50),
        p95: p(overheadMs, 95),
        unit: 'ms',
        note: `call time minus time inside fetch; goal p95 < 1 ms: ${p(overheadMs, 95) < 1 ? 'met' : 'NOT met'}`
      },
      {
        name: 'pockyt client+signer overhead per add',
        p50: p(addOverhead, 50),
        p95: p(addOverhead, 95),
        unit: 'ms',
        note: `whole add p50 ${ms(p(addTotal, 50))} p95 ${ms(p(addTotal, 95))}`
      },
      {
        name: 'pockyt query via client, in-memory answer',
        p50: p(clientCanned, 50),
        p95: p(clientCanned, 95),
        unit: 'ms',
        baseline: `reading the same Response p50 ${ms(p(bareCanned, 50))} p95 ${ms(p(bareCanned, 95))}`,
        note: 'sign + JSON + timeout/abort plumbing + zod + checks, no socket'
      },
      { name: 'pockyt signParams (pay, 5 fields)', p50: p(signOnly, 50), p95: p(signOnly, 95), unit: 'ms' }
    ]
  } finally {
    await server.close()
  }
}

if (process.argv[1]?.replace(/\\/g, '/').endsWith('bench/pockyt.ts')) {
  benchPockyt().then(printTable, (e: unknown) => {
    console.error(e)
    process.exit(1)
  })
}
