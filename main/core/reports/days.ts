/**
 * Business days are local calendar days of the till (the process time zone), as staff count them;
 * Pockyt's own days are UTC+8 (see reconcile.ts).
 */

/** Local calendar day of `ms`, YYYY-MM-DD. */
export function localDay(ms: number): string {
  const d = new Date(ms)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

/** Local midnight of the day holding `ms`. */
export function startOfLocalDay(ms: number): number {
  const d = new Date(ms)
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime()
}

/** [start, end) of a local day given as YYYY-MM-DD; null when it is not a real date. */
export function localDayRange(day: string): { from: number; to: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])]
  const from = new Date(y, mo, d)
  if (from.getFullYear() !== y || from.getMonth() !== mo || from.getDate() !== d) return null
  return { from: from.getTime(), to: new Date(y, mo, d + 1).getTime() }
}
