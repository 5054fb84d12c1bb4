/**
 * What a refund may be, decided before anything is written: how much (by amount, by lines, or the rest),
 * never more than paid minus what is already refunded or on its way, and line quantities never refunded
 * twice. Pure functions over ledger rows, so the rules are tested without a database.
 */
import { roundHalfAwayFromZero } from '../money'
import type { LineRow } from '../ledger/sales-repo'
import type { RefundLine, RefundRow } from './refunds-repo'

export interface LineRequest {
  lineId: number
  quantity: number
}

export type PlanResult = { ok: true; amountMinor: number; lines: RefundLine[] | null } | { ok: false; message: string }

/** Quantities and amounts already refunded (or in flight) per line, from earlier refunds by lines. */
export function refundedPerLine(refunds: readonly Pick<RefundRow, 'state' | 'lines'>[]): Map<number, RefundLine> {
  const out = new Map<number, RefundLine>()
  for (const r of refunds) {
    if (r.state === 'failed' || !r.lines) continue
    for (const l of JSON.parse(r.lines) as RefundLine[]) {
      const prev = out.get(l.lineId) ?? { lineId: l.lineId, quantity: 0, amountMinor: 0 }
      out.set(l.lineId, {
        lineId: l.lineId,
        quantity: prev.quantity + l.quantity,
        amountMinor: prev.amountMinor + l.amountMinor
      })
    }
  }
  return out
}

/**
 * The amount of a refund. `remainingMinor` is paid minus refunded-or-in-flight. With neither `amountMinor`
 * nor `lines`, the refund is for everything that remains.
 */
export function planRefund(p: {
  remainingMinor: number
  currencyLabel: (minor: number) => string
  amountMinor?: number
  lines?: readonly LineRequest[]
  saleLines: readonly LineRow[]
  earlier: readonly Pick<RefundRow, 'state' | 'lines'>[]
}): PlanResult {
  const { remainingMinor, currencyLabel } = p
  if (remainingMinor <= 0) return { ok: false, message: 'This sale is already fully refunded.' }
  if (p.amountMinor !== undefined && p.lines !== undefined) {
    return { ok: false, message: 'Refund either an amount or lines, not both.' }
  }
  if (p.lines !== undefined) {
    if (!p.lines.length) return { ok: false, message: 'Pick at least one line to refund.' }
    const done = refundedPerLine(p.earlier)
    const seen = new Set<number>()
    const out: RefundLine[] = []
    for (const req of p.lines) {
      const line = p.saleLines.find((l) => l.id === req.lineId)
      if (!line) return { ok: false, message: `Line ${req.lineId} is not part of this sale.` }
      if (seen.has(req.lineId)) return { ok: false, message: `Line "${line.name}" is listed twice.` }
      seen.add(req.lineId)
      const prev = done.get(line.id) ?? { quantity: 0, amountMinor: 0 }
      const left = line.quantity - prev.quantity
      if (!Number.isSafeInteger(req.quantity) || req.quantity < 1 || req.quantity > left) {
        return {
          ok: false,
          message: left
            ? `At most ${left} of "${line.name}" can be refunded.`
            : `"${line.name}" has already been refunded.`
        }
      }
      // The last units take exactly what is left of the line, so a line refunded in parts adds up to its total.
      const amountMinor =
        req.quantity === left
          ? line.total_minor - prev.amountMinor
          : roundHalfAwayFromZero(line.total_minor * req.quantity, line.quantity)
      if (amountMinor > 0) out.push({ lineId: line.id, quantity: req.quantity, amountMinor })
    }
    const amountMinor = out.reduce((a, l) => a + l.amountMinor, 0)
    if (amountMinor <= 0) return { ok: false, message: 'Those lines cost nothing: there is nothing to refund.' }
    if (amountMinor > remainingMinor) {
      return {
        ok: false,
        message: `Those lines come to ${currencyLabel(amountMinor)}, but only ${currencyLabel(remainingMinor)} can still be refunded.`
      }
    }
    return { ok: true, amountMinor, lines: out }
  }
  const amountMinor = p.amountMinor ?? remainingMinor
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) {
    return { ok: false, message: 'The refund amount must be more than zero.' }
  }
  if (amountMinor > remainingMinor) {
    return { ok: false, message: `At most ${currencyLabel(remainingMinor)} can still be refunded.` }
  }
  return { ok: true, amountMinor, lines: null }
}
