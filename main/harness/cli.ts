/**
 * `npm run harness -- --port N --data-dir DIR`: builds the renderer, then serves the app on
 * http://127.0.0.1:N (cashier at /, customer display at /display.html). Ctrl+C stops it.
 */
import { parseArgs } from 'node:util'
import { resolve } from 'node:path'
import { startHarness } from './harness'
import { startupFailureText } from './startup-error'

/** Known once the arguments are read, for the failure message. */
let dataDirForErrors = resolve('.data/harness')

function usage(message: string): never {
  console.error(`${message}\nusage: npm run harness -- [--port N] [--data-dir DIR]`)
  process.exit(2)
}

async function main(): Promise<void> {
  let values
  try {
    ;({ values } = parseArgs({
      options: { port: { type: 'string', default: '5199' }, 'data-dir': { type: 'string', default: '.data/harness' } }
    }))
  } catch (e) {
    usage((e as Error).message)
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    usage(`--port must be a number from 0 to 65535, got "${values.port}"`)
  const dataDir = resolve(values['data-dir']!)
  dataDirForErrors = dataDir
  const harness = await startHarness({
    dataDir,
    port,
    log: (level, message, fields) => console.error(JSON.stringify({ level, message, ...fields }))
  })
  console.log(`QRC POS harness (data in ${dataDir})`)
  console.log(`cashier:  ${harness.url}/`)
  console.log(`display:  ${harness.url}/display.html`)
  console.log(`listening on ${harness.url}`)
  const stop = () => void harness.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e) => {
  // The reason and what to do, never a stack trace (a damaged ledger is LEDGER_UNAVAILABLE).
  console.error(startupFailureText(e, dataDirForErrors))
  process.exit(1)
})
