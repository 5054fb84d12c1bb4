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

export const LEDGER_FILE = 'ledger.sqlite3'
/** How often recovery sweeps for payments no runner drives. */
export const SWEEP_INTERVAL_MS = 3 * 60_000

export interface CheckoutOptions {
  dataDir: string
  clock: Clock
  events: EventBus
  /** Live credentials; none (and no `pockytClient`) = Training mode. */
  pockyt?: { baseUrl: string; merchantNo: string; storeNo: string; token: string }
  /** Tests inject their own client (a scripted fake, or a simulator-backed one). */
  pockytClient?: PockytClient
  terminalId?: string
  currency?: string
  /** From `pay` to cancelling an unconfirmed payment; default 60 s. */
  paymentTimeoutMs?: number
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
  const client: PockytClient =
    o.pockytClient ??
    (o.pockyt ? createPockytClient(o.pockyt, { clock: o.clock, log }) : createTrainingClient({ clock: o.clock, log }))
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
    storeId: o.pockyt?.storeNo ?? (training ? 'TRAIN' : 'POS'),
    timeoutMs: o.paymentTimeoutMs,
    notFoundIsFinal: training,
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
