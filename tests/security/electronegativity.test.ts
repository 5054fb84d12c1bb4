import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { evaluate, readResult, splitVueFiles } from '../../scripts/security-check.mjs'

const config = JSON.parse(readFileSync('electronegativity.config.json', 'utf8'))

describe('security check policy (scripts/security-check.mjs)', () => {
  it('every exception in the config explains itself', () => {
    expect(config.failOn).toEqual(['HIGH', 'CRITICAL'])
    for (const e of config.exceptions) expect(e.reason.length, e.check).toBeGreaterThan(40)
  })

  it('fails an unexplained HIGH or CRITICAL, prints MEDIUM for review, and an exception only covers its file', () => {
    const issue = (id: string, severity: string, file: string, description = 'd') => ({
      id,
      severity,
      file,
      line: 1,
      column: 2,
      description
    })
    const { findings, parseErrors } = readResult(
      {
        errors: [{ file: '/scan/main/broken.ts', message: 'Unexpected token (1:18)', tolerable: false }],
        issues: [
          issue('CONTEXT_ISOLATION_JS_CHECK', 'HIGH', '/scan/main/windows.ts'),
          issue('PRELOAD_JS_CHECK', 'MEDIUM', '/scan/main/windows.ts'),
          issue('PRELOAD_JS_CHECK', 'MEDIUM', '/scan/main/other.ts'),
          issue('CSP_GLOBAL_CHECK', 'MEDIUM', 'N/A'),
          issue('NODE_INTEGRATION_JS_CHECK', 'CRITICAL', '/scan/renderer/x.ts')
        ]
      },
      '/scan'
    )
    expect(parseErrors).toEqual([{ file: 'main/broken.ts', message: 'Unexpected token (1:18)', tolerable: false }])
    expect(findings.map((f) => f.file)).toEqual([
      'main/windows.ts',
      'main/windows.ts',
      'main/other.ts',
      null,
      'renderer/x.ts'
    ])
    const r = evaluate(findings, config)
    expect(r.failures.map((f) => f.check)).toEqual(['CONTEXT_ISOLATION_JS_CHECK', 'NODE_INTEGRATION_JS_CHECK'])
    expect(r.explained.map((f) => `${f.check} ${f.file}`)).toEqual([
      'PRELOAD_JS_CHECK main/windows.ts',
      'CSP_GLOBAL_CHECK null'
    ])
    expect(r.review.map((f) => f.file)).toEqual(['main/other.ts'])
    // Exceptions that matched nothing in this input are listed as stale; the used ones are not.
    expect(r.stale.map((e) => e.check)).toContain('OPEN_EXTERNAL_JS_CHECK')
    expect(r.stale.map((e) => e.check)).not.toContain('PRELOAD_JS_CHECK')
    expect(r.stale.map((e) => e.check)).not.toContain('CSP_GLOBAL_CHECK')
  })

  it('splits Vue components into their script and template so the tool reads them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qrc-vue-split-'))
    mkdirSync(join(dir, 'sub'))
    writeFileSync(
      join(dir, 'sub', 'ThingCard.vue'),
      '<script setup lang="ts">\nconst a = 1\n</script>\n<template><div :title="a">x</div></template>\n<style>p{}</style>'
    )
    writeFileSync(join(dir, 'plain.ts'), 'export {}')
    expect(splitVueFiles(dir)).toBe(1)
    expect(readdirSync(join(dir, 'sub')).sort()).toEqual(['ThingCard.vue', 'ThingCard.vue.html', 'ThingCard.vue.ts'])
    expect(readFileSync(join(dir, 'sub', 'ThingCard.vue.ts'), 'utf8')).toBe('\nconst a = 1\n')
    expect(readFileSync(join(dir, 'sub', 'ThingCard.vue.html'), 'utf8')).toBe(
      '<template><div :title="a">x</div></template>'
    )
    rmSync(dir, { recursive: true })
  })
})
