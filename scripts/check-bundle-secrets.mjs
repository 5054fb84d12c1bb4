#!/usr/bin/env node
// The token must never reach a bundle. Builds the app into a temporary folder with a canary token in
// every variable a build could pick up (POCKYT_TOKEN, VITE_POCKYT_TOKEN, MAIN_VITE_/RENDERER_VITE_/
// PRELOAD_VITE_ variants), then searches every output file (renderer, preload and main) for it.
// Exit 0 and "bundle secrets: ok" when absent; exit 1 naming each file that holds it.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'

const canary = `QrcBundleCanary${randomBytes(10).toString('hex')}`
const outDir = mkdtempSync(join(tmpdir(), 'qrc-bundle-'))
const env = { ...process.env }
for (const name of [
  'POCKYT_TOKEN',
  'VITE_POCKYT_TOKEN',
  'MAIN_VITE_POCKYT_TOKEN',
  'RENDERER_VITE_POCKYT_TOKEN',
  'PRELOAD_VITE_POCKYT_TOKEN'
]) {
  env[name] = canary
}

const files = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? files(p) : [p]
  })

let code = 0
try {
  const build = spawnSync(
    join('node_modules', '.bin', 'electron-vite'),
    ['build', '--outDir', outDir, '--logLevel', 'error'],
    {
      env,
      stdio: 'inherit'
    }
  )
  if (build.status !== 0) {
    console.error(`bundle secrets: the build failed (exit ${build.status ?? build.signal})`)
    code = 1
  } else {
    const all = files(outDir)
    const leaks = all.filter((f) => readFileSync(f).includes(canary))
    if (!all.some((f) => f.includes(join('renderer', '')))) {
      console.error('bundle secrets: no renderer output was produced')
      code = 1
    }
    for (const f of leaks)
      console.error(`bundle secrets: the token from the environment is in ${f.slice(outDir.length + 1)}`)
    if (leaks.length) code = 1
    if (code === 0) console.log(`bundle secrets: ok (${all.length} files searched)`)
  }
} finally {
  rmSync(outDir, { recursive: true, force: true })
}
process.exit(code)
