#!/usr/bin/env node
// `npm test`: every check and every suite, in the order a failure is cheapest to find, and ONE closing
// line "N passed, N failed" that counts every test run (Vitest suites count their tests; lint, format,
// types, build and the builder-config check count one each). Runs everything even after a failure.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const countsFile = join(mkdtempSync(join(tmpdir(), 'qrc-counts-')), 'counts.jsonl')
const env = { ...process.env, QRC_TEST_COUNTS: countsFile }
const bin = (name) => join('node_modules', '.bin', name)

/** [label, command, args, kind]: kind 'check' counts as one test; 'suite' reports its own counts. */
const steps = [
  ['lint', bin('eslint'), ['.', '--max-warnings=0'], 'check'],
  ['format', bin('prettier'), ['--check', '.', '--log-level=warn'], 'check'],
  ['types', bin('vue-tsc'), ['--build'], 'check'],
  ['unit', bin('vitest'), ['run'], 'suite'],
  ['build', bin('electron-vite'), ['build'], 'check'],
  ['e2e', bin('vitest'), ['run', '-c', 'vitest.e2e.config.mts'], 'suite'],
  ['builder-config', 'node', ['scripts/check-builder-config.mjs'], 'check'],
  ['security', 'node', ['scripts/security-check.mjs'], 'check'],
  ['bundle-secrets', 'node', ['scripts/check-bundle-secrets.mjs'], 'check']
]

let checksPassed = 0
let checksFailed = 0
const failedSteps = []
for (const [label, cmd, args, kind] of steps) {
  const started = Date.now()
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`)
  const r = spawnSync(cmd, args, { stdio: 'inherit', env })
  const ok = r.status === 0
  console.log(
    `=== ${label}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`
  )
  if (!ok) failedSteps.push(label)
  if (kind === 'check') {
    if (ok) checksPassed++
    else checksFailed++
  }
  // A suite that crashed before reporting still counts as one failure.
  else if (!ok && !readCounts().some((c) => c.label === undefined && c.failed > 0)) checksFailed++
}

function readCounts() {
  if (!existsSync(countsFile)) return []
  return readFileSync(countsFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
}

const suites = readCounts()
const passed = checksPassed + suites.reduce((n, c) => n + c.passed, 0)
const failed = checksFailed + suites.reduce((n, c) => n + c.failed, 0)
const skipped = suites.reduce((n, c) => n + c.skipped, 0)
if (failedSteps.length) console.log(`\nfailed steps: ${failedSteps.join(', ')}`)
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failedSteps.length ? 1 : 0)
