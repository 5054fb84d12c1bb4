/**
 * What the journal and the logs may keep of a Pockyt call: never the full payment code (all but the
 * last 4 digits masked), never the token or `verifySign` (the client never hands them up anyway).
 */
import type { PockytOutcome, PockytRefund, PockytTransaction } from '../pockyt/types'

export function maskCode(code: string): string {
  return code.length <= 4 ? code : '*'.repeat(code.length - 4) + code.slice(-4)
}

export function last4(code: string): string {
  return code.slice(-4)
}

/** Removes anything that looks like a payment code (12+ digits that are not the transactionNo). */
export function scrub(text: string, keep: readonly (string | null | undefined)[] = []): string {
  return text
    .slice(0, 300)
    .replace(/\d{12,}/g, (run) => (keep.includes(run) ? run : maskCode(run)))
    .replace(/(verifySign|token)["'=:\s]+[^\s,"'&}]+/gi, '$1=[redacted]')
}

export function summarizeOutcome(
  out: PockytOutcome<PockytTransaction | PockytRefund | PockytTransaction[]>,
  keep: readonly (string | null | undefined)[] = []
): Record<string, unknown> {
  switch (out.kind) {
    case 'ok': {
      const v = out.value
      if (Array.isArray(v)) return { kind: 'ok', count: v.length }
      if ('refundAmountMinor' in v) {
        return {
          kind: 'ok',
          status: v.status,
          refundAmountMinor: v.refundAmountMinor,
          refundTransactionNo: v.refundTransactionNo
        }
      }
      return {
        kind: 'ok',
        status: v.status,
        transactionNo: v.transactionNo,
        amountMinor: v.amountMinor,
        reference: v.reference
      }
    }
    case 'rejected':
      return { kind: 'rejected', retCode: out.retCode, retMsg: scrub(out.retMsg, keep) }
    case 'unknown':
      return { kind: 'unknown', reason: out.reason, detail: scrub(out.detail, keep) }
  }
}
