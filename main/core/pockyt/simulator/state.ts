/**
 * What the simulated Pockyt holds: merchants, transactions, refunds, and the rules that move a
 * transaction through Pockyt's states. Every operation checks everything first and only then changes
 * state, so a refusal (a thrown `SimRefusal`) leaves nothing behind.
 *
 * Time is lazy: scheduled customer actions ("confirms after 5 s") are stored as due times and applied
 * whenever the transaction is next read, so there are no timers to leak and a manual clock works.
 */
import { systemClock, type Clock } from '../../clock'
import { fromWireAmount, toWireAmount, CURRENCY_DIGITS } from '../../money'
import { SANDBOX_CREDENTIALS, type PockytStatus } from '../types'
import { detectWallet } from '../vendor'
import { scenarioFor, type Scenario } from './scenarios'

export interface SimCredentials {
  merchantNo: string
  storeNo: string
  token: string
}

export interface SimulatorOptions {
  /** Defaults to the system clock. */
  clock?: Clock
  /** Multiplies every simulated delay: 1 = real time, 0.01 = a hundred times faster. */
  timeScale?: number
  /** Accepted merchants; defaults to Pockyt's published sandbox credentials. */
  credentials?: readonly SimCredentials[]
  /** The first transactionNo handed out (18 digits). Deterministic so tests can name them. */
  firstTransactionNo?: string
}

export interface SimRefund {
  refundTransactionNo: string
  refundReference: string
  refundAmountMinor: number
  createdAt: number
}

export interface SimTransaction {
  transactionNo: string
  reference: string
  merchantNo: string
  storeNo: string
  storeAdminNo?: string
  amountMinor: number
  currency: string
  settleCurrency: string
  status: PockytStatus
  refundedMinor: number
  refunds: SimRefund[]
  vendor?: string
  /** Only the last four digits of the code are kept, as anywhere else. */
  codeLast4?: string
  scenario?: string
  createdAt: number
  paidAt?: number
  /** A scheduled customer action, applied lazily once `at` has passed. */
  due?: { at: number; status: 'success' | 'closed' }
  queryCount: number
}

/** A refusal Pockyt would answer with this `ret_code`. */
export class SimRefusal extends Error {
  constructor(
    readonly retCode: string,
    message: string
  ) {
    super(message)
  }
}

const refuse = (retCode: string, message: string): never => {
  throw new SimRefusal(retCode, message)
}

/** Pockyt's amount rule as the SDKs validate it: a positive decimal with at most 2 places. */
export function parsePositiveAmount(value: string, currency: string, field: string): number {
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(value))
    refuse('000023', `${field} must be a positive decimal with at most 2 places`)
  const minor = fromWireAmount(value, currency)
  if (minor === null || minor <= 0) return refuse('000023', `${field} must be a positive decimal with at most 2 places`)
  return minor
}

/** A transaction is addressed by exactly one of transactionNo and reference. */
export type SimRef = { transactionNo: string; reference?: undefined } | { reference: string; transactionNo?: undefined }

export class SimulatorState {
  readonly clock: Clock
  readonly timeScale: number
  readonly credentials: readonly SimCredentials[]
  private readonly txs = new Map<string, SimTransaction>()
  private nextNo: bigint

  constructor(opts: SimulatorOptions = {}) {
    this.clock = opts.clock ?? systemClock
    this.timeScale = opts.timeScale ?? 1
    if (!(this.timeScale > 0) || !Number.isFinite(this.timeScale))
      throw new RangeError('timeScale must be a positive number')
    this.credentials = opts.credentials ?? [SANDBOX_CREDENTIALS]
    const first = opts.firstTransactionNo ?? '297553640000000001'
    if (!/^\d{18}$/.test(first)) throw new RangeError('firstTransactionNo must be 18 digits')
    this.nextNo = BigInt(first)
  }

  /** Simulated milliseconds -> clock milliseconds. */
  scaled(ms: number): number {
    return ms * this.timeScale
  }

  /** The token of a known merchant/store, or undefined. */
  tokenFor(merchantNo: string, storeNo: string): string | undefined {
    return this.credentials.find((c) => c.merchantNo === merchantNo && c.storeNo === storeNo)?.token
  }

