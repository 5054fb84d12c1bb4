import { z } from 'zod'
import { isPaymentCode } from '../payment-code'

const Id = z.number().int().positive()

/** The engine's states (architecture.md). Final: succeeded, failed, cancelled, reversed. */
export const PaymentState = z.enum([
  'created',
  'awaiting_code',
  'prepay_sent',
  'pending',
  'reversing',
  'succeeded',
  'failed',
  'cancelled',
  'reversed'
])

/** A customer-presented wallet code as scanned: digits only (WeChat 18, Alipay 16-24, Alipay+ up to 32). */
export const PaymentCode = z
  .string()
  .trim()
  .refine(isPaymentCode, 'A wallet payment code is 10 to 32 digits. Scan the code again, or type it exactly.')

export const PaymentView = z.strictObject({
  id: Id,
  saleId: Id,
  state: PaymentState,
  /** A sentence for the cashier (English); the UI translates by `state` + `unresolved`. */
  message: z.string(),
  /** Something keeps failing (a cancel that has not landed); retried automatically. */
  unresolved: z.boolean(),
  final: z.boolean(),
  /** The cashier may cancel now. */
  canCancel: z.boolean(),
  amountMinor: z.number().int().positive(),
  currency: z.string().length(3),
  /** Ours, unique per attempt. */
  reference: z.string(),
  /** Pockyt's id: 18 digits as a string, never a number. */
  transactionNo: z.string().regex(/^\d+$/).nullable(),
  vendor: z.string().nullable(),
  /** All but the last 4 digits masked. */
  codeMasked: z.string().nullable(),
  /** The last transaction status Pockyt reported. */
  remoteStatus: z.string().nullable(),
  declineReason: z.string().nullable(),
  lastError: z.string().nullable(),
  queryCount: z.number().int().nonnegative(),
  createdAt: z.number().int(),
  paySentAt: z.number().int().nullable(),
  finalAt: z.number().int().nullable(),
  updatedAt: z.number().int()
})

export const paymentChannels = {
  /** Starts a wallet payment for the sale's total (sends `add`); the scan panel opens on `awaiting_code`. */
  'payment:start': { input: z.strictObject({ saleId: Id }), output: PaymentView },
  /**
   * A scanned code for the sale: sent to the payment waiting for one, or starts a new attempt with it
   * (one-scan checkout; "scan again" after a decline). Answers once `pay` is on its way.
   */
  'payment:submitCode': { input: z.strictObject({ saleId: Id, code: PaymentCode }), output: PaymentView },
  /** Cancels at any moment; the engine closes the transaction at Pockyt and reports the outcome by event. */
  'payment:cancel': { input: z.strictObject({ paymentId: Id }), output: PaymentView },
  /** The payment holding this till, if any (for a window that reconnects). */
  'payment:current': { input: z.undefined(), output: PaymentView.nullable() },
  'payment:get': { input: z.strictObject({ paymentId: Id }), output: PaymentView },
  /** Every attempt for a sale, oldest first. */
  'payment:listForSale': { input: z.strictObject({ saleId: Id }), output: z.array(PaymentView) }
}

export const paymentEvents = {
  /** Every state change (and every query result) of any payment. */
  'payment:changed': PaymentView
}
