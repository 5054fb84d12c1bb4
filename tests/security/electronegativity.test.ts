import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { evaluate, readFindings } from '../../scripts/security-check.mjs'

const config = JSON.parse(readFileSync('electronegativity.config.json', 'utf8'))

describe('security check policy (scripts/security-check.mjs)', () => {
  it('every exception in the config explains itself', () => {
    expect(config.failOn).toEqual(['HIGH', 'CRITICAL'])
    for (const e of config.exceptions) expect(e.reason.length, e.check).toBeGreaterThan(40)
  })

  it('fails an unexplained HIGH or CRITICAL, prints MEDIUM for review, and an exception only covers its file', () => {
    const csv = [
      'issue, severity, confidence, filename, location, sample, description, url',
      'CONTEXT_ISOLATION_JS_CHECK,"HIGH","FIRM","/scan/main/windows.ts","3:4","contextIsolation: false","Review the use of the contextIsolation option",x',
      'PRELOAD_JS_CHECK,"MEDIUM","FIRM","/scan/main/windows.ts","137:6",preload,"Review the preload",x',
      'PRELOAD_JS_CHECK,"MEDIUM","FIRM","/scan/main/other.ts","1:1",preload,"Review the preload",x',
      'CSP_GLOBAL_CHECK,"MEDIUM","CERTAIN","N/A","0:0",N/A,"No CSP has been detected, really",x',
      'NODE_INTEGRATION_JS_CHECK,"CRITICAL","CERTAIN","/scan/renderer/x.ts","1:1","a, b","Disable nodeIntegration",x'
    ].join('\n')
    const findings = readFindings(csv, '/scan')
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
})
