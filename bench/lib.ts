/** Shared bits of `npm run bench`: one row per measurement, each compared with a baseline of the same run. */
export interface Row {
  name: string
  p50: number
  p95: number
  unit: string
  /** What the same work costs without our code, measured in the same run (e.g. "bare fetch p95 0.21"). */
  baseline?: string
  note?: string
}

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[idx]!
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times, and returns per-run milliseconds. */
export async function sample(
  fn: () => unknown | Promise<unknown>,
  runs: number,
  warmup = Math.ceil(runs / 10)
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn()
  const out: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await fn()
    out.push(performance.now() - t)
  }
  return out
}

export function printTable(rows: Row[]): void {
  const fmt = (n: number) => (Number.isFinite(n) ? (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(3)) : '-')
  const table = rows.map((r) => ({
    measurement: r.name,
    p50: fmt(r.p50),
    p95: fmt(r.p95),
    unit: r.unit,
    baseline: r.baseline ?? '',
    note: r.note ?? ''
  }))
  const cols = Object.keys(table[0] ?? { measurement: '' }) as (keyof (typeof table)[number])[]
  const width = Object.fromEntries(cols.map((c) => [c, Math.max(c.length, ...table.map((t) => String(t[c]).length))]))
  const line = (cells: Record<string, string>) => cols.map((c) => String(cells[c]).padEnd(width[c]!)).join(' | ')
  console.log(line(Object.fromEntries(cols.map((c) => [c, c]))))
  console.log(cols.map((c) => '-'.repeat(width[c]!)).join('-|-'))
  for (const row of table) console.log(line(row))
}
