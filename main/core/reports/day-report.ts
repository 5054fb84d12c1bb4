/**
 * The numbers of an X or Z report for a period [from, to): sales by wallet and by payment status,
 * refunds, voids, net, an exceptions section (unresolved, reversed, cancelled payments; every refund and
 * void; manual overrides) and sales per hour. Computed straight from the ledger rows, with the indexes
 * of migration 10 (payments and refunds by `final_at`), so a day of a million-sale ledger reads a few
 * thousand rows.
 */
import type { Db } from '../ledger/open'

export interface Money {
  count: number
  amountMinor: number
}

export interface WalletLine extends Money {
  vendor: string | null
  refundCount: number
  refundMinor: number
  voidCount: number
  voidMinor: number
}

export interface ExceptionLine {
  paymentId: number | null
  refundId: number | null
  saleId: number
  kind: 'unresolved' | 'in_progress' | 'reversed' | 'cancelled' | 'refund' | 'void' | 'override'
  state: string
  reference: string | null
  transactionNo: string | null
  /** For refunds: the refund's own number at Pockyt. */
  refundTransactionNo: string | null
  amountMinor: number
  at: number
  note: string | null
}

export interface ReportNumbers {
  from: number
  to: number
  currency: string
  sales: Money
  refunds: Money
  voids: Money
  /** sales - refunds - voids */
  netMinor: number
  byWallet: WalletLine[]
  /** Payment attempts started in the period, by state. */
  byStatus: (Money & { state: string })[]
  exceptions: ExceptionLine[]
  /** 24 local hours of succeeded payments. */
  hourly: Money[]
}

/** A journal note that records a manual override starts with this (the payment engine's convention). */
export const OVERRIDE_NOTE_PREFIX = 'override'

