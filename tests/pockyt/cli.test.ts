/** `npm run simulator -- --port N [--time-scale F]` prints the listening line and serves Pockyt calls. */
import { spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createPockytClient } from '../../main/core/pockyt/client'
import { SANDBOX_CREDENTIALS } from '../../main/core/pockyt/types'

const root = resolve(__dirname, '../..')
const tsx = resolve(root, 'node_modules/.bin/tsx')
const cli = 'main/core/pockyt/simulator/cli.ts'
let child: ChildProcess | undefined

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGTERM')
  child = undefined
})

function run(args: string[]): { firstLine: Promise<string>; exit: Promise<{ code: number | null; stderr: string }> } {
  child = spawn(tsx, [cli, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  const firstLine = new Promise<string>((res, rej) => {
    child!.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('\n')) res(out.split('\n')[0]!)
    })
    child!.once('exit', () => rej(new Error(`exited before printing: ${err}`)))
  })
  firstLine.catch(() => {})
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
  const exit = new Promise<{ code: number | null; stderr: string }>((res) =>
    child!.once('exit', (code) => res({ code, stderr: err }))
  )
  return { firstLine, exit }
}

describe('simulator CLI', () => {
  it('prints exactly "listening on http://127.0.0.1:N" and answers a signed call there', async () => {
    const { firstLine, exit } = run(['--port', '0', '--time-scale', '0.01'])
    const line = await firstLine
    const m = /^listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line)
    expect(m).not.toBeNull()
    expect(Number(m![2])).toBeGreaterThan(0)
    const client = createPockytClient({ baseUrl: m![1]!, ...SANDBOX_CREDENTIALS })
    const added = await client.add({ amountMinor: 1300, currency: 'USD', reference: 'cli-1' })
    expect(added).toMatchObject({ kind: 'ok', value: { status: 'init', amountMinor: 1300 } })
    child!.kill('SIGTERM')
    expect((await exit).code).toBe(0)
  })

  it.each([
    [['--port', 'abc'], /--port must be/],
    [['--time-scale', '0'], /--time-scale must be a positive number/],
    [['--bogus'], /unknown option --bogus/]
  ])('refuses %j with a usage message (exit 2)', async (args, message) => {
    const { exit } = run(args)
    const { code, stderr } = await exit
    expect(code).toBe(2)
    expect(stderr).toMatch(message)
    expect(stderr).toMatch(/usage: npm run simulator/)
  })
})
