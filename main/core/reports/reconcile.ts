/**
 * Reconciliation of one business day: Pockyt's `trans-list` against the ledger, line by line. It needs the
 * network (everything else in history and reports does not). Pockyt's days are UTC+8, so a local day may
 * span two of them: both are fetched and Pockyt's `createTime` decides what belongs to the day.
 * Remote transactions are matched to ledger payments by transactionNo wherever they were created, so a
 * payment just across midnight is not reported as missing.
 */
import { PosError } from '../errors'
import type { Db } from '../ledger/open'
import type { PockytClient, PockytTransaction } from '../pockyt/types'
import { localDayRange } from './days'

const UTC8_MS = 8 * 3_600_000

export type DisagreementKind =
  | 'missing_in_ledger'
  | 'missing_at_pockyt'
  | 'paid_at_pockyt_only'
  | 'paid_in_ledger_only'
  | 'amount'
  | 'refunded'
  | 'unresolved'

export interface ReconcileLine {
  kind: DisagreementKind
  transactionNo: string
  reference: string | null
  saleId: number | null
  ledger: { state: string; amountMinor: number; refundedMinor: number; saleStatus: string } | null
  pockyt: { status: string; amountMinor: number; refundedMinor: number | null } | null
  /** For people: what disagrees and what to do. */
  message: string
}

export interface ReconcileResult {
  day: string
  from: number
  to: number
  /** Pockyt's dates asked for (YYYYMMDD, UTC+8). */
  startDate: string
  endDate: string
  ledgerCount: number
  pockytCount: number
  matched: number
  lines: ReconcileLine[]
}

interface LedgerTx {
  paymentId: number
  saleId: number
  transactionNo: string
  reference: string
  state: string
  amountMinor: number
  createdAt: number
  saleStatus: string
  refundedMinor: number
}

/** Pockyt's YYYYMMDD (UTC+8) of a time. */
export function pockytDate(ms: number): string {
  return new Date(ms + UTC8_MS).toISOString().slice(0, 10).replaceAll('-', '')
}

/** Pockyt's "yyyy-MM-dd HH:mm:ss" (UTC+8) to ms; null when unreadable. */
export function parsePockytTime(s: string | undefined): number | null {
  const m = s && /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(s.trim())
  if (!m) return null
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) - UTC8_MS
}

