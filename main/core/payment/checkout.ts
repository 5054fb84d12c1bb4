/**
 * Builds the checkout slice of the app: the ledger file in the data folder, the sale drafts, the payment
 * engine over the right Pockyt client (live settings, an injected one for tests, or Training mode's
 * in-process simulator), the customer display, and recovery (at start-up and every few minutes).
 * `services.ts` spreads its handlers; the kill test's child process uses it directly.
 */
import { join } from 'node:path'
import type { Handlers } from '../../ipc/router'
import type { Clock } from '../clock'
import type { EventBus } from '../events'
import { openLedger, type Ledger } from '../ledger/open'
import { createPaymentsRepo } from '../ledger/payments-repo'
import { createProductsRepo } from '../ledger/products-repo'
import { createSalesRepo } from '../ledger/sales-repo'
import { createPockytClient, createTrainingClient, detectWallet } from '../pockyt'
import type { PockytClient } from '../pockyt/types'
import { createDisplayController } from '../sale/display'
import { createSaleService } from '../sale/sale-service'
import { createPaymentEngine, type HookPoint } from './engine'
import { createPaymentHandlers } from './payment-service'
import { createSwitchableClient, type ClientTarget } from './switchable-client'
import { unsettledEnvironments } from './unsettled'

export const LEDGER_FILE = 'ledger.sqlite3'

/**
 * Training's simulator starts numbering above every transaction number in the ledger: a fresh simulator
 * (each start, or after a switch from live) would otherwise hand out numbers the ledger already holds.
 */
export function nextTransactionNo(db: Ledger['db']): string | undefined {
  const row = db.prepare(`SELECT MAX(transaction_no) AS no FROM payments WHERE length(transaction_no) = 18`).get() as
    { no: string | null } | undefined
  if (!row?.no || !/^\d{18}$/.test(row.no)) return undefined
  const next = String(BigInt(row.no) + 1n)
  return next.length === 18 ? next : undefined
}
/** How often recovery sweeps for payments no runner drives. */
export const SWEEP_INTERVAL_MS = 3 * 60_000

export interface CheckoutOptions {
  dataDir: string
  clock: Clock
  events: EventBus
  /** Live credentials; none (and no `pockytClient`) = Training mode. */
  pockyt?: { baseUrl: string; merchantNo: string; storeNo: string; token: string }
  /**
   * The stored live credentials even when Training is configured: payments left unsettled by a live run
   * are resumed with them (a payment's calls all go to the environment it started in).
   */
  recoveryPockyt?: { baseUrl: string; merchantNo: string; storeNo: string; token: string } | null
  /** Tests inject their own client (a scripted fake, or a simulator-backed one). */
  pockytClient?: PockytClient
  terminalId?: string
  /** For new sales; a getter follows Settings. */
  currency?: string | (() => string)
  /** From `pay` to cancelling an unconfirmed payment; default 60 s. A getter applies to new payments. */
  paymentTimeoutMs?: number | (() => number)
  /** 0 disables the periodic sweep (start-up recovery still runs). */
  sweepIntervalMs?: number
  /** Test hook at the engine's step boundaries (the kill test). */
  hook?: (point: HookPoint, paymentId: number) => void | Promise<void>
  log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void
}

type CheckoutChannel = Extract<keyof Handlers, `sale:${string}` | `payment:${string}`>

