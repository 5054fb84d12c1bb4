/**
 * The simulator as one fetch-style handler, `(Request) => Promise<Response>`: the same code answers
 * in-process (Training mode) and behind node:http (`server.ts`). It reads JSON or form-urlencoded
 * bodies, checks the signature and fields the way Pockyt is documented to, and answers with Pockyt's
 * envelope `{ ret_code, ret_msg, result }`. Refusals change nothing.
 */
import { toWireAmount } from '../../money'
import { hasValidSign } from '../sign'
import { POCKYT_PATHS } from '../client'
import { scenarioFor } from './scenarios'
import { pockytTime, SimRefusal, type SimRef, type SimRefund, type SimTransaction, type SimulatorState } from './state'

/**
 * Thrown when the answer must be lost after processing (scenario 905). Over HTTP the server destroys
 * the socket; in-process the simulator's fetch rejects like a dropped connection.
 */
export class SimulatedDrop extends Error {
  constructor() {
    super('connection dropped by the simulator (scenario 905)')
    this.name = 'SimulatedDrop'
  }
}

export type SimulatorHandler = (request: Request) => Promise<Response>

export interface HandlerDeps {
  /** Waits `ms` clock milliseconds (scenario 908); rejects when the simulator is closed. */
  sleep: (ms: number) => Promise<void>
  /** One line per request, payment code masked. */
  log?: (line: string) => void
}

type Params = Record<string, string>
type Route = 'add' | 'pay' | 'query' | 'cancel' | 'refund' | 'transList'

const ROUTES: Record<string, Route> = {
  [POCKYT_PATHS.add]: 'add',
  [POCKYT_PATHS.pay]: 'pay',
  [POCKYT_PATHS.prepay]: 'pay',
  [POCKYT_PATHS.query]: 'query',
  [POCKYT_PATHS.cancel]: 'cancel',
  [POCKYT_PATHS.refund]: 'refund',
  [POCKYT_PATHS.transList]: 'transList'
}

const REQUIRED: Record<Route, readonly string[]> = {
  add: ['amount', 'currency', 'reference'],
  pay: ['paymentBarcode'],
  query: [],
  cancel: [],
  refund: ['refundAmount', 'currency', 'refundReference'],
  transList: ['startDate', 'endDate']
}

const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } })

const text = (body: string, status: number): Response =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } })

const envelope = (retCode: string, retMsg: string, result?: unknown) =>
  json(result === undefined ? { ret_code: retCode, ret_msg: retMsg } : { result, ret_code: retCode, ret_msg: retMsg })

const wire = (minor: number, currency: string) => toWireAmount(minor, currency)

/** The transaction object of add and pay answers (docs.yuansfer.com …/scan-qrcode/add example). */
function transactionObject(tx: SimTransaction) {
  return {
    amount: wire(tx.amountMinor, tx.currency),
    createTime: pockytTime(tx.createdAt),
    currency: tx.currency,
    merchantNo: tx.merchantNo,
    originalTransactionNo: null,
    paymentTime: tx.paidAt === undefined ? null : pockytTime(tx.paidAt),
    reference: tx.reference,
    refundAmount: wire(tx.refundedMinor, tx.currency),
    settleCurrency: tx.settleCurrency,
    storeAdminNo: tx.storeAdminNo ?? null,
    storeNo: tx.storeNo,
    transactionNo: tx.transactionNo,
    transactionStatus: tx.status,
    transactionType: 'payment',
    vendor: tx.vendor ?? null,
    voidAmount: '0.00'
  }
}

/** tran-query answers `status` (not `transactionStatus`) and a `refundInfo` list. */
function queryObject(tx: SimTransaction) {
  return {
    amount: wire(tx.amountMinor, tx.currency),
    currency: tx.currency,
    reference: tx.reference,
    settleCurrency: tx.settleCurrency,
    status: tx.status,
    transactionNo: tx.transactionNo,
    transactionType: 'payment',
    refundAmount: wire(tx.refundedMinor, tx.currency),
    refundInfo: tx.refunds.map((r) => ({
      refundTransactionId: r.refundTransactionNo,
      refundReference: r.refundReference,
      refundAmount: wire(r.refundAmountMinor, tx.currency),
      currency: tx.currency,
      settleCurrency: tx.settleCurrency
    }))
  }
}

/** cancel answers the amount as a JSON number, as in Pockyt's own example. */
function cancelObject(tx: SimTransaction) {
  return {
    amount: Number(wire(tx.amountMinor, tx.currency)),
    currency: tx.currency,
    reference: tx.reference,
    status: tx.status,
    transactionNo: tx.transactionNo
  }
}

function refundObject(tx: SimTransaction, refund: SimRefund) {
  return {
    amount: wire(tx.amountMinor, tx.currency),
    currency: tx.currency,
    reference: tx.reference,
    refundAmount: wire(refund.refundAmountMinor, tx.currency),
    refundReference: refund.refundReference,
    refundTransactionNo: refund.refundTransactionNo,
    settleCurrency: tx.settleCurrency,
    status: 'success',
    transactionNo: tx.transactionNo
  }
}

