/**
 * Whether the ledger holds a payment or refund that is not final yet: while one does, the running
 * Pockyt client must stay (its remaining calls go to the environment it started in).
 */
import type { Db } from '../ledger/open'

/** Returns a function answering why a client switch must wait now, or null when nothing is unsettled. */
export function createUnsettledProbe(db: Db): () => string | null {
  const payment = db.prepare(`SELECT id, state FROM payments WHERE final_at IS NULL ORDER BY id LIMIT 1`)
  const refund = db.prepare(`SELECT id, state FROM refunds WHERE final_at IS NULL ORDER BY id LIMIT 1`)
  return () => {
    const p = payment.get() as { id: number; state: string } | undefined
    if (p) return `payment ${p.id} is ${p.state}`
    const r = refund.get() as { id: number; state: string } | undefined
    return r ? `refund ${r.id} is ${r.state}` : null
  }
}

/**
 * Which Pockyt environments the unsettled payments and refunds belong to, told by the payment's
 * reference: Training's start `QTRAIN`, live ones carry the store number (reference.ts).
 */
export function unsettledEnvironments(db: Db): { training: boolean; live: boolean } {
  const refs = db
    .prepare(
      `SELECT reference FROM payments WHERE final_at IS NULL
       UNION SELECT p.reference FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE r.final_at IS NULL`
    )
    .pluck()
    .all() as string[]
  return { training: refs.some(isTrainingReference), live: refs.some((r) => !isTrainingReference(r)) }
}

/** A payment reference Training made (`makeReference('TRAIN', …)`). */
export const isTrainingReference = (reference: string): boolean => reference.startsWith('QTRAIN')