export async function createCheckout(o: CheckoutOptions) {
  const log = o.log ?? (() => {})
  const ledger: Ledger = openLedger(join(o.dataDir, LEDGER_FILE))
  const sales = createSalesRepo(ledger.db)
  const payments = createPaymentsRepo(ledger.db)
  const products = createProductsRepo(ledger.db)
  const training = !o.pockyt && !o.pockytClient
  // One simulator per run: a switch back to Training finds the payments it took earlier in the run.
  let trainingClient: PockytClient | undefined
  /** The client for live settings, or Training's simulator (null). */
  const targetFor = (live: CheckoutOptions['pockyt'] | null): ClientTarget =>
    live
      ? {
          client: createPockytClient(live, { clock: o.clock, log }),
          mode: 'live',
          storeId: live.storeNo,
          notFoundIsFinal: false
        }
      : {
          client: (trainingClient ??= createTrainingClient({
            clock: o.clock,
            log,
            firstTransactionNo: nextTransactionNo(ledger.db)
          })),
          mode: 'training',
          storeId: 'TRAIN',
          notFoundIsFinal: true
        }
  // Unsettled payments from a run in the other environment (the app closed while a switch waited for
  // them) finish there first; the configured environment follows once they settle (switchable-client.ts).
  const unsettled = unsettledEnvironments(ledger.db)
  let start = o.pockyt ?? null
  if (!o.pockytClient) {
    if (start && unsettled.training && !unsettled.live) start = null
    else if (!start && unsettled.live && o.recoveryPockyt) start = o.recoveryPockyt
    else if (!start && unsettled.live)
      log('error', 'payments from a live run are unsettled but no live credentials are stored: they wait')
    if (start !== (o.pockyt ?? null)) log('warn', 'starting on the environment of the unsettled payments')
  }
  const switchable = createSwitchableClient(
    o.pockytClient
      ? {
          client: o.pockytClient,
          mode: o.pockyt ? 'live' : 'training',
          storeId: o.pockyt?.storeNo ?? 'POS',
          notFoundIsFinal: false
        }
      : targetFor(start)
  )
  // Live payments resumed without their credentials must never be closed on Training's "no such transaction".
  if (!start && unsettled.live && !o.pockytClient) switchable.swap({ ...switchable.current(), notFoundIsFinal: false })
  const client = switchable.client
  if (training) products.seedDemoIfEmpty(o.clock.now())
  const terminalId = o.terminalId ?? 'T1'
  const currency = o.currency ?? 'USD'

  const display = createDisplayController((state) => o.events.emit('display:changed', state), o.clock)
  const saleService = createSaleService({
    db: ledger.db,
    sales,
    products,
    payments,
    clock: o.clock,
    terminalId,
    currency,
    onChanged(view) {
      o.events.emit('sale:changed', view)
      if (!view.parked) display.sale(view)
    }
  })
  const engine = createPaymentEngine({
    db: ledger.db,
    payments,
    sales,
    client,
    clock: o.clock,
    terminalId,
    // Read from the client's target: it only changes while no payment is unsettled (switchable-client.ts).
    storeId: () => switchable.current().storeId,
    timeoutMs: o.paymentTimeoutMs,
    notFoundIsFinal: () => switchable.current().notFoundIsFinal,
    detectVendor(code) {
      const found = detectWallet(code)
      return found.ok && found.confidence === 'high' ? found.vendor : undefined
    },
    onPayment(view) {
      o.events.emit('payment:changed', view)
      display.payment(view)
    },
    onSale: (saleId) => saleService.notify(saleId),
    hook: o.hook,
    log
  })

  // Start-up recovery, then the periodic sweep.
  const resumed = engine.recover()
  if (resumed.length) log('info', 'recovery resumed payments', { count: resumed.length })
  const sweep = o.sweepIntervalMs ?? SWEEP_INTERVAL_MS
  if (sweep > 0) engine.startSweeps(sweep)

  const handlers: Pick<Handlers, CheckoutChannel> = {
    ...saleService.handlers,
    ...createPaymentHandlers(engine, payments)
  }

  return {
    handlers,
    ledger,
    engine,
    sales: saleService,
    products,
    client,
    /** Swaps the Pockyt environment (use `createClientSwitcher`, which waits for unsettled payments). */
    switchable,
    targetFor,
    /** The live settings the client started with (null: Training), for the switcher's first key. */
    startedWith: o.pockytClient ? (o.pockyt ?? null) : start,
    training,
    /** Payments resumed at start-up. */
    resumed,
    /** `graceMs`: how long to let in-flight calls finish before the ledger closes under them. */
    async close(graceMs?: number) {
      display.close()
      await engine.close(graceMs)
      ledger.close()
    }
  }
}

export type Checkout = Awaited<ReturnType<typeof createCheckout>>
