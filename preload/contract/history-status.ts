/**
 * Where a sale stands in history, as the history list filters it. Import-free so main, the schemas and
 * the renderer share this one list without the renderer bundling zod.
 */
export const HISTORY_STATUSES = [
  'paid',
  'partially_refunded',
  'refunded',
  'voided',
  'in_progress',
  'unresolved',
  'failed',
  'cancelled',
  'reversed'
] as const

export type HistoryStatus = (typeof HISTORY_STATUSES)[number]
