/**
 * The kill test's parent side: the simulator in its own process (it holds the truth), the engine in a
 * child process with its own ledger, SIGKILLed at a step boundary, restarted, then every claim checked
 * against the simulator: what it holds as paid is succeeded in the ledger with the same amount, no sale
 * is paid twice, nothing is left unresolved, and the ledger passes `integrity_check`.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import type { HookPoint } from '../../main/core/payment/engine'
import { createPockytClient } from '../../main/core/pockyt/client'
import { SANDBOX_CREDENTIALS, type PockytTransaction } from '../../main/core/pockyt/types'

const ROOT = resolve(__dirname, '../..')
const CHILD = join(ROOT, 'tests/kill/child.ts')
const SIMULATOR_CLI = join(ROOT, 'main/core/pockyt/simulator/cli.ts')

/** Simulated time runs 20x faster in both processes: a 60 s payment timeout takes 3 s. */
export const TIME_SCALE = 0.05

export interface KillPoint {
  point: HookPoint
  /** Which occurrence of the boundary (2 = the second query while polling). */
  nth?: number
  /** Scenario codes (last 3 digits) that pass through this boundary; one is picked per run. */
  codes: string[]
  /** The cashier presses Cancel as soon as the payment is pending (to reach `cancel` quickly). */
  cancelWhenPending?: boolean
}

/** The step boundaries from issue 4, with the simulator scenarios that exercise each. */
export const KILL_POINTS: readonly KillPoint[] = [
  { point: 'attempt-written', codes: ['000', '901', '902'] },
  { point: 'add-in-flight', codes: ['000', '901', '905'] },
  { point: 'add-answered', codes: ['000', '901'] },
  { point: 'pay-announced', codes: ['000', '901', '907'] },
  { point: 'pay-in-flight', codes: ['000', '901', '902', '905', '906', '907', '908', '909'] },
  { point: 'pay-answered', codes: ['000', '902', '905', '907', '908'] },
  { point: 'query-answered', codes: ['901', '903', '904', '909'] },
  { point: 'cancel-in-flight', codes: ['901', '903', '909'], cancelWhenPending: true }
]

export interface SimulatorProcess {
  url: string
  close(): Promise<void>
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((res) => child.once('exit', (code, signal) => res({ code, signal })))
}

/** Starts `main/core/pockyt/simulator/cli.ts` in its own process and waits for its "listening on" line. */
export async function startSimulatorProcess(timeScale = TIME_SCALE): Promise<SimulatorProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', SIMULATOR_CLI, '--port', '0', '--time-scale', String(timeScale)],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  const url = await new Promise<string>((res, rej) => {
    let out = ''
    let err = ''
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (m) res(m[1]!)
    })
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
    child.once('exit', (code) => rej(new Error(`simulator exited (${code}): ${err}`)))
  })
  return {
    url,
    async close() {
      const done = exited(child)
      child.kill('SIGTERM')
      await done
    }
  }
}

function runChild(
  env: Record<string, string>
): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  let err = ''
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
  const t0 = Date.now()
  return exited(child).then((r) => {
    if (process.env.KILL_DEBUG) console.error(env.MODE, Date.now() - t0, 'ms', out.trim(), err.trim().slice(0, 300))
    return { ...r, out, err }
  })
}

export interface RunResult {
  point: HookPoint
  code: string
  jitterMs: number
  /** The child died by SIGKILL at the boundary (false: the scenario never passed through it). */
  killed: boolean
  /** Transactions the simulator holds as paid that the ledger does not show as succeeded, same amount. */
  lost: number
  /** Sales with more than one transaction the simulator holds as paid. */
  doubleCharged: number
  /** Ledger payments succeeded that the simulator does not hold as paid. */
  phantom: number
  /** Payments not final after recovery. */
  unresolved: number
  integrity: string
  /** Something else went wrong (a child crashed, a sale status disagrees); empty when fine. */
  problems: string[]
}

const rand = (n: number) => Math.floor(Math.random() * n)
const WALLET = (suffix: string) => `134668918993771${suffix}`

/** The simulator's transactions for one terminal (the run's), read over HTTP with trans-list. */
async function simTransactions(simUrl: string, prefix: string): Promise<PockytTransaction[]> {
  const client = createPockytClient({ baseUrl: simUrl, ...SANDBOX_CREDENTIALS })
  const day = (offset: number) =>
    new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '')
  const out = await client.transList({ startDate: day(-1), endDate: day(1) })
  if (out.kind !== 'ok') throw new Error(`trans-list failed: ${JSON.stringify(out)}`)
  return out.value.filter((t) => t.reference?.startsWith(prefix))
}

