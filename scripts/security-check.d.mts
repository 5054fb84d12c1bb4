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
export function readFindings(csvText: string, scanRoot: string): Finding[]
