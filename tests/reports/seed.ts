/**
 * Seeds a ledger the way the sale service and payment engine leave it (draft -> lines -> amounts ->
 * payment attempts -> paid), through plain prepared statements so the bench can write a million sales
 * in one transaction. Used by the history/report/refund suites and by bench/history.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openLedger, type Db, type Ledger } from '../../main/core/ledger/open'

export interface SeedLine {
  name: string
  unitPriceMinor: number
  quantity?: number
  taxRateBp?: number
}

export type SeedPaymentState = 'succeeded' | 'failed' | 'cancelled' | 'reversed' | 'reversing' | 'pending'

export interface SeedSale {
  /** Time of the (first) payment attempt. */
  at: number
  lines: SeedLine[]
  vendor?: string | null
  /** The attempts in order; the default is one that succeeded. */
  attempts?: SeedPaymentState[]
  currency?: string
  terminalId?: string
  /** The payment code's last 4 digits. */
  last4?: string
  /** Pockyt's number for the succeeded attempt (e.g. one the simulator handed out). */
  transactionNo?: string
  /** Our reference for the succeeded attempt. */
  reference?: string
}

/** A fresh ledger file in a temp folder; `dispose` closes and deletes it. */
export function tempLedger(): Ledger & { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'qrc-history-'))
  const ledger = openLedger(join(dir, 'ledger.sqlite'))
  return Object.assign(ledger, {
    dir,
    dispose() {
      ledger.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
}

const FINAL = new Set(['succeeded', 'failed', 'cancelled', 'reversed'])

export type Seeder = ReturnType<typeof createSeeder>

/** Prepared statements for seeding; `seed` inserts one sale with its attempts and returns its id. */
export function createSeeder(db: Db) {
  const s = {
    sale: db.prepare(
      `INSERT INTO sales (terminal_id, status, currency, items_minor, tax_minor, total_minor, created_at, updated_at)
       VALUES (?, 'draft', ?, ?, ?, ?, ?, ?)`
    ),
    line: db.prepare(
      `INSERT INTO sale_lines (sale_id, position, name, unit_price_minor, quantity, tax_rate_bp, tax_minor, total_minor)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
    ),
    open: db.prepare(`UPDATE sales SET status = 'open', updated_at = ? WHERE id = ?`),
    paid: db.prepare(`UPDATE sales SET status = 'paid', paid_at = ?, updated_at = ? WHERE id = ?`),
    back: db.prepare(`UPDATE sales SET status = 'draft', updated_at = ? WHERE id = ?`),
    payment: db.prepare(
      `INSERT INTO payments (sale_id, terminal_id, reference, transaction_no, state, vendor, amount_minor, currency,
         code_masked, code_last4, remote_status, created_at, updated_at, pay_sent_at, final_at)
       VALUES (@saleId, @terminalId, @reference, @transactionNo, @state, @vendor, @amount, @currency,
         @masked, @last4, @remote, @at, @at, @at, @finalAt)`
    )
  }
  let seq = 0
  let txNo = 297553640000000000n

  return {
    seed(sale: SeedSale): number {
      const currency = sale.currency ?? 'USD'
      const terminalId = sale.terminalId ?? 'T1'
      const lines = sale.lines.map((l) => {
        const q = l.quantity ?? 1
        const gross = l.unitPriceMinor * q
        const tax = Math.round((gross * (l.taxRateBp ?? 0)) / 10_000)
        return { ...l, q, gross, tax, total: gross + tax }
      })
      const items = lines.reduce((a, l) => a + l.gross, 0)
      const tax = lines.reduce((a, l) => a + l.tax, 0)
      const total = items + tax
      const created = sale.at - 30_000
      const saleId = Number(s.sale.run(terminalId, currency, items, tax, total, created, created).lastInsertRowid)
      lines.forEach((l, i) =>
        s.line.run(saleId, i + 1, l.name, l.unitPriceMinor, l.q, l.taxRateBp ?? 0, l.tax, l.total)
      )
      const attempts = sale.attempts ?? ['succeeded']
      s.open.run(sale.at, saleId)
      let paidAt: number | null = null
      attempts.forEach((state, i) => {
        const at = sale.at + i * 1000
        seq += 1
        txNo += 1n
        const last4 = sale.last4 ?? String(1000 + (seq % 9000))
        s.payment.run({
          saleId,
          terminalId,
          reference: (state === 'succeeded' && sale.reference) || `Qseed-${seq.toString(36)}`,
          transactionNo: (state === 'succeeded' && sale.transactionNo) || String(txNo),
          state,
          vendor: sale.vendor === undefined ? 'wechatpay' : sale.vendor,
          amount: total,
          currency,
          masked: `**************${last4}`,
          last4,
          remote: state === 'succeeded' ? 'success' : null,
          at,
          finalAt: FINAL.has(state) ? at + 500 : null
        })
        if (state === 'succeeded') paidAt = at + 500
      })
      if (paidAt !== null) s.paid.run(paidAt, paidAt, saleId)
      else if (attempts.every((a) => FINAL.has(a))) s.back.run(sale.at, saleId)
      return saleId
    }
  }
}

/**
 * A refund or void as the refund engine leaves it (created -> succeeded), without Pockyt: for report
 * tests. Moves the sale's refunded amount and status like the engine.
 */
export function seedRefund(
  db: Db,
  r: {
    saleId: number
    amountMinor: number
    at: number
    kind?: 'refund' | 'void'
    state?: 'succeeded' | 'failed' | 'sent'
  }
): number {
  const p = db.prepare(`SELECT id, currency FROM payments WHERE sale_id = ? AND state = 'succeeded'`).get(r.saleId) as {
    id: number
    currency: string
  }
  const kind = r.kind ?? 'refund'
  const id = Number(
    db
      .prepare(
        `INSERT INTO refunds (payment_id, sale_id, kind, refund_reference, amount_minor, currency, state, reason, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'created', 'test', ?, ?)`
      )
      .run(p.id, r.saleId, kind, `Rseed-${r.saleId}-${r.at.toString(36)}`, r.amountMinor, p.currency, r.at, r.at)
      .lastInsertRowid
  )
  const state = r.state ?? 'succeeded'
  if (state === 'sent') {
    db.prepare(`UPDATE refunds SET state = 'sent' WHERE id = ?`).run(id)
    return id
  }
  db.prepare(`UPDATE refunds SET state = ?, final_at = ?, refund_transaction_no = ? WHERE id = ?`).run(
    state,
    r.at,
    state === 'succeeded' ? String(297553650000000000n + BigInt(id)) : null,
    id
  )
  if (state === 'succeeded') {
    const sale = db.prepare(`SELECT total_minor, refunded_minor FROM sales WHERE id = ?`).get(r.saleId) as {
      total_minor: number
      refunded_minor: number
    }
    const refunded = sale.refunded_minor + r.amountMinor
    const status = kind === 'void' ? 'voided' : refunded >= sale.total_minor ? 'refunded' : 'partially_refunded'
    db.prepare(`UPDATE sales SET refunded_minor = ?, status = ? WHERE id = ?`).run(refunded, status, r.saleId)
  }
  return id
}