  private newNo(): string {
    const no = String(this.nextNo)
    this.nextNo += 1n
    return no
  }

  private settle(tx: SimTransaction): SimTransaction {
    if (tx.due && this.clock.now() >= tx.due.at) {
      tx.status = tx.due.status
      if (tx.status === 'success') tx.paidAt = tx.due.at
      tx.due = undefined
    }
    return tx
  }

  /** Every transaction, with due customer actions applied (a copy: tests may inspect freely). */
  list(): SimTransaction[] {
    return [...this.txs.values()].map((tx) => structuredClone(this.settle(tx)))
  }

  /** One transaction by number, settled, as a copy. */
  get(transactionNo: string): SimTransaction | undefined {
    const tx = this.txs.get(transactionNo)
    return tx && structuredClone(this.settle(tx))
  }

  /** What the simulator holds as paid: `success` transactions, with what is left after refunds. */
  paid(): Array<SimTransaction & { netMinor: number }> {
    return this.list()
      .filter((t) => t.status === 'success')
      .map((t) => ({ ...t, netMinor: t.amountMinor - t.refundedMinor }))
  }

  /** Forgets every transaction (numbers keep counting, so none is ever reused). */
  reset(): void {
    this.txs.clear()
  }

  private find(merchantNo: string, storeNo: string, ref: SimRef): SimTransaction {
    const mine = (t: SimTransaction | undefined) => t && t.merchantNo === merchantNo && t.storeNo === storeNo
    const tx =
      ref.transactionNo !== undefined
        ? this.txs.get(ref.transactionNo)
        : [...this.txs.values()].find((t) => mine(t) && t.reference === ref.reference)
    if (!tx || !mine(tx)) return refuse('000021', 'no such transaction')
    return this.settle(tx)
  }

  add(p: {
    merchantNo: string
    storeNo: string
    storeAdminNo?: string
    amount: string
    currency: string
    settleCurrency?: string
    reference: string
    timeout?: string
  }): SimTransaction {
    if (CURRENCY_DIGITS[p.currency] === undefined) refuse('000023', `currency ${p.currency} is not supported`)
    if (p.settleCurrency !== undefined && p.settleCurrency !== 'USD' && p.settleCurrency !== 'GBP') {
      refuse('000023', 'settleCurrency must be USD or GBP')
    }
    const amountMinor = parsePositiveAmount(p.amount, p.currency, 'amount')
    if (p.timeout !== undefined && !/^[1-9]\d{0,5}$/.test(p.timeout)) refuse('000023', 'timeout must be whole minutes')
    for (const t of this.txs.values()) {
      if (t.merchantNo === p.merchantNo && t.storeNo === p.storeNo && t.reference === p.reference) {
        refuse('000022', 'duplicate reference')
      }
    }
    const tx: SimTransaction = {
      transactionNo: this.newNo(),
      reference: p.reference,
      merchantNo: p.merchantNo,
      storeNo: p.storeNo,
      storeAdminNo: p.storeAdminNo,
      amountMinor,
      currency: p.currency,
      settleCurrency: p.settleCurrency ?? (p.currency === 'GBP' ? 'GBP' : 'USD'),
      status: 'init',
      refundedMinor: 0,
      refunds: [],
      createdAt: this.clock.now(),
      queryCount: 0
    }
    this.txs.set(tx.transactionNo, tx)
    return tx
  }

  /** Processes a pay: the transaction must be `init`; the code's scenario decides what follows. */
  pay(
    merchantNo: string,
    storeNo: string,
    ref: SimRef,
    code: string,
    vendor: string | undefined
  ): { tx: SimTransaction; scenario?: Scenario } {
    const tx = this.find(merchantNo, storeNo, ref)
    if (tx.status !== 'init') refuse('000040', `transaction is ${tx.status}: it cannot be paid`)
    const scenario = scenarioFor(code)
    const now = this.clock.now()
    tx.status = scenario?.payStatus ?? 'success'
    if (tx.status === 'success') tx.paidAt = now
    if (scenario?.then) tx.due = { at: now + this.scaled(scenario.then.afterMs), status: scenario.then.status }
    const detected = detectWallet(code)
    tx.vendor = vendor ?? (detected.ok ? detected.vendor : undefined)
    tx.codeLast4 = code.slice(-4)
    tx.scenario = scenario?.suffix
    return { tx, scenario }
  }

