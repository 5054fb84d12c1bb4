/**
 * SQL for refunds and voids and their journal (the same append-only `payment_events`, with `refund_id`).
 * The engine (`refund-engine.ts`) decides the transitions; each is written here together with its journal
 * entry, inside the caller's transaction.
 */
import type { Db } from '../ledger/open'
import type { JournalEntry as PaymentJournalEntry, PaymentEventRow } from '../ledger/payments-repo'

export type RefundState = 'created' | 'sent' | 'succeeded' | 'failed'
export type RefundKind = 'refund' | 'void'

/** One refunded line of a refund by lines (stored as JSON in `refunds.lines`). */
export interface RefundLine {
  lineId: number
  quantity: number
  amountMinor: number
}

export interface RefundRow {
  id: number
  payment_id: number
  sale_id: number
  kind: RefundKind
  refund_reference: string
  refund_transaction_no: string | null
  amount_minor: number
  currency: string
  state: RefundState
  reason: string | null
  lines: string | null
  manager: string | null
  created_at: number
  updated_at: number
  final_at: number | null
  last_error: string | null
}

/** A journal entry about a refund (same shape as a payment's, with refund states). */
export type JournalEntry = Omit<PaymentJournalEntry, 'from' | 'to'> & {
  from?: RefundState | null
  to?: RefundState | null
}

export interface RefundPatch {
  refund_transaction_no?: string | null
  last_error?: string | null
}

export type RefundsRepo = ReturnType<typeof createRefundsRepo>

export function createRefundsRepo(db: Db) {
  const s = {
    insert: db.prepare(
      `INSERT INTO refunds (payment_id, sale_id, kind, refund_reference, amount_minor, currency, state, reason, lines,
         created_at, updated_at)
       VALUES (@paymentId, @saleId, @kind, @reference, @amountMinor, @currency, 'created', @reason, @lines, @now, @now)`
    ),
    get: db.prepare(`SELECT * FROM refunds WHERE id = ?`),
    forSale: db.prepare(`SELECT * FROM refunds WHERE sale_id = ? ORDER BY id`),
    unfinished: db.prepare(`SELECT * FROM refunds WHERE final_at IS NULL ORDER BY id`),
    /** What is refunded or on its way (everything but failed refunds). */
    committed: db.prepare(
      `SELECT COALESCE(SUM(amount_minor), 0) AS m FROM refunds WHERE payment_id = ? AND state <> 'failed' AND id <> ?`
    ),
    succeeded: db.prepare(
      `SELECT COALESCE(SUM(amount_minor), 0) AS m FROM refunds WHERE payment_id = ? AND state = 'succeeded' AND id <> ?`
    ),
    event: db.prepare(
      `INSERT INTO payment_events (refund_id, at, kind, from_state, to_state, request, answer, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
    ),
    events: db.prepare(`SELECT * FROM payment_events WHERE refund_id = ? ORDER BY id`),
    saleRefunded: db.prepare(`UPDATE sales SET refunded_minor = ?, status = ?, updated_at = ? WHERE id = ?`)
  }
  const updates = new Map<string, ReturnType<Db['prepare']>>()

  const journal = (refundId: number, at: number, e: JournalEntry) => {
    s.event.run(
      refundId,
      at,
      e.kind,
      e.from ?? null,
      e.to ?? null,
      e.request === undefined ? null : JSON.stringify(e.request),
      e.answer === undefined ? null : JSON.stringify(e.answer),
      e.note ?? null
    )
  }

  return {
    insert(r: {
      paymentId: number
      saleId: number
      kind: RefundKind
      reference: string
      amountMinor: number
      currency: string
      reason: string
      lines: RefundLine[] | null
      now: number
    }): number {
      const id = Number(s.insert.run({ ...r, lines: r.lines ? JSON.stringify(r.lines) : null }).lastInsertRowid)
      journal(id, r.now, { kind: 'transition', to: 'created', note: `${r.kind} ${r.reference}: ${r.reason}` })
      return id
    },
    get: (id: number) => s.get.get(id) as RefundRow | undefined,
    forSale: (saleId: number) => s.forSale.all(saleId) as RefundRow[],
    unfinished: () => s.unfinished.all() as RefundRow[],
    /** Refunded or in flight for the payment, leaving out refund `exceptId`. */
    committedMinor: (paymentId: number, exceptId = 0) => (s.committed.get(paymentId, exceptId) as { m: number }).m,
    succeededMinor: (paymentId: number, exceptId = 0) => (s.succeeded.get(paymentId, exceptId) as { m: number }).m,
    events: (refundId: number) => s.events.all(refundId) as PaymentEventRow[],
    journal,
    /** Moves `from` -> `to` (guarded, so a second writer fails loudly) and journals it. */
    transition(id: number, from: RefundState, to: RefundState, patch: RefundPatch, now: number, entry?: JournalEntry) {
      const cols = (Object.keys(patch) as (keyof RefundPatch)[]).filter((k) => patch[k] !== undefined)
      const final = to === 'succeeded' || to === 'failed'
      const sets = [...cols.map((c) => `${c} = @${c}`), 'updated_at = @now', 'state = @to']
      if (final && from !== to) sets.push('final_at = @now')
      const sql = `UPDATE refunds SET ${sets.join(', ')} WHERE id = @id AND state = @from`
      let stmt = updates.get(sql)
      if (!stmt) updates.set(sql, (stmt = db.prepare(sql)))
      const params: Record<string, unknown> = { id, now, from, to }
      for (const c of cols) params[c] = patch[c]
      if (stmt.run(params).changes !== 1) throw new Error(`refund ${id} is not in state ${from}`)
      journal(id, now, {
        ...entry,
        kind: from === to ? (entry?.kind ?? 'note') : 'transition',
        from,
        to
      })
    },
    setSaleRefunded: (saleId: number, refundedMinor: number, status: string, now: number) =>
      void s.saleRefunded.run(refundedMinor, status, now, saleId)
  }
}