export function createReconciler(db: Db, client: PockytClient) {
  const select = `SELECT p.id AS paymentId, p.sale_id AS saleId, p.transaction_no AS transactionNo, p.reference, p.state,
      p.amount_minor AS amountMinor, p.created_at AS createdAt, s.status AS saleStatus,
      (SELECT COALESCE(SUM(amount_minor), 0) FROM refunds WHERE payment_id = p.id AND state = 'succeeded') AS refundedMinor
    FROM payments p JOIN sales s ON s.id = p.sale_id`
  const s = {
    day: db.prepare(`${select} WHERE p.created_at >= @from AND p.created_at < @to AND p.transaction_no IS NOT NULL`),
    byNo: db.prepare(`${select} WHERE p.transaction_no = ?`)
  }

  function compare(l: LedgerTx, r: PockytTransaction): ReconcileLine | null {
    const line = (kind: DisagreementKind, message: string): ReconcileLine => ({
      kind,
      transactionNo: l.transactionNo,
      reference: l.reference,
      saleId: l.saleId,
      ledger: { state: l.state, amountMinor: l.amountMinor, refundedMinor: l.refundedMinor, saleStatus: l.saleStatus },
      pockyt: { status: r.status, amountMinor: r.amountMinor, refundedMinor: r.refundedMinor ?? null },
      message
    })
    if (r.amountMinor !== l.amountMinor) {
      return line('amount', `Amounts differ: the ledger has ${l.amountMinor}, Pockyt ${r.amountMinor} (minor units).`)
    }
    const final = ['succeeded', 'failed', 'cancelled', 'reversed'].includes(l.state)
    if (!final) {
      return line(
        'unresolved',
        `The ledger has not settled this payment yet (${l.state}); Pockyt says ${r.status}. Recovery settles it; check again later.`
      )
    }
    const ledgerPaid = l.state === 'succeeded' && l.saleStatus !== 'voided'
    const remotePaid = r.status === 'success'
    if (remotePaid && !ledgerPaid) {
      return line(
        'paid_at_pockyt_only',
        l.state === 'succeeded'
          ? 'Voided in the ledger, but Pockyt still shows it paid: the void did not land. Refund it or contact Pockyt.'
          : `Pockyt shows this paid, the ledger ${l.state}: the customer was charged without a sale. Refund it or record it.`
      )
    }
    if (!remotePaid && ledgerPaid) {
      return line(
        'paid_in_ledger_only',
        `The ledger shows this paid, Pockyt says ${r.status}. Check it in the Pockyt portal before the day is closed.`
      )
    }
    if (remotePaid && r.refundedMinor !== undefined && r.refundedMinor !== l.refundedMinor) {
      return line(
        'refunded',
        `Refunded amounts differ: the ledger has ${l.refundedMinor}, Pockyt ${r.refundedMinor} (minor units).`
      )
    }
    return null
  }

  return {
    /** Fetches Pockyt's list for the local `day` (YYYY-MM-DD) and compares. Needs the network. */
    async day(day: string): Promise<ReconcileResult> {
      const range = localDayRange(day)
      if (!range) throw new PosError('BAD_INPUT', `"${day}" is not a date (YYYY-MM-DD).`)
      const startDate = pockytDate(range.from)
      const endDate = pockytDate(range.to - 1)
      const out = await client.transList({ startDate, endDate })
      if (out.kind === 'unknown') {
        throw new PosError(
          'POCKYT_UNREACHABLE',
          'Pockyt could not be reached. Reconciliation needs the network; history and reports work without it.'
        )
      }
      if (out.kind === 'rejected') {
        throw new PosError('POCKYT_REJECTED', `Pockyt refused the transaction list (${out.retCode}): ${out.retMsg}`)
      }
      const remote = out.value.filter((t) => {
        if (t.transactionType && t.transactionType !== 'payment') return false
        const at = parsePockytTime(t.createTime)
        return at === null || (at >= range.from && at < range.to)
      })
      const local = s.day.all(range) as LedgerTx[]
      const byNo = new Map(local.map((l) => [l.transactionNo, l]))
      const lines: ReconcileLine[] = []
      let matched = 0
      const seen = new Set<string>()
      for (const r of remote) {
        seen.add(r.transactionNo)
        const l = byNo.get(r.transactionNo) ?? (s.byNo.get(r.transactionNo) as LedgerTx | undefined)
        if (!l) {
          lines.push({
            kind: 'missing_in_ledger',
            transactionNo: r.transactionNo,
            reference: r.reference ?? null,
            saleId: null,
            ledger: null,
            pockyt: { status: r.status, amountMinor: r.amountMinor, refundedMinor: r.refundedMinor ?? null },
            message:
              r.status === 'success'
                ? 'Pockyt has a paid transaction this till never recorded (another till, or the portal?). Check its reference.'
                : `Pockyt has a ${r.status} transaction this till never recorded; nothing was charged.`
          })
          continue
        }
        const diff = compare(l, r)
        if (diff) lines.push(diff)
        else matched += 1
      }
      for (const l of local) {
        if (seen.has(l.transactionNo)) continue
        const paid = l.state === 'succeeded'
        lines.push({
          kind: 'missing_at_pockyt',
          transactionNo: l.transactionNo,
          reference: l.reference,
          saleId: l.saleId,
          ledger: {
            state: l.state,
            amountMinor: l.amountMinor,
            refundedMinor: l.refundedMinor,
            saleStatus: l.saleStatus
          },
          pockyt: null,
          message: paid
            ? 'The ledger shows this paid but Pockyt did not list it. Check it in the Pockyt portal.'
            : `Pockyt did not list this ${l.state} attempt (harmless if it never reached the wallet).`
        })
      }
      return {
        day,
        ...range,
        startDate,
        endDate,
        ledgerCount: local.length,
        pockytCount: remote.length,
        matched,
        lines
      }
    }
  }
}

export type Reconciler = ReturnType<typeof createReconciler>
