/**
 * `npm run harness` on a damaged ledger stops with a message a person can act on (what happened, what
 * to do, the data folder) and exit code 1, not a stack trace. The CLI runs for real under tsx.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PosError } from '../../main/core/errors'
import { startupFailureText } from '../../main/harness/startup-error'

const ROOT = resolve(__dirname, '../..')
const TSX = join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx')

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qrc-harness-cli-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(TSX, [join(ROOT, 'main/harness/cli.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, POCKYT_TOKEN: '', POCKYT_BASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    child.on('error', fail)
    child.on('close', (code) => {
      clearTimeout(timer)
      done({ code, stdout, stderr })
    })
  })
}

describe('harness CLI start-up failures', () => {
  it('a garbage ledger: exit 1, what happened, what to do, the data folder, no stack trace', async () => {
    const garbage = Buffer.from('this is not an SQLite database, just bytes '.repeat(200))
    writeFileSync(join(dir, 'ledger.sqlite3'), garbage)
    const r = await runCli(['--port', '0', '--data-dir', dir])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('QRC POS cannot open its ledger')
    expect(r.stderr).toMatch(/What happened: The sales ledger .* is damaged/)
    expect(r.stderr).toContain(`What to do: Stop here and keep the damaged file`)
    expect(r.stderr).toContain(join(dir, 'backups'))
    expect(r.stderr).toContain(`Data folder: ${dir}`)
    expect(r.stderr).not.toMatch(/\n\s+at /)
    expect(r.stdout).not.toContain('listening')
    // The damaged file is left exactly as it was.
    expect(readFileSync(join(dir, 'ledger.sqlite3')).equals(garbage)).toBe(true)
  }, 40_000)
})

describe('startupFailureText', () => {
  const ledger = (reason: string) =>
    new PosError('LEDGER_UNAVAILABLE', `ledger problem (${reason})`, { reason, file: '/d/ledger.sqlite3' })

  it('says what to do for each ledger failure', () => {
    expect(startupFailureText(ledger('newer-version'), '/d')).toContain('Run the newer QRC POS that wrote it')
    expect(startupFailureText(ledger('io'), '/d')).toContain('free space')
    expect(startupFailureText(ledger('migration-failed'), '/d')).toContain('Data folder: /d')
  })

  it('any other failure: its message and the data folder, no stack', () => {
    const text = startupFailureText(new Error('port 5199 is in use'), '/d')
    expect(text).toBe('QRC POS harness failed to start: port 5199 is in use\nData folder: /d')
  })
})
