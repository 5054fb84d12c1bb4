#!/usr/bin/env node
// `npm run security`: runs @doyensec/electronegativity over the app's source (the folders named in
// electronegativity.config.json, tests left out) and fails on any HIGH or CRITICAL finding that the
// config does not explain, and on any file the tool could not parse (a file it skips is a file it did
// not check). Works offline: the tool's translation and Electron-release downloads fail and are
// ignored; the Electron version is taken from package.json instead.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'

/** Simple globs: `**` any folders, `*` any characters but `/`. */
function globToRegExp(glob) {
  const re = glob
    .split('**/')
    .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
    .join('(?:.*/)?')
  return new RegExp(`^${re}$`)
}

/**
 * Splits findings into failures (severity in failOn, not excepted), explained (matched an exception)
 * and to review (below failOn, not excepted). Also lists exceptions that matched nothing (stale).
 */
export function evaluate(findings, config) {
  const failOn = new Set(config.failOn.map((s) => s.toUpperCase()))
  const used = new Set()
  const out = { failures: [], explained: [], review: [], stale: [] }
  for (const f of findings) {
    const i = config.exceptions.findIndex((e) => e.check === f.check && (!e.file || e.file === f.file))
    if (i >= 0) {
      used.add(i)
      out.explained.push({ ...f, reason: config.exceptions[i].reason })
    } else if (failOn.has(f.severity.toUpperCase())) out.failures.push(f)
    else out.review.push(f)
  }
  out.stale = config.exceptions.filter((_, i) => !used.has(i))
  return out
}

/** Findings from the tool's CSV, with file paths made relative to the project. */
export function readFindings(csvText, scanRoot) {
  const rows = parse(csvText, { columns: true, trim: true, skip_empty_lines: true, relax_quotes: true })
  return rows.map((r) => {
    const file =
      r.filename && r.filename !== 'N/A'
        ? relative(scanRoot, r.filename.startsWith(sep) ? r.filename : join(scanRoot, r.filename))
            .split(sep)
            .join('/')
        : null
    return {
      check: r.issue,
      severity: r.severity,
      confidence: r.confidence,
      file,
      location: r.location,
      description: r.description
    }
  })
}

function run() {
  const root = join(fileURLToPath(import.meta.url), '..', '..')
  const config = JSON.parse(readFileSync(join(root, 'electronegativity.config.json'), 'utf8'))
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  const electronVersion = pkg.devDependencies?.electron ?? pkg.dependencies?.electron
  const tool = join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js')
  if (!existsSync(tool)) {
    console.error('security: @doyensec/electronegativity is not installed (npm ci)')
    return 1
  }
  const excluded = config.exclude.map(globToRegExp)
  const work = mkdtempSync(join(tmpdir(), 'qrc-eneg-'))
  const scanRoot = join(work, 'src')
  try {
    for (const dir of config.scan) {
      cpSync(join(root, dir), join(scanRoot, dir), {
        recursive: true,
        filter: (src) => {
          const rel = relative(root, src).split(sep).join('/')
          return !rel.includes('node_modules') && !excluded.some((re) => re.test(rel))
        }
      })
    }
    cpSync(join(root, 'package.json'), join(scanRoot, 'package.json'))
    const csv = join(work, 'findings.csv')
    const r = spawnSync(process.execPath, [tool, '-i', scanRoot, '-e', electronVersion, '-v', 'false', '-o', csv], {
      encoding: 'utf8',
      env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' },
      timeout: 300_000
    })
    const output = `${r.stdout ?? ''}\n${r.stderr ?? ''}`
    const parseErrors = output.split('\n').filter((l) => /Error parsing /.test(l))
    if (r.status !== 0 || !existsSync(csv)) {
      console.error(output)
      console.error(`security: electronegativity did not finish (exit ${r.status ?? r.signal})`)
      return 1
    }
    const result = evaluate(readFindings(readFileSync(csv, 'utf8'), scanRoot), config)
    const line = (f) =>
      `  ${f.severity.padEnd(8)} ${f.check} ${f.file ?? '(global)'}${f.location && f.location !== '0:0' ? `:${f.location}` : ''}`
    for (const f of result.explained) console.log(`${line(f)}  [explained in electronegativity.config.json]`)
    for (const f of result.review) console.log(`${line(f)}  [review: ${f.description}]`)
    for (const f of result.failures) console.error(`${line(f)}  FAIL: ${f.description}`)
    for (const e of result.stale)
      console.log(
        `  note: exception ${e.check}${e.file ? ` ${e.file}` : ''} matched nothing; remove it if the code changed`
      )
    for (const l of parseErrors) console.error(`  FAIL: ${l.trim()}`)
    const failed = result.failures.length + parseErrors.length
    console.log(
      `security: electronegativity ${electronVersion}-targeted scan of ${config.scan.join(', ')}: ${result.failures.length} unexplained high/critical, ${result.explained.length} explained, ${result.review.length} to review, ${parseErrors.length} parse errors`
    )
    return failed ? 1 : 0
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exit(run())