export function createReportQueries(db: Db) {
  const s = {
    sales: db.prepare(
      `SELECT final_at AS at, amount_minor AS amountMinor, COALESCE(vendor, '') AS vendor FROM payments
       WHERE final_at >= @from AND final_at < @to AND state = 'succeeded'`
    ),
    refunds: db.prepare(
      `SELECT r.id, r.sale_id AS saleId, r.payment_id AS paymentId, r.kind, r.state, r.amount_minor AS amountMinor,
         r.refund_reference AS reference, r.refund_transaction_no AS refundTransactionNo, r.reason,
         COALESCE(r.final_at, r.created_at) AS at, p.transaction_no AS transactionNo, COALESCE(p.vendor, '') AS vendor
       FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE r.final_at >= @from AND r.final_at < @to
       UNION ALL
       SELECT r.id, r.sale_id, r.payment_id, r.kind, r.state, r.amount_minor, r.refund_reference, r.refund_transaction_no,
         r.reason, r.created_at, p.transaction_no, COALESCE(p.vendor, '')
       FROM refunds r INDEXED BY refunds_unfinished JOIN payments p ON p.id = r.payment_id
       WHERE r.final_at IS NULL AND r.created_at < @to`
    ),
    byStatus: db.prepare(
      `SELECT state, COUNT(*) AS count, SUM(amount_minor) AS amountMinor FROM payments
       WHERE created_at >= @from AND created_at < @to GROUP BY state ORDER BY state`
    ),
    exceptions: db.prepare(
      `SELECT id AS paymentId, sale_id AS saleId, state, reference, transaction_no AS transactionNo,
         amount_minor AS amountMinor, COALESCE(final_at, updated_at) AS at, COALESCE(last_error, decline_reason) AS note
       FROM payments WHERE state IN ('reversed','cancelled') AND final_at >= @from AND final_at < @to
       UNION ALL
       SELECT id, sale_id, state, reference, transaction_no, amount_minor, updated_at, last_error
       FROM payments INDEXED BY payments_unfinished WHERE final_at IS NULL AND created_at < @to
       ORDER BY at, paymentId`
    ),
    overrides: db.prepare(
      `SELECT e.payment_id AS paymentId, p.sale_id AS saleId, p.state, p.reference, p.transaction_no AS transactionNo,
         p.amount_minor AS amountMinor, e.at, e.note
       FROM payment_events e JOIN payments p ON p.id = e.payment_id
       WHERE e.kind = 'note' AND e.note LIKE '${OVERRIDE_NOTE_PREFIX}%' AND e.at >= @from AND e.at < @to ORDER BY e.at`
    )
  }

  /** The numbers for [from, to). `currency` labels the amounts (the store's). */
  function compute(from: number, to: number, currency: string): ReportNumbers {
    const range = { from, to }
    const wallets = new Map<string, WalletLine>()
    const wallet = (v: string) => {
      let w = wallets.get(v)
      if (!w) {
        w = { vendor: v || null, count: 0, amountMinor: 0, refundCount: 0, refundMinor: 0, voidCount: 0, voidMinor: 0 }
        wallets.set(v, w)
      }
      return w
    }
    const sales: Money = { count: 0, amountMinor: 0 }
    const hourly: Money[] = Array.from({ length: 24 }, () => ({ count: 0, amountMinor: 0 }))
    for (const r of s.sales.all(range) as { at: number; amountMinor: number; vendor: string }[]) {
      sales.count += 1
      sales.amountMinor += r.amountMinor
      const w = wallet(r.vendor)
      w.count += 1
      w.amountMinor += r.amountMinor
      const h = hourly[new Date(r.at).getHours()]!
      h.count += 1
      h.amountMinor += r.amountMinor
    }

    const refunds: Money = { count: 0, amountMinor: 0 }
    const voids: Money = { count: 0, amountMinor: 0 }
    const exceptions: ExceptionLine[] = []
    type RefundRow = {
      id: number
      saleId: number
      paymentId: number
      kind: 'refund' | 'void'
      state: string
      amountMinor: number
      reference: string
      refundTransactionNo: string | null
      reason: string | null
      at: number
      transactionNo: string | null
      vendor: string
    }
    for (const r of s.refunds.all(range) as RefundRow[]) {
      if (r.state === 'succeeded') {
        const w = wallet(r.vendor)
        if (r.kind === 'void') {
          voids.count += 1
          voids.amountMinor += r.amountMinor
          w.voidCount += 1
          w.voidMinor += r.amountMinor
        } else {
          refunds.count += 1
          refunds.amountMinor += r.amountMinor
          w.refundCount += 1
          w.refundMinor += r.amountMinor
        }
      }
      exceptions.push({
        paymentId: r.paymentId,
        refundId: r.id,
        saleId: r.saleId,
        kind: r.kind,
        state: r.state,
        reference: r.reference,
        transactionNo: r.transactionNo,
        refundTransactionNo: r.refundTransactionNo,
        amountMinor: r.amountMinor,
        at: r.at,
        note: r.reason
      })
    }

    type PaymentLine = Omit<ExceptionLine, 'kind' | 'refundId' | 'refundTransactionNo'>
    for (const p of s.exceptions.all(range) as PaymentLine[]) {
      const kind =
        p.state === 'reversed'
          ? 'reversed'
          : p.state === 'cancelled'
            ? 'cancelled'
            : p.state === 'reversing'
              ? 'unresolved'
              : 'in_progress'
      exceptions.push({ ...p, kind, refundId: null, refundTransactionNo: null })
    }
    for (const p of s.overrides.all(range) as PaymentLine[]) {
      exceptions.push({ ...p, kind: 'override', refundId: null, refundTransactionNo: null })
    }
    exceptions.sort((a, b) => a.at - b.at || a.saleId - b.saleId)

    return {
      from,
      to,
      currency,
      sales,
      refunds,
      voids,
      netMinor: sales.amountMinor - refunds.amountMinor - voids.amountMinor,
      byWallet: [...wallets.values()].sort((a, b) => (a.vendor ?? '').localeCompare(b.vendor ?? '')),
      byStatus: s.byStatus.all(range) as (Money & { state: string })[],
      exceptions,
      hourly
    }
  }

  return { compute }
}

export type ReportQueries = ReturnType<typeof createReportQueries>
