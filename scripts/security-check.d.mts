/** Types for tests of scripts/security-check.mjs. */
export interface Finding {
  check: string
  severity: string
  confidence?: string
  file: string | null
  location?: string
  description?: string
}
export interface SecurityConfig {
  failOn: string[]
  exceptions: { check: string; file?: string; reason: string }[]
}
export function evaluate(
  findings: Finding[],
  config: SecurityConfig
): {
  failures: Finding[]
  explained: (Finding & { reason: string })[]
  review: Finding[]
  stale: SecurityConfig['exceptions']
}
export interface RunnerResult {
  errors: { file: string; message: string; tolerable: boolean }[]
  issues: { id: string; severity: string; file: string; line: number; column: number; description: string }[]
}
export function readResult(
  result: RunnerResult,
  scanRoot: string
): { findings: Finding[]; parseErrors: { file: string | null; message: string; tolerable: boolean }[] }
export function splitVueFiles(dir: string): number
