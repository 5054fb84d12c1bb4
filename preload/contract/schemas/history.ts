/**
 * History, refunds/voids, printing and the CSV export (issue 6). History works without any network;
 * refunds and voids need Pockyt and the manager PIN. Money is integer minor units; Pockyt numbers are
 * digit strings, never numbers.
 */
import { z } from 'zod'
import { HISTORY_STATUSES } from '../history-status'
import { PaymentView } from './payment'

const Id = z.number().int().positive()
const Ms = z.number().int()
const Minor = z.number().int().nonnegative()
const TransactionNo = z.string().regex(/^\d{1,32}$/)
/** A manager PIN, needed once a PIN has been set (settings). */
const OptionalPin = z.string().max(8).optional()
const Reason = z
  .string()
  .trim()
  .min(1, { error: 'Give a reason (it is printed on the refund receipt and in the Z report).' })
  .max(200, { error: 'The reason is at most 200 characters.' })

export const HistoryStatus = z.enum(HISTORY_STATUSES)

export const HistoryFilter = z
  .strictObject({
    /** Inclusive, ms since the epoch. */
    from: Ms.optional(),
    /** Exclusive. */
    to: Ms.optional(),
    statuses: z.array(HistoryStatus).max(9).optional(),
    /** Pockyt vendor names; '' = wallet unknown. */
    wallets: z.array(z.string().max(20)).max(10).optional(),
    minMinor: Minor.optional(),
    maxMinor: Minor.optional(),
    /** Our reference, transactionNo, last 4 digits of the code, product name, or #sale number. */
    text: z.string().max(100).optional()
  })
  .refine((f) => f.from === undefined || f.to === undefined || f.from < f.to, {
    error: 'The end of the date range must be after its start.'
  })
  .refine((f) => f.minMinor === undefined || f.maxMinor === undefined || f.minMinor <= f.maxMinor, {
    error: 'The smallest amount must not be above the largest.'
  })

export const HistoryCursor = z.strictObject({ at: Ms, saleId: Id })

export const HistoryRow = z.strictObject({
  saleId: Id,
  at: Ms,
  status: HistoryStatus,
  vendor: z.string().nullable(),
  totalMinor: Minor,
  refundedMinor: Minor,
  currency: z.string().length(3),
  reference: z.string().nullable(),
  transactionNo: TransactionNo.nullable(),
  codeLast4: z.string().nullable(),
  attempts: z.number().int().nonnegative(),
  summary: z.string()
})

export const HistoryTotals = z.strictObject({
  count: z.number().int().nonnegative(),
  totalMinor: Minor,
  refundedMinor: Minor
})

export const HistoryPage = z.strictObject({
  rows: z.array(HistoryRow),
  nextCursor: HistoryCursor.nullable()
})

export const TimelineEvent = z.strictObject({
  id: Id,
  at: Ms,
  kind: z.enum(['transition', 'call', 'note']),
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** Redacted when written: never a full payment code, the token or a signature. */
  request: z.unknown(),
  answer: z.unknown(),
  note: z.string().nullable()
})

export const RefundLine = z.strictObject({ lineId: Id, quantity: z.number().int().positive(), amountMinor: Minor })

export const RefundView = z.strictObject({
  id: Id,
  saleId: Id,
  paymentId: Id,
  kind: z.enum(['refund', 'void']),
  state: z.enum(['created', 'sent', 'succeeded', 'failed']),
  /** For people (English); the UI translates by `state`, `kind` and `unresolved`. */
  message: z.string(),
  /** Sent, not confirmed: recovery settles it; never refund again meanwhile. */
  unresolved: z.boolean(),
  amountMinor: z.number().int().positive(),
  currency: z.string().length(3),
  refundReference: z.string(),
  refundTransactionNo: TransactionNo.nullable(),
  originalTransactionNo: TransactionNo.nullable(),
  reason: z.string(),
  lines: z.array(RefundLine).nullable(),
  lastError: z.string().nullable(),
  createdAt: Ms,
  finalAt: Ms.nullable()
})

export const SaleDetail = z.strictObject({
  sale: z.strictObject({
    id: Id,
    status: z.enum(['draft', 'open', 'paid', 'voided', 'refunded', 'partially_refunded']),
    historyStatus: HistoryStatus.nullable(),
    terminalId: z.string(),
    currency: z.string().length(3),
    itemsMinor: Minor,
    discountMinor: Minor,
    taxMinor: Minor,
    totalMinor: Minor,
    refundedMinor: Minor,
    note: z.string().nullable(),
    createdAt: Ms,
    paidAt: Ms.nullable()
  }),
  lines: z.array(
    z.strictObject({
      id: Id,
      position: z.number().int(),
      name: z.string(),
      sku: z.string().nullable(),
      unitPriceMinor: Minor,
      quantity: z.number().int().positive(),
      taxRateBp: z.number().int(),
      discountMinor: Minor,
      taxMinor: Minor,
      totalMinor: Minor,
      refundedQuantity: z.number().int().nonnegative()
    })
  ),
  payments: z.array(PaymentView.extend({ events: z.array(TimelineEvent) })),
  refunds: z.array(RefundView.extend({ events: z.array(TimelineEvent) })),
  actions: z.strictObject({
    refundableMinor: Minor,
    canRefund: z.boolean(),
    canVoid: z.boolean(),
    canReprint: z.boolean()
  })
})

