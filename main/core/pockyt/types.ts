/**
 * What the rest of the app (the payment engine, refunds, reconciliation, settings) sees of Pockyt.
 * The client (`client.ts`) speaks the wire format; everything above it uses these types only.
 */

/** Pockyt's transaction statuses, as documented plus those seen in official code (`fail`, `reversed`). */
export type PockytStatus = 'init' | 'pending' | 'dealing' | 'success' | 'failed' | 'fail' | 'closed' | 'reversed'

/** Wallets we can tell from a scanned code. Sent as Pockyt's `vendor`. */
export type Vendor = 'wechatpay' | 'alipay' | 'unionpay'

/** A transaction as Pockyt reported it, parsed and validated. `transactionNo` stays a string. */
export interface PockytTransaction {
  transactionNo: string
  reference?: string
  /** Integer minor units of `currency`. */
  amountMinor: number
  currency: string
  status: PockytStatus
  refundedMinor?: number
  vendor?: string
  /** `payment`, `refund` or `void` when Pockyt says (add, pay and trans-list answers do). */
  transactionType?: string
  /** Pockyt's `createTime` / `paymentTime` as sent (UTC+8 "yyyy-MM-dd HH:mm:ss"). */
  createTime?: string
  paymentTime?: string
}

export interface PockytRefund {
  transactionNo: string
  refundTransactionNo?: string
  refundReference?: string
  refundAmountMinor: number
  status: string
}

/**
 * Every call ends in exactly one of three outcomes, and the engine's safety depends on telling them
 * apart:
 * - ok: Pockyt answered `000100` with a valid body;
 * - rejected: Pockyt answered and refused (`ret_code` kept); nothing was done;
 * - unknown: timeout, network error, 5xx, unparseable or invalid body: it may or may not have happened.
 */
export type PockytOutcome<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'rejected'; retCode: string; retMsg: string }
  | {
      kind: 'unknown'
      reason: 'timeout' | 'network' | 'http' | 'malformed' | 'aborted'
      detail: string
      /** The HTTP status when an answer arrived. */
      httpStatus?: number
      /** Set when Pockyt answered `000000` (System Error) or `000080` (wallet error): not a refusal. */
      retCode?: string
      retMsg?: string
    }

export interface CallOptions {
  signal?: AbortSignal
}

export type TransactionRef = { transactionNo: string } | { reference: string }

export interface AddRequest {
  amountMinor: number
  currency: string
  /** Ours, unique per attempt, <= 32 chars of [A-Za-z0-9_-]. */
  reference: string
  /** Pockyt's own auto-close, minutes. */
  timeoutMinutes?: number
  description?: string
}

export interface PayRequest {
  transactionNo: string
  /** The scanned code, exactly as read (after trimming). */
  paymentBarcode: string
  vendor?: Vendor
}

export interface RefundRequest {
  transactionNo: string
  refundAmountMinor: number
  currency: string
  refundReference: string
}

export interface TransListRequest {
  /** YYYYMMDD, Pockyt's working day (UTC+8). At most 15 days apart. */
  startDate: string
  endDate: string
}

export interface PockytClient {
  add(req: AddRequest, opts?: CallOptions): Promise<PockytOutcome<PockytTransaction>>
  pay(req: PayRequest, opts?: CallOptions): Promise<PockytOutcome<PockytTransaction>>
  query(ref: TransactionRef, opts?: CallOptions): Promise<PockytOutcome<PockytTransaction>>
  /** Pockyt's reverse: closes an unpaid transaction, refunds a paid one. */
  cancel(ref: TransactionRef, opts?: CallOptions): Promise<PockytOutcome<PockytTransaction>>
  refund(req: RefundRequest, opts?: CallOptions): Promise<PockytOutcome<PockytRefund>>
  transList(req: TransListRequest, opts?: CallOptions): Promise<PockytOutcome<PockytTransaction[]>>
}

/** Where and as whom the client talks. The token never leaves main. */
export interface PockytSettings {
  baseUrl: string
  merchantNo: string
  storeNo: string
  storeAdminNo?: string
  token: string
  /** `/app-instore/v3/pay` by default; official material also says `/app-instore/v3/prepay`. */
  payPath: string
}

/** Settings as the app stores them; `payPath` may be left out (default `/app-instore/v3/pay`). */
export type PockytClientSettings = Omit<PockytSettings, 'payPath'> & { payPath?: string }

export const BASE_URL_PRESETS = {
  production: 'https://mapi.yuansfer.com',
  sandbox: 'https://mapi.yuansferdev.com',
  legacySandbox: 'https://mapi.yuansfer.yunkeguan.com'
} as const

/** The published sandbox credentials; the simulator accepts them by default. */
export const SANDBOX_CREDENTIALS = {
  merchantNo: '200043',
  storeNo: '300014',
  token: '5cbfb079f15b150122261c8537086d77a'
} as const
