/**
 * X and Z reports and reconciliation (issue 6). Reports are computed from the ledger (offline); a Z is
 * numbered and never changes once closed. Reconciliation asks Pockyt's trans-list, so it needs the network.
 */
import { z } from 'zod'

const Ms = z.number().int()
const Minor = z.number().int()
const Count = z.number().int().nonnegative()
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'A day is YYYY-MM-DD.' })
const Money = z.strictObject({ count: Count, amountMinor: Minor })

export const ExceptionLine = z.strictObject({
  paymentId: z.number().int().nullable(),
  refundId: z.number().int().nullable(),
  saleId: z.number().int(),
  kind: z.enum(['unresolved', 'in_progress', 'reversed', 'cancelled', 'refund', 'void', 'override']),
  state: z.string(),
  reference: z.string().nullable(),
  transactionNo: z.string().nullable(),
  refundTransactionNo: z.string().nullable(),
  amountMinor: Minor,
  at: Ms,
  note: z.string().nullable()
})

export const Report = z.strictObject({
  kind: z.enum(['X', 'Z']),
  /** The Z number; null for X. */
  number: z.number().int().positive().nullable(),
  businessDay: Day,
  generatedAt: Ms,
  terminalId: z.string(),
  from: Ms,
  to: Ms,
  currency: z.string().length(3),
  sales: Money,
  refunds: Money,
  voids: Money,
  netMinor: Minor,
  byWallet: z.array(
    z.strictObject({
      vendor: z.string().nullable(),
      count: Count,
      amountMinor: Minor,
      refundCount: Count,
      refundMinor: Minor,
      voidCount: Count,
      voidMinor: Minor
    })
  ),
  byStatus: z.array(z.strictObject({ state: z.string(), count: Count, amountMinor: Minor })),
  exceptions: z.array(ExceptionLine),
  /** 24 local hours. */
  hourly: z.array(Money).length(24)
})

export const ZSummary = z.strictObject({
  number: z.number().int().positive(),
  businessDay: Day,
  from: Ms,
  to: Ms,
  closedAt: Ms,
  salesMinor: Minor,
  netMinor: Minor,
  currency: z.string()
})

const Side = z.strictObject({ state: z.string(), amountMinor: Minor, refundedMinor: Minor, saleStatus: z.string() })

export const ReconcileResult = z.strictObject({
  day: Day,
  from: Ms,
  to: Ms,
  startDate: z.string(),
  endDate: z.string(),
  ledgerCount: Count,
  pockytCount: Count,
  matched: Count,
  lines: z.array(
    z.strictObject({
      kind: z.enum([
        'missing_in_ledger',
        'missing_at_pockyt',
        'paid_at_pockyt_only',
        'paid_in_ledger_only',
        'amount',
        'refunded',
        'unresolved'
      ]),
      transactionNo: z.string(),
      reference: z.string().nullable(),
      saleId: z.number().int().nullable(),
      ledger: Side.nullable(),
      pockyt: z.strictObject({ status: z.string(), amountMinor: Minor, refundedMinor: Minor.nullable() }).nullable(),
      message: z.string()
    })
  )
})

export const reportsChannels = {
  /** The X report: everything since the last Z up to now. Changes nothing. */
  'report:x': { input: z.undefined(), output: Report },
  /** The numbers of one local day (read-only, labelled X). */
  'report:day': { input: z.strictObject({ day: Day }), output: Report },
  /** Closes the period since the last Z with the next number (manager PIN). */
  'report:z': { input: z.strictObject({ pin: z.string().max(8).optional() }), output: Report },
  /** Closed Z reports, newest first. */
  'report:list': {
    input: z.strictObject({
      before: z.number().int().positive().nullable().default(null),
      limit: z.number().int().min(1).max(200).default(50)
    }),
    output: z.array(ZSummary)
  },
  /** A closed Z exactly as it was closed. */
  'report:get': { input: z.strictObject({ number: z.number().int().positive() }), output: Report },
  /** Pockyt's trans-list for a day against the ledger, line by line. Needs the network. */
  'reconcile:day': { input: z.strictObject({ day: Day }), output: ReconcileResult }
}

export const reportsEvents = {}
