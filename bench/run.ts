/**
 * `npm run bench`: runs every `bench*` function exported by the files in bench/ (one per domain) and
 * prints one table. Each row carries the baseline it was compared with, measured in the same run.
 * `npm run bench -- transport pockyt` runs only the files whose names are given.
 */
import { readdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { printTable, type Row } from './lib'

async function main(): Promise<void> {
  const only = process.argv.slice(2)
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.ts') && !['run.ts', 'lib.ts'].includes(f))
    .filter((f) => only.length === 0 || only.includes(basename(f, '.ts')))
    .sort()
  const rows: Row[] = []
  for (const file of files) {
    const mod = (await import(join(__dirname, file))) as Record<string, unknown>
    for (const [name, fn] of Object.entries(mod)) {
      if (!name.startsWith('bench') || typeof fn !== 'function') continue
      console.error(`running ${file}: ${name} ...`)
      rows.push(...((await fn()) as Row[]))
    }
  }
  printTable(rows)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