export const PaperFormat = z.enum(['80mm', 'a4', 'letter'])

/** What to print: a sale receipt, a refund/void receipt, or a report (current X, a day, or a closed Z). */
export const PrintDocument = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sale'), saleId: Id, copy: z.enum(['customer', 'merchant']) }),
  z.strictObject({ kind: z.literal('refund'), saleId: Id, refundId: Id, copy: z.enum(['customer', 'merchant']) }),
  z.strictObject({ kind: z.literal('x') }),
  z.strictObject({ kind: z.literal('day'), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  z.strictObject({ kind: z.literal('z'), number: Id })
])

const PrintRequest = z.strictObject({
  doc: PrintDocument,
  format: PaperFormat.default('80mm'),
  /** Prints "REPRINT" (history reprints, closed Z reports). */
  reprint: z.boolean().default(false)
})

export const RefundRequest = z
  .strictObject({
    saleId: Id,
    /** By amount; or `lines`; neither = everything that remains. */
    amountMinor: z.number().int().positive().optional(),
    lines: z
      .array(z.strictObject({ lineId: Id, quantity: z.number().int().positive() }))
      .min(1)
      .max(200)
      .optional(),
    reason: Reason,
    pin: OptionalPin
  })
  .refine((r) => r.amountMinor === undefined || r.lines === undefined, {
    error: 'Refund either an amount or lines, not both.'
  })

export const ExportProgress = z.strictObject({
  exportId: z.string(),
  rows: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  done: z.boolean(),
  /** Set when the export failed or was cancelled. */
  error: z.string().nullable()
})

export const historyChannels = {
  /** A page of history, newest first (keyset: pass the previous page's `nextCursor`). Works offline. */
  'history:list': {
    input: z.strictObject({
      filter: HistoryFilter.default({}),
      cursor: HistoryCursor.nullable().default(null),
      limit: z.number().int().min(1).max(200).default(50)
    }),
    output: HistoryPage
  },
  /**
   * Count and sums of everything the filter matches (asked after the first page: a broad filter's
   * totals visit every match, its page does not). Works offline.
   */
  'history:totals': { input: z.strictObject({ filter: HistoryFilter.default({}) }), output: HistoryTotals },
  /** One sale: lines, totals, every payment attempt and refund with its timeline, and the actions. */
  'history:detail': { input: z.strictObject({ saleId: Id }), output: SaleDetail },
  /** The sale a scanned receipt barcode (a transactionNo or refundTransactionNo) belongs to. */
  'history:lookup': { input: z.strictObject({ transactionNo: TransactionNo }), output: z.strictObject({ saleId: Id }) },
  /** The document as HTML (print preview in the harness and in the app). */
  'receipt:render': { input: PrintRequest, output: z.strictObject({ html: z.string(), title: z.string() }) },
  /** Prints silently to the chosen receipt printer (desktop app). */
  'receipt:print': { input: PrintRequest, output: z.strictObject({ printed: z.boolean(), message: z.string() }) },
  /** Saves the document as PDF in the data folder's exports/ and answers where. */
  'receipt:pdf': { input: PrintRequest, output: z.strictObject({ file: z.string(), bytes: z.number().int() }) },
  /** A refund (full, by amount or by lines) with a reason and the manager PIN; answers once Pockyt did. */
  'refund:start': { input: RefundRequest, output: RefundView },
  /** A same-day void of the whole sale (Pockyt cancel), with a reason and the manager PIN. */
  'void:start': { input: z.strictObject({ saleId: Id, reason: Reason, pin: OptionalPin }), output: RefundView },
  /** Transactions of [from, to) to a CSV file in exports/; progress comes as `export:progress`. */
  'export:csv': {
    input: z
      .strictObject({ from: Ms, to: Ms })
      .refine((r) => r.from < r.to, { error: 'The end must be after the start.' }),
    output: z.strictObject({ exportId: z.string(), file: z.string(), rows: z.number().int(), bytes: z.number().int() })
  },
  /** Stops a running export (its partial file is removed). */
  'export:cancel': {
    input: z.strictObject({ exportId: z.string().max(64) }),
    output: z.strictObject({ cancelled: z.boolean() })
  }
}

export const historyEvents = {
  /** A CSV export moved on (after each batch), finished, failed or was cancelled. */
  'export:progress': ExportProgress,
  /** Any refund or void changed state (including recovery settling one). */
  'refund:changed': RefundView
}
