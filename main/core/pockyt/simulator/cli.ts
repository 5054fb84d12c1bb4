/**
 * `npm run simulator -- --port N [--time-scale F] [--verbose]`: the simulator on http://127.0.0.1:N.
 * Prints exactly `listening on http://127.0.0.1:N` once ready (N is the real port when 0 was asked).
 */
import { startSimulatorServer } from './server'

const USAGE = 'usage: npm run simulator -- --port N [--time-scale F] [--verbose]'

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`)
  process.exit(2)
}

function parseArgs(argv: readonly string[]): { port: number; timeScale: number; verbose: boolean } {
  let port = 0
  let timeScale = 1
  let verbose = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const [name, inline] = arg.includes('=') ? arg.split('=', 2) : [arg, undefined]
    const value = () => inline ?? argv[++i] ?? fail(`${name} needs a value`)
    if (name === '--port') {
      const v = value()
      if (!/^\d{1,5}$/.test(v) || Number(v) > 65535) fail(`--port must be 0-65535, got "${v}"`)
      port = Number(v)
    } else if (name === '--time-scale') {
      const v = value()
      timeScale = Number(v)
      if (!(timeScale > 0) || !Number.isFinite(timeScale)) fail(`--time-scale must be a positive number, got "${v}"`)
    } else if (name === '--verbose') {
      verbose = true
    } else if (name === '--help' || name === '-h') {
      process.stdout.write(`${USAGE}\n`)
      process.exit(0)
    } else {
      fail(`unknown option ${arg}`)
    }
  }
  return { port, timeScale, verbose }
}

async function main(): Promise<void> {
  const { port, timeScale, verbose } = parseArgs(process.argv.slice(2))
  const server = await startSimulatorServer({
    port,
    timeScale,
    log: verbose ? (line) => process.stderr.write(`${line}\n`) : undefined
  })
  process.stdout.write(`listening on ${server.url}\n`)
  const stop = () => {
    server.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((e: unknown) => {
  process.stderr.write(`simulator failed to start: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(1)
})
