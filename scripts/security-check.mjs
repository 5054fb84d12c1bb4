#!/usr/bin/env node
// `npm run security`: runs @doyensec/electronegativity over the app's source (the folders named in
// electronegativity.config.json, tests left out) and fails on any HIGH or CRITICAL finding that the
// config does not explain, and on any file the tool could not parse (a file it skips is a file it did
// not check). The tool's own runner is called in a child process, because its CLI reports parse errors
// only on screen and not at all when writing a report file. Works offline: the tool's translation and
// Electron-release downloads fail and are ignored; the Electron version comes from package.json.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

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

/**
 * The tool reads .js/.ts/.html only. Each Vue single-file component in the copy gets its scripts as a
 * sibling `.vue.ts` and its template as a `.vue.html`, so the renderer's components are checked too.
 */
export function splitVueFiles(dir) {
  let count = 0
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) {
      count += splitVueFiles(path)
      continue
    }
    if (!name.endsWith('.vue')) continue
    const text = readFileSync(path, 'utf8')
    const scripts = [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1])
    const template = /<template\b[^>]*>([\s\S]*)<\/template>/.exec(text)?.[1]
    if (scripts.length) writeFileSync(`${path}.ts`, scripts.join('\n'))
    if (template) writeFileSync(`${path}.html`, `<template>${template}</template>`)
    count++
  }
  return count
}

/** Findings and parse errors from the tool's runner result, with paths relative to the scanned root. */
export function readResult(result, scanRoot) {
  const rel = (file) => (file && file !== 'N/A' ? relative(scanRoot, file).split(sep).join('/') : null)
  return {
    findings: result.issues.map((i) => ({
      check: i.id,
      severity: i.severity,
      file: rel(i.file),
      location: `${i.line}:${i.column}`,
      description: i.description
    })),
    parseErrors: result.errors.map((e) => ({ file: rel(e.file), message: e.message, tolerable: e.tolerable }))
  }
}

/** The child program: runs the tool's runner (not its CLI) and prints the result as JSON after a marker. */
const CHILD = `
const m = require(process.argv[1]); const run = m.default ?? m
run({ input: process.argv[2], customScan: [], excludeFromScan: [], isRelative: false, isVerbose: false,
      electronVersionOverride: process.argv[3], parserPlugins: [] }, false)
  .then((r) => process.stdout.write('\\n@@RESULT@@' + JSON.stringify({
    errors: r.errors,
    issues: r.issues.map((i) => ({ id: i.id, severity: i.severity.name ?? String(i.severity), file: i.file,
      line: i.location.line, column: i.location.column, description: i.description }))
  })))
  .catch((e) => { console.error(e && e.stack || e); process.exit(1) })
`

function run() {
  const root = join(fileURLToPath(import.meta.url), '..', '..')
  const config = JSON.parse(readFileSync(join(root, 'electronegativity.config.json'), 'utf8'))
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  const electronVersion = pkg.devDependencies?.electron ?? pkg.dependencies?.electron
  const tool = join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'runner.js')
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
    const components = splitVueFiles(scanRoot)
    const r = spawnSync(process.execPath, ['-e', CHILD, tool, scanRoot, electronVersion], {
      encoding: 'utf8',
      // The tool looks its messages up by LANG; en-US is the locale file it ships.
      env: { ...process.env, LANG: 'en-US' },
      timeout: 300_000,
      maxBuffer: 64 * 1024 * 1024
    })
    const marker = (r.stdout ?? '').lastIndexOf('@@RESULT@@')
    if (r.status !== 0 || marker < 0) {
      console.error(`${r.stdout ?? ''}\n${r.stderr ?? ''}`)
      console.error(`security: electronegativity did not finish (exit ${r.status ?? r.signal})`)
      return 1
    }
    const { findings, parseErrors } = readResult(JSON.parse(r.stdout.slice(marker + '@@RESULT@@'.length)), scanRoot)
    const result = evaluate(findings, config)
    const line = (f) =>
      `  ${f.severity.padEnd(8)} ${f.check} ${f.file ?? '(global)'}${f.location && f.location !== '0:0' ? `:${f.location}` : ''}`
    for (const f of result.explained) console.log(`${line(f)}  [explained in electronegativity.config.json]`)
    for (const f of result.review) console.log(`${line(f)}  [review: ${f.description}]`)
    for (const f of result.failures) console.error(`${line(f)}  FAIL: ${f.description}`)
    for (const e of result.stale)
      console.log(
        `  note: exception ${e.check}${e.file ? ` ${e.file}` : ''} matched nothing; remove it if the code changed`
      )
    for (const e of parseErrors) {
      if (e.tolerable) console.log(`  note: ${e.file} parsed with a warning: ${e.message}`)
      else console.error(`  FAIL: ${e.file} could not be parsed, so it was not checked: ${e.message}`)
    }
    const unparsed = parseErrors.filter((e) => !e.tolerable)
    const failed = result.failures.length + unparsed.length
    console.log(
      `security: electronegativity ${electronVersion}-targeted scan of ${config.scan.join(', ')} (${components} Vue components included): ${result.failures.length} unexplained high/critical, ${result.explained.length} explained, ${result.review.length} to review, ${unparsed.length} files not parsed`
    )
    return failed ? 1 : 0
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exit(run())
