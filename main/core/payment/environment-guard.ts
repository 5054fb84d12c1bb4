/**
 * Refunds and voids go to the Pockyt environment that took the payment. Training and live can now be
 * switched without a restart, so a sale paid in one may be opened for a refund in the other: that is
 * refused with a message saying which mode to switch to, instead of asking the wrong Pockyt.
 */
import { PosError } from '../errors'
import type { Db } from '../ledger/open'
import type { ClientTarget } from './switchable-client'
import { isTrainingReference } from './unsettled'

/** Throws CONFLICT when the sale's approved payment belongs to another environment than `current`. */
export function createEnvironmentGuard(db: Db, current: () => ClientTarget) {
  const paid = db.prepare(
    `SELECT reference FROM payments WHERE sale_id = ? AND state = 'succeeded' ORDER BY id LIMIT 1`
  )
  return (saleId: number, action: 'refund' | 'void'): void => {
    const reference = paid.pluck().get(saleId) as string | undefined
    if (!reference) return // nothing paid: the refund service says so itself
    const target = current()
    const training = isTrainingReference(reference)
    if (training === (target.mode === 'training')) return
    throw new PosError(
      'CONFLICT',
      training
        ? `This sale was paid in Training mode, so its ${action} must go to Training too. Switch to Training in Settings to ${action} it.`
        : `This sale was paid live, so its ${action} must go to Pockyt live. Switch to live in Settings to ${action} it.`,
      { saleId, paidIn: training ? 'training' : 'live' }
    )
  }
}
