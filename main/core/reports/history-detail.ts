/**
 * One sale as history shows it: lines (with what was refunded of each), totals, every payment attempt
 * with its journal (what was sent, what came back, when), refunds and voids with theirs, and which
 * actions apply now (refund, void on the sale's day, reprint).
 */
import { PosError } from '../errors'
import type { Db } from '../ledger/open'
import type { PaymentEventRow, PaymentsRepo } from '../ledger/payments-repo'
import type { SaleStatus, SalesRepo } from '../ledger/sales-repo'
import { paymentView, type PaymentView } from '../payment/payment-view'
import { refundedPerLine } from '../refunds/refund-plan'
import { refundView, type RefundView } from '../refunds/refund-view'
import type { RefundsRepo } from '../refunds/refunds-repo'
import type { HistoryStatus } from './history-query'

export interface TimelineEvent {
  id: number
  at: number
  kind: 'transition' | 'call' | 'note'
  from: string | null
  to: string | null
  /** Redacted when written (never a full payment code, token or signature). */
  request: unknown
  answer: unknown
  note: string | null
}

export interface DetailLine {
  id: number
  position: number
  name: string
  sku: string | null
  unitPriceMinor: number
  quantity: number
  taxRateBp: number
  discountMinor: number
  taxMinor: number
  totalMinor: number
  refundedQuantity: number
}

export interface SaleDetail {
  sale: {
    id: number
    status: SaleStatus
    historyStatus: HistoryStatus | null
    terminalId: string
    currency: string
    itemsMinor: number
    discountMinor: number
    taxMinor: number
    totalMinor: number
    refundedMinor: number
    note: string | null
    createdAt: number
    paidAt: number | null
  }
  lines: DetailLine[]
  payments: (PaymentView & { events: TimelineEvent[] })[]
  refunds: (RefundView & { events: TimelineEvent[] })[]
  actions: {
    /** What a refund may still take (paid minus refunded or in flight); 0 = no refund possible. */
    refundableMinor: number
    canRefund: boolean
    canVoid: boolean
    canReprint: boolean
  }
}

const parse = (text: string | null): unknown => (text === null ? null : (JSON.parse(text) as unknown))

export function timeline(rows: readonly PaymentEventRow[]): TimelineEvent[] {
  return rows.map((e) => ({
    id: e.id,
    at: e.at,
    kind: e.kind,
    from: e.from_state,
    to: e.to_state,
    request: parse(e.request),
    answer: parse(e.answer),
    note: e.note
  }))
}

export function createHistoryDetail(deps: {
  db: Db
  sales: SalesRepo
  payments: PaymentsRepo
  refunds: RefundsRepo
  /** Whether a void is still possible for a payment approved at `ms` (same business day). */
  sameDay(ms: number): boolean
}) {
  const { db, sales, payments, refunds } = deps
  const historyStatus = db.prepare(`SELECT status FROM history WHERE sale_id = ?`)

  return function detail(saleId: number): SaleDetail {
    const sale = sales.get(saleId)
    if (!sale) throw new PosError('NOT_FOUND', `Sale ${saleId} does not exist.`)
    const pays = payments.forSale(saleId)
    const refundRows = refunds.forSale(saleId)
    const perLine = refundedPerLine(refundRows)
    const succeeded = pays.find((p) => p.state === 'succeeded')
    const committed = succeeded ? refunds.committedMinor(succeeded.id) : 0
    const open = refundRows.some((r) => r.final_at === null)
    const refundableMinor = succeeded && sale.status !== 'voided' ? succeeded.amount_minor - committed : 0
    return {
      sale: {
        id: sale.id,
        status: sale.status,
        historyStatus: (historyStatus.get(saleId) as { status: HistoryStatus } | undefined)?.status ?? null,
        terminalId: sale.terminal_id,
        currency: sale.currency,
        itemsMinor: sale.items_minor,
        discountMinor: sale.line_discounts_minor + sale.sale_discount_minor,
        taxMinor: sale.tax_minor,
        totalMinor: sale.total_minor,
        refundedMinor: sale.refunded_minor,
        note: sale.note,
        createdAt: sale.created_at,
        paidAt: sale.paid_at
      },
      lines: sales.lines(saleId).map((l) => ({
        id: l.id,
        position: l.position,
        name: l.name,
        sku: l.sku,
        unitPriceMinor: l.unit_price_minor,
        quantity: l.quantity,
        taxRateBp: l.tax_rate_bp,
        discountMinor: l.line_discount_minor + l.sale_discount_minor,
        taxMinor: l.tax_minor,
        totalMinor: l.total_minor,
        refundedQuantity: perLine.get(l.id)?.quantity ?? 0
      })),
      payments: pays.map((p) => ({ ...paymentView(p), events: timeline(payments.events(p.id)) })),
      refunds: refundRows.map((r) => ({
        ...refundView(r, pays.find((p) => p.id === r.payment_id)?.transaction_no ?? null),
        events: timeline(refunds.events(r.id))
      })),
      actions: {
        refundableMinor,
        canRefund: refundableMinor > 0 && !open,
        canVoid:
          !!succeeded && committed === 0 && !open && sale.status === 'paid' && deps.sameDay(succeeded.final_at ?? 0),
        canReprint: !!succeeded
      }
    }
  }
}

export type HistoryDetail = ReturnType<typeof createHistoryDetail>