let runCounter = 0

/** One kill-and-recover run at `kp`, checked against the simulator. */
export async function runOnce(simUrl: string, kp: KillPoint): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'qrc-kill-'))
  // One terminal id per run: the run's references (and so its simulator transactions) carry it.
  const terminal = `K${(runCounter++).toString(36).padStart(3, '0')}`
  const code = kp.codes[rand(kp.codes.length)]!
  const inFlight = kp.point.endsWith('in-flight')
  const jitterMs = inFlight ? rand(30) : rand(3)
  const base = {
    LEDGER_DIR: dir,
    SIM_URL: simUrl,
    TERMINAL: terminal,
    TIME_SCALE: String(TIME_SCALE),
    CLOCK_ANCHOR: String(Date.now()),
    RETRY_CODE: WALLET(String(100 + rand(800))),
    PRICE: String(100 + rand(50_000))
  }
  const problems: string[] = []
  try {
    const first = await runChild({
      ...base,
      MODE: 'pay',
      CODE: WALLET(code),
      KILL_POINT: kp.point,
      KILL_NTH: String(kp.nth ?? 1),
      KILL_JITTER_MS: String(jitterMs),
      CANCEL_WHEN_PENDING: kp.cancelWhenPending ? '1' : '0'
    })
    const killed = first.signal === 'SIGKILL'
    if (!killed && first.code !== 0) problems.push(`engine exited ${first.code}: ${first.err.slice(0, 500)}`)
    const second = await runChild({ ...base, MODE: 'recover' })
    if (second.code !== 0) problems.push(`recovery exited ${second.code ?? second.signal}: ${second.err.slice(0, 500)}`)

    const db = new Database(join(dir, 'ledger.sqlite3'), { readonly: true })
    const integrity = String(db.pragma('integrity_check', { simple: true }))
    const payments = db.prepare('SELECT * FROM payments').all() as Array<{
      sale_id: number
      reference: string
      state: string
      amount_minor: number
      final_at: number | null
      transaction_no: string | null
    }>
    const sales = db.prepare('SELECT id, status, total_minor FROM sales').all() as Array<{
      id: number
      status: string
      total_minor: number
    }>
    db.close()

    const prefix = payments[0]?.reference.split('-')[0] ?? `Q300014${terminal}`
    const sim = await simTransactions(simUrl, `${prefix}-`)
    const paid = sim.filter((t) => t.status === 'success')
    const byRef = new Map(payments.map((p) => [p.reference, p]))
    const lost = paid.filter((t) => {
      const p = byRef.get(t.reference!)
      return !p || p.state !== 'succeeded' || p.amount_minor !== t.amountMinor || p.transaction_no !== t.transactionNo
    }).length
    const paidPerSale = new Map<number, number>()
    for (const t of paid) {
      const sale = byRef.get(t.reference!)?.sale_id ?? -1
      paidPerSale.set(sale, (paidPerSale.get(sale) ?? 0) + 1)
    }
    const doubleCharged = [...paidPerSale.values()].filter((n) => n > 1).length
    const paidRefs = new Set(paid.map((t) => t.reference))
    const phantom = payments.filter((p) => p.state === 'succeeded' && !paidRefs.has(p.reference)).length
    const unresolved = payments.filter((p) => p.final_at === null).length
    for (const s of sales) {
      const won = payments.some((p) => p.sale_id === s.id && p.state === 'succeeded')
      if (won !== (s.status === 'paid'))
        problems.push(`sale ${s.id} is ${s.status} but ${won ? 'has' : 'has no'} succeeded payment`)
    }
    if (payments.length && !sales.some((s) => s.status === 'paid'))
      problems.push('the sale was never paid, even after the retry')
    return { point: kp.point, code, jitterMs, killed, lost, doubleCharged, phantom, unresolved, integrity, problems }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** True when the run upheld every guarantee. */
export const clean = (r: RunResult) =>
  r.lost === 0 &&
  r.doubleCharged === 0 &&
  r.phantom === 0 &&
  r.unresolved === 0 &&
  r.integrity === 'ok' &&
  r.problems.length === 0
