/**
 * SQL for payment attempts and their append-only event log. The engine (`core/payment/`) decides the
 * transitions; this module writes each one together with its journal entry in a single transaction.
 */
import type { Db } from './open'

export const ACTIVE_STATES = ['created', 'awaiting_code', 'prepay_sent', 'pending'] as const
export const FINAL_STATES = ['succeeded', 'failed', 'cancelled', 'reversed'] as const
export type PaymentState = (typeof ACTIVE_STATES)[number] | 'reversing' | (typeof FINAL_STATES)[number]

export function isFinal(state: PaymentState): boolean {
  return (FINAL_STATES as readonly string[]).includes(state)
}

/** States that engage the customer and hold the terminal (one at a time, enforced by a unique index). */
export function isActive(state: PaymentState): boolean {
  return (ACTIVE_STATES as readonly string[]).includes(state)
}

export interface PaymentRow {
  id: number
  sale_id: number
  terminal_id: string
  reference: string
  transaction_no: string | null
  state: PaymentState
  vendor: string | null
  amount_minor: number
  currency: string
  code_masked: string | null
  code_last4: string | null
  remote_status: string | null
  created_at: number
  updated_at: number
  pay_sent_at: number | null
  cancel_requested_at: number | null
  cancel_landed_at: number | null
  final_at: number | null
  query_count: number
  cancel_attempts: number
  last_error: string | null
  decline_reason: string | null
}

/** Columns the engine may change besides `state` (identity columns are fixed by a trigger). */
export interface PaymentPatch {
  transaction_no?: string
  vendor?: string | null
  code_masked?: string
  code_last4?: string
  remote_status?: string | null
  pay_sent_at?: number
  cancel_requested_at?: number
  cancel_landed_at?: number
  query_count?: number
  cancel_attempts?: number
  last_error?: string | null
  decline_reason?: string | null
}

const PATCHABLE = new Set<keyof PaymentPatch>([
  'transaction_no',
  'vendor',
  'code_masked',
  'code_last4',
  'remote_status',
  'pay_sent_at',
  'cancel_requested_at',
  'cancel_landed_at',
  'query_count',
  'cancel_attempts',
  'last_error',
  'decline_reason'
])

export interface JournalEntry {
  kind: 'transition' | 'call' | 'note'
  from?: PaymentState | null
  to?: PaymentState | null
  /** Redacted: never the full payment code, the token or `verifySign`. */
  request?: unknown
  answer?: unknown
  note?: string
}

export interface PaymentEventRow {
  id: number
  payment_id: number | null
  refund_id: number | null
  at: number
  kind: JournalEntry['kind']
  from_state: string | null
  to_state: string | null
  request: string | null
  answer: string | null
  note: string | null
}

export type PaymentsRepo = ReturnType<typeof createPaymentsRepo>

export function createPaymentsRepo(db: Db) {
  const s = {
    insert: db.prepare(
      `INSERT INTO payments (sale_id, terminal_id, reference, state, amount_minor, currency, created_at, updated_at)
       VALUES (?, ?, ?, 'created', ?, ?, ?, ?)`
    ),
    get: db.prepare(`SELECT * FROM payments WHERE id = ?`),
    forSale: db.prepare(`SELECT * FROM payments WHERE sale_id = ? ORDER BY id`),
    unfinished: db.prepare(`SELECT * FROM payments WHERE final_at IS NULL ORDER BY id`),
    active: db.prepare(
      `SELECT * FROM payments WHERE terminal_id = ? AND state IN ('created','awaiting_code','prepay_sent','pending')`
    ),
    event: db.prepare(
      `INSERT INTO payment_events (payment_id, at, kind, from_state, to_state, request, answer, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
    ),
    events: db.prepare(`SELECT * FROM payment_events WHERE payment_id = ? ORDER BY id`)
  }
  const updates = new Map<string, ReturnType<Db['prepare']>>()

  const journal = (paymentId: number, at: number, e: JournalEntry) => {
    s.event.run(
      paymentId,
      at,
      e.kind,
      e.from ?? null,
      e.to ?? null,
      e.request === undefined ? null : JSON.stringify(e.request),
      e.answer === undefined ? null : JSON.stringify(e.answer),
      e.note ?? null
    )
  }

  /** UPDATE payments SET state (optional) + patch columns; statements are cached per column set. */
  const update = (
    id: number,
    from: PaymentState,
    state: PaymentState | undefined,
    patch: PaymentPatch,
    now: number,
    final: boolean
  ) => {
    const cols = (Object.keys(patch) as (keyof PaymentPatch)[]).filter((k) => patch[k] !== undefined)
    for (const c of cols) if (!PATCHABLE.has(c)) throw new Error(`payments.${c} is not patchable`)
    const sets = [...cols.map((c) => `${c} = @${c}`), 'updated_at = @now']
    if (state) sets.push('state = @state')
    if (final) sets.push('final_at = @now')
    // The state guard makes a second writer (a bug) fail loudly instead of overwriting a transition.
    const sql = `UPDATE payments SET ${sets.join(', ')} WHERE id = @id AND state = @from`
    let stmt = updates.get(sql)
    if (!stmt) updates.set(sql, (stmt = db.prepare(sql)))
    const params: Record<string, unknown> = { id, now, from }
    for (const c of cols) params[c] = patch[c]
    if (state) params.state = state
    if (stmt.run(params).changes !== 1) throw new Error(`payment ${id} is not in state ${from}`)
  }

  return {
    /** Writes a new attempt in `created` and journals it. */
    insert(p: {
      saleId: number
      terminalId: string
      reference: string
      amountMinor: number
      currency: string
      now: number
    }): number {
      const info = s.insert.run(p.saleId, p.terminalId, p.reference, p.amountMinor, p.currency, p.now, p.now)
      const id = Number(info.lastInsertRowid)
      journal(id, p.now, { kind: 'transition', from: null, to: 'created', note: `reference ${p.reference}` })
      return id
    },
    get: (id: number) => s.get.get(id) as PaymentRow | undefined,
    forSale: (saleId: number) => s.forSale.all(saleId) as PaymentRow[],
    unfinished: () => s.unfinished.all() as PaymentRow[],
    activeForTerminal: (terminalId: string) => s.active.get(terminalId) as PaymentRow | undefined,
    events: (paymentId: number) => s.events.all(paymentId) as PaymentEventRow[],
    /** Changes state (journalled as a transition) and/or columns. Call inside the caller's transaction. */
    transition(
      id: number,
      from: PaymentState,
      to: PaymentState,
      patch: PaymentPatch,
      now: number,
      entry?: JournalEntry
    ) {
      update(id, from, from === to ? undefined : to, patch, now, from !== to && isFinal(to))
      journal(id, now, { ...entry, kind: from === to ? (entry?.kind ?? 'note') : 'transition', from, to })
    },
    /** Records a remote call (request + answer) without a state change. */
    journal,
    /** Changes columns only; `state` must still be what the caller last read. */
    patch: (id: number, state: PaymentState, patch: PaymentPatch, now: number) =>
      update(id, state, undefined, patch, now, false)
  }
}
