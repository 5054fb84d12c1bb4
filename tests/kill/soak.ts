/**
 * `npm run soak [-- --runs N --concurrency C]`: every kill point N times (default 50), C at a time
 * (default 2), then the counts per point: runs, killed at the boundary, lost, double-charged, phantom
 * (ledger paid, simulator not), unresolved, integrity failures, other problems. Exit 1 on any failure.
 */
import { KILL_POINTS, clean, runOnce, startSimulatorProcess, type KillPoint, type RunResult } from './harness'

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback
  if (!Number.isInteger(v) || v < 1) {
    console.error(`--${name} must be a positive integer`)
    process.exit(2)
  }
  return v
}

async function main() {
  const runs = arg('runs', 50)
  const concurrency = arg('concurrency', 2)
  const sim = await startSimulatorProcess()
  const started = Date.now()
  const queue: KillPoint[] = KILL_POINTS.flatMap((kp) => Array.from({ length: runs }, () => kp))
  const results: RunResult[] = []
  let done = 0
  const worker = async () => {
    for (let kp = queue.shift(); kp; kp = queue.shift()) {
      let r: RunResult
      try {
        r = await runOnce(sim.url, kp)
      } catch (e) {
        r = {
          point: kp.point,
          code: '?',
          jitterMs: 0,
          killed: false,
          lost: 0,
          doubleCharged: 0,
          phantom: 0,
          unresolved: 0,
          integrity: 'n/a',
          problems: [String(e)]
        }
      }
      results.push(r)
      if (!clean(r)) console.error('FAILED', JSON.stringify(r))
      if (++done % 25 === 0) process.stderr.write(`${done}/${KILL_POINTS.length * runs} runs\n`)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  await sim.close()

  const rows = KILL_POINTS.map((kp) => {
    const rs = results.filter((r) => r.point === kp.point)
    const sum = (f: (r: RunResult) => number) => rs.reduce((a, r) => a + f(r), 0)
    return {
      point: kp.point,
      runs: rs.length,
      killed: rs.filter((r) => r.killed).length,
      lost: sum((r) => r.lost),
      'double-charged': sum((r) => r.doubleCharged),
      phantom: sum((r) => r.phantom),
      unresolved: sum((r) => r.unresolved),
      'integrity failures': rs.filter((r) => r.integrity !== 'ok').length,
      problems: sum((r) => r.problems.length)
    }
  })
  console.table(rows)
  const total = (k: keyof (typeof rows)[number]) => rows.reduce((a, r) => a + Number(r[k]), 0)
  console.log(
    `runs ${total('runs')}, killed at the boundary ${total('killed')}, lost ${total('lost')}, double-charged ${total('double-charged')}, ` +
      `phantom ${total('phantom')}, unresolved ${total('unresolved')}, integrity failures ${total('integrity failures')}, ` +
      `problems ${total('problems')} (${Math.round((Date.now() - started) / 1000)} s)`
  )
  const bad = results.filter((r) => !clean(r)).length
  process.exit(bad ? 1 : 0)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