  /** A tran-query; `flaky` is true when this one must answer 503 (scenario 909, every other query). */
  query(merchantNo: string, storeNo: string, ref: SimRef): { tx: SimTransaction; flaky: boolean } {
    const tx = this.find(merchantNo, storeNo, ref)
    tx.queryCount += 1
    const flaky = scenarioFor(tx.scenario ?? '')?.flakyQuery === true && tx.queryCount % 2 === 1
    return { tx, flaky }
  }

  /**
   * Pockyt's cancel (reverse): closes an unpaid transaction, refunds what is left of a paid one.
   * Idempotent on transactions already closed, reversed or failed, like the wallets' own cancel.
   */
  cancel(merchantNo: string, storeNo: string, ref: SimRef): SimTransaction {
    const tx = this.find(merchantNo, storeNo, ref)
    if (tx.status === 'success') {
      const rest = tx.amountMinor - tx.refundedMinor
      if (rest > 0) {
        tx.refunds.push({
          refundTransactionNo: this.newNo(),
          refundReference: `cancel-${tx.transactionNo}`,
          refundAmountMinor: rest,
          createdAt: this.clock.now()
        })
      }
      tx.refundedMinor = tx.amountMinor
      tx.status = 'reversed'
    } else if (tx.status === 'init' || tx.status === 'pending' || tx.status === 'dealing') {
      tx.status = 'closed'
    }
    tx.due = undefined
    return tx
  }

  refund(
    merchantNo: string,
    storeNo: string,
    ref: SimRef,
    p: { refundAmount: string; currency: string; refundReference: string }
  ): { tx: SimTransaction; refund: SimRefund } {
    const tx = this.find(merchantNo, storeNo, ref)
    if (p.currency !== tx.currency) refuse('000022', 'currency does not match the transaction')
    const amountMinor = parsePositiveAmount(p.refundAmount, tx.currency, 'refundAmount')
    for (const t of this.txs.values()) {
      if (t.merchantNo === merchantNo && t.refunds.some((r) => r.refundReference === p.refundReference)) {
        refuse('000022', 'duplicate refundReference')
      }
    }
    if (tx.status !== 'success')
      refuse('000040', `transaction is ${tx.status}: only a paid transaction can be refunded`)
    if (amountMinor > tx.amountMinor - tx.refundedMinor) {
      refuse('000040', `refund exceeds what is left (${toWireAmount(tx.amountMinor - tx.refundedMinor, tx.currency)})`)
    }
    const refund: SimRefund = {
      refundTransactionNo: this.newNo(),
      refundReference: p.refundReference,
      refundAmountMinor: amountMinor,
      createdAt: this.clock.now()
    }
    tx.refunds.push(refund)
    tx.refundedMinor += amountMinor
    return { tx, refund }
  }

  /** Payments of a store created on Pockyt days (UTC+8) from `startDate` to `endDate`, YYYYMMDD. */
  transList(merchantNo: string, storeNo: string, startDate: string, endDate: string): SimTransaction[] {
    const day = (d: string) => (/^\d{8}$/.test(d) ? Number(d) : refuse('000023', 'dates are YYYYMMDD'))
    const from = day(startDate)
    const to = day(endDate)
    const span = (Date.parse(isoDay(endDate)) - Date.parse(isoDay(startDate))) / 86_400_000
    if (!Number.isFinite(span) || to < from || span > 15) {
      refuse('000023', 'endDate must be on or after startDate and at most 15 days later')
    }
    return [...this.txs.values()]
      .filter((t) => t.merchantNo === merchantNo && t.storeNo === storeNo)
      .map((t) => this.settle(t))
      .filter((t) => {
        const d = Number(pockytTime(t.createdAt).slice(0, 10).replaceAll('-', ''))
        return d >= from && d <= to
      })
  }
}

const isoDay = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T00:00:00Z`

/** Pockyt's "yyyy-MM-dd HH:mm:ss" in its working timezone, UTC+8. */
export function pockytTime(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')
}