/** JSON (even when sent as form, like the seed's first curl) or form-urlencoded -> string params. */
function readParams(body: string): Params {
  const trimmed = body.trim()
  if (trimmed.startsWith('{')) {
    let value: unknown
    try {
      value = JSON.parse(trimmed)
    } catch {
      throw new SimRefusal('000020', 'the body is not valid JSON')
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new SimRefusal('000020', 'the body must be a JSON object')
    }
    const out: Params = {}
    for (const [k, v] of Object.entries(value)) {
      if (v === null || v === undefined) continue
      if (typeof v !== 'string') throw new SimRefusal('000023', `${k} must be a string`)
      out[k] = v
    }
    return out
  }
  return Object.fromEntries(new URLSearchParams(trimmed))
}

function refOf(p: Params): SimRef {
  if (p.transactionNo !== undefined && p.reference !== undefined) {
    throw new SimRefusal('000023', 'send transactionNo or reference, not both')
  }
  if (p.transactionNo !== undefined) return { transactionNo: p.transactionNo }
  if (p.reference !== undefined) return { reference: p.reference }
  throw new SimRefusal('000020', 'transactionNo or reference is required')
}

const VENDORS = new Set(['alipay', 'wechatpay', 'wechat', 'unionpay'])

/** Builds the handler over a simulator state. */
export function createSimulatorHandler(state: SimulatorState, deps: HandlerDeps): SimulatorHandler {
  const log = deps.log ?? (() => {})

  async function answer(route: Route, p: Params): Promise<Response> {
    const { merchantNo, storeNo } = p as { merchantNo: string; storeNo: string }
    switch (route) {
      case 'add': {
        const tx = state.add({
          merchantNo,
          storeNo,
          storeAdminNo: p.storeAdminNo,
          amount: p.amount!,
          currency: p.currency!,
          settleCurrency: p.settleCurrency,
          reference: p.reference!,
          timeout: p.timeout
        })
        return envelope('000100', 'add success', transactionObject(tx))
      }
      case 'pay': {
        const code = p.paymentBarcode!
        if (!/^\d{10,32}$/.test(code)) throw new SimRefusal('000023', 'paymentBarcode is not a payment code')
        if (p.vendor !== undefined && !VENDORS.has(p.vendor)) throw new SimRefusal('000023', 'unknown vendor')
        const { tx, scenario } = state.pay(merchantNo, storeNo, refOf(p), code, p.vendor)
        const no = tx.transactionNo
        if (scenario?.answer === 'drop') {
          log(`POST ${POCKYT_PATHS.pay} -> connection dropped after processing (905) code …${code.slice(-4)}`)
          throw new SimulatedDrop()
        }
        if (scenario?.answer === 'malformed') {
          return text(`{"ret_code":"000100","ret_msg":"prepay success","result":{"transactionNo":"${no}","transac`, 200)
        }
        if (scenario?.answer === 'late') await deps.sleep(state.scaled(scenario.answerDelayMs ?? 0))
        const now = state.get(no) ?? tx
        return envelope('000100', scenario?.retMsg ?? 'prepay success', transactionObject(now))
      }
      case 'query': {
        const { tx, flaky } = state.query(merchantNo, storeNo, refOf(p))
        if (flaky) return text('503 Service Unavailable', 503)
        return envelope('000100', 'query success ', queryObject(tx))
      }
      case 'cancel':
        return envelope('000100', 'cancel success ', cancelObject(state.cancel(merchantNo, storeNo, refOf(p))))
      case 'refund': {
        const { tx, refund } = state.refund(merchantNo, storeNo, refOf(p), {
          refundAmount: p.refundAmount!,
          currency: p.currency!,
          refundReference: p.refundReference!
        })
        return envelope('000100', 'refund success ', refundObject(tx, refund))
      }
      case 'transList': {
        const list = state.transList(merchantNo, storeNo, p.startDate!, p.endDate!)
        return envelope('000100', 'query success', { transactions: list.map(transactionObject), size: list.length })
      }
    }
  }

  return async (request) => {
    const path = new URL(request.url).pathname
    const route = ROUTES[path]
    if (request.method !== 'POST') return text('405 Method Not Allowed: Pockyt calls are POST', 405)
    if (!route) return text(`404 Not Found: ${path}`, 404)
    const body = await request.text()
    let p: Params = {}
    let res: Response
    try {
      p = readParams(body)
      // A gateway failure in front of Pockyt: nothing is looked at, nothing is processed.
      if (route === 'pay' && p.paymentBarcode && scenarioFor(p.paymentBarcode)?.answer === 'http503') {
        res = text('503 Service Unavailable', 503)
      } else {
        for (const k of ['merchantNo', 'storeNo', 'verifySign', ...REQUIRED[route]]) {
          if (p[k] === undefined) throw new SimRefusal('000020', `${k} is required`)
        }
        for (const [k, v] of Object.entries(p)) if (v === '') throw new SimRefusal('000020', `${k} is empty`)
        const token = state.tokenFor(p.merchantNo!, p.storeNo!)
        if (token === undefined) throw new SimRefusal('000030', 'unknown merchantNo or storeNo')
        if (!hasValidSign(p, token)) throw new SimRefusal('000030', 'verifySign does not match')
        res = await answer(route, p)
      }
    } catch (e) {
      if (!(e instanceof SimRefusal)) throw e
      res = envelope(e.retCode, e.message)
    }
    const code = p.paymentBarcode ? ` code …${p.paymentBarcode.slice(-4)}` : ''
    log(`${request.method} ${path} -> ${res.status}${code}`)
    return res
  }
}
