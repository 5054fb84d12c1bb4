/**
 * The history/receipts/refunds/reports slice, built over the checkout's ledger and Pockyt client:
 * handlers for `history:*`, `receipt:*`, `refund:start`, `void:start`, `report:*`, `export:*` and
 * `reconcile:day`, the `refund:changed` and `export:progress` events, and refund recovery (at start-up
 * and every few minutes). Printing goes through an injected `Printer` (Electron's, from main/printing.ts);
 * without one (the browser harness) receipts are shown as an HTML preview.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Handlers } from '../../ipc/router'
import type { Clock } from '../clock'
import { PosError } from '../errors'
import type { EventBus } from '../events'
import type { Db } from '../ledger/open'
import { createPaymentsRepo } from '../ledger/payments-repo'
import { createSalesRepo } from '../ledger/sales-repo'
import type { PockytClient } from '../pockyt/types'
import { refundReceiptHtml, saleReceiptHtml, type PaperFormat, type StoreInfo } from '../receipts/receipt-html'
import { reportHtml } from '../receipts/report-html'
import { createRefundEngine } from '../refunds/refund-engine'
import { createRefundsRepo } from '../refunds/refunds-repo'
import { createCsvExporter } from './csv-export'
import { localDay, localDayRange } from './days'
import { createHistoryDetail, type SaleDetail } from './history-detail'
import { createHistoryQueries } from './history-query'
import { createReconciler } from './reconcile'
import { createReportService } from './report-service'

/** Electron's printing (main/printing.ts); absent in the harness. */
export interface Printer {
  /** Prints silently to `printer` (null: the system default). Rejects with a reason people can read. */
  print(html: string, o: { printer: string | null; format: PaperFormat }): Promise<void>
  /** Chromium's PDF of the document. */
  pdf(html: string, o: { format: PaperFormat }): Promise<Uint8Array>
}

/** What the slice reads from the settings (issue 7's store). */
export interface PrintSettings {
  storeName: string
  storeAddress: string
  /** A data URL, or a file name in the data folder. */
  storeLogo: string | null
  storeNo: string
  currency: string
  cashierLanguage: 'en' | 'zh-CN'
  receiptPrinter: string | null
}

export interface HistoryServiceOptions {
  db: Db
  client: PockytClient
  clock: Clock
  events: EventBus
  dataDir: string
  terminalId: string
  storeId: string | (() => string)
  settings(): PrintSettings
  mode(): 'training' | 'live'
  requireManagerPin(pin: string | undefined, options?: { action?: string }): void
  printer?: Printer
  /** A sale's status changed (refund, void): the sale service tells the windows. */
  onSale?(saleId: number): void
  /** 0 disables the periodic refund sweep (start-up recovery still runs). */
  sweepIntervalMs?: number
  log?(level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void
}

type Channel = Extract<
  keyof Handlers,
  | `history:${string}`
  | `receipt:${string}`
  | `refund:${string}`
  | `void:${string}`
  | `report:${string}`
  | `export:${string}`
  | `reconcile:${string}`
>

export const REFUND_SWEEP_MS = 3 * 60_000
const LOGO_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.(png|jpe?g|webp)$/i

export function createHistoryService(o: HistoryServiceOptions) {
  const { db, clock, events } = o
  const log = o.log ?? (() => {})
  // Fresh planner statistics: the history list picks indexes by them (SQLite recommends this at start;
  // it analyzes only what changed a lot, with a bounded sample, so it stays well under a second).
  try {
    db.pragma('optimize')
  } catch (e) {
    log('warn', 'PRAGMA optimize failed', { error: String(e) })
  }
  const sales = createSalesRepo(db)
  const payments = createPaymentsRepo(db)
  const refundsRepo = createRefundsRepo(db)
  const queries = createHistoryQueries(db)
  const pin = (given: string | undefined, action: string) => o.requireManagerPin(given, { action })
  const detail = createHistoryDetail({
    db,
    sales,
    payments,
    refunds: refundsRepo,
    sameDay: (ms) => localDay(ms) === localDay(clock.now())
  })
  const refunds = createRefundEngine({
    db,
    refunds: refundsRepo,
    payments,
    sales,
    client: o.client,
    clock,
    terminalId: o.terminalId,
    storeId: o.storeId,
    requireManagerPin: pin,
    onRefund: (view) => events.emit('refund:changed', view),
    onSale: o.onSale,
    log
  })
  const reports = createReportService({
    db,
    clock,
    terminalId: o.terminalId,
    currency: () => o.settings().currency,
    requireManagerPin: pin
  })
  const exporter = createCsvExporter(db)
  const reconciler = createReconciler(db, o.client)
  const exportsDir = join(o.dataDir, 'exports')
  const running = new Map<string, AbortController>()

  let logoCache: { key: string; value: string | null } | null = null
  const logo = (value: string | null): string | null => {
    if (!value || value.startsWith('data:')) return value
    if (logoCache?.key === value) return logoCache.value
    const file = join(o.dataDir, value)
    let data: string | null = null
    if (LOGO_FILE.test(value) && existsSync(file)) {
      const ext = value.split('.').pop()!.toLowerCase()
      data = `data:image/${ext === 'jpg' ? 'jpeg' : ext};base64,${readFileSync(file).toString('base64')}`
    }
    logoCache = { key: value, value: data }
    return data
  }

  const store = (): StoreInfo => {
    const s = o.settings()
    return { name: s.storeName, address: s.storeAddress, logo: logo(s.storeLogo), storeNo: s.storeNo || null }
  }
  const locale = () => (o.settings().cashierLanguage === 'zh-CN' ? 'zh-CN' : 'en-US')
  /** Training receipts: now in training, or a payment the simulator took (references `QTRAIN…`). */
  const trainingSale = (d: SaleDetail) =>
    o.mode() === 'training' || d.payments.some((p) => p.state === 'succeeded' && p.reference.startsWith('QTRAIN'))

  type PrintInput = Parameters<Handlers['receipt:render']>[0]
  function render(input: PrintInput): { html: string; title: string } {
    const { doc, format, reprint } = input
    const base = { format, reprint, locale: locale() }
    switch (doc.kind) {
      case 'sale': {
        const d = detail(doc.saleId)
        if (!d.actions.canReprint)
          throw new PosError('CONFLICT', 'This sale has no approved payment, so it has no receipt.')
        return {
          html: saleReceiptHtml(d, store(), { ...base, copy: doc.copy, training: trainingSale(d) }),
          title: `Receipt ${d.sale.id}`
        }
      }
      case 'refund': {
        const d = detail(doc.saleId)
        if (!d.refunds.some((r) => r.id === doc.refundId)) {
          throw new PosError('NOT_FOUND', `Refund ${doc.refundId} is not part of sale ${doc.saleId}.`)
        }
        return {
          html: refundReceiptHtml(d, doc.refundId, store(), { ...base, copy: doc.copy, training: trainingSale(d) }),
          title: `Refund ${doc.refundId}`
        }
      }
      case 'x':
        return {
          html: reportHtml(reports.x(), store(), { ...base, training: o.mode() === 'training' }),
          title: 'X report'
        }
      case 'day': {
        const range = localDayRange(doc.day)
        if (!range) throw new PosError('BAD_INPUT', `"${doc.day}" is not a date.`)
        return {
          html: reportHtml(reports.period(range.from, range.to), store(), {
            ...base,
            training: o.mode() === 'training'
          }),
          title: `Day report ${doc.day}`
        }
      }
      case 'z': {
        const r = reports.get(doc.number)
        return {
          html: reportHtml(r, store(), { ...base, training: o.mode() === 'training' }),
          title: `Z report ${r.number}`
        }
      }
    }
  }

  const stamp = () => new Date(clock.now()).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)

  const handlers: Pick<Handlers, Channel> = {
    'history:list': ({ filter, cursor, limit }) => queries.page(filter, cursor, limit),
    'history:totals': ({ filter }) => queries.totals(filter),
    'history:detail': ({ saleId }) => detail(saleId),
    'history:lookup': ({ transactionNo }) => {
      const saleId = queries.saleByTransactionNo(transactionNo)
      if (saleId === undefined) {
        throw new PosError(
          'NOT_FOUND',
          `No sale of this till has transaction ${transactionNo}. Check the receipt is from this store.`
        )
      }
      return { saleId }
    },
    'receipt:render': (input) => render(input),
    'receipt:print': async (input) => {
      const { html, title } = render(input)
      if (!o.printer) {
        return { printed: false, message: 'No printer here (browser harness): use Print in the preview.' }
      }
      const printer = o.settings().receiptPrinter
      // Settings: no receipt printer chosen means receipts on screen only.
      if (printer === null) {
        return { printed: false, message: 'No receipt printer is set (Settings): showing the receipt on screen.' }
      }
      await o.printer.print(html, { printer, format: input.format }).catch((e: unknown) => {
        throw new PosError(
          'CONFLICT',
          `${title} was not printed: ${e instanceof Error ? e.message : String(e)}. Check the printer, or save it as PDF.`
        )
      })
      return { printed: true, message: `${title} sent to ${printer}.` }
    },
    'receipt:pdf': async (input) => {
      if (!o.printer) {
        throw new PosError(
          'CONFLICT',
          'Saving as PDF needs the desktop app. In the browser harness, use Print in the preview and choose "Save as PDF".'
        )
      }
      const { html, title } = render(input)
      const bytes = await o.printer.pdf(html, { format: input.format })
      mkdirSync(exportsDir, { recursive: true })
      const file = join(exportsDir, `${title.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}-${stamp()}.pdf`)
      writeFileSync(file, bytes)
      return { file, bytes: bytes.byteLength }
    },
    'refund:start': (req) => refunds.refund(req),
    'void:start': (req) => refunds.void(req),
    'report:x': () => reports.x(),
    'report:day': ({ day }) => {
      const range = localDayRange(day)
      if (!range) throw new PosError('BAD_INPUT', `"${day}" is not a date.`)
      return reports.period(range.from, range.to)
    },
    'report:z': ({ pin: given }) => reports.z(given),
    'report:list': ({ before, limit }) => reports.list(before, limit),
    'report:get': ({ number }) => reports.get(number),
    'export:csv': async ({ from, to }) => {
      const exportId = randomBytes(6).toString('hex')
      mkdirSync(exportsDir, { recursive: true })
      const file = join(exportsDir, `transactions-${localDay(from)}-to-${localDay(to - 1)}-${exportId}.csv`)
      const ac = new AbortController()
      running.set(exportId, ac)
      const progress = (rows: number, total: number, done: boolean, error: string | null) =>
        events.emit('export:progress', { exportId, rows, total, done, error })
      try {
        const r = await exporter.export({
          from,
          to,
          file,
          signal: ac.signal,
          onProgress: (p) => progress(p.rows, p.total, false, null)
        })
        progress(r.rows, r.rows, true, null)
        return { exportId, ...r }
      } catch (e) {
        const cancelled = ac.signal.aborted
        progress(0, 0, true, cancelled ? 'cancelled' : 'failed')
        if (cancelled) throw new PosError('CONFLICT', 'The export was cancelled; no file was kept.')
        log('error', 'csv export failed', { error: String(e) })
        throw new PosError(
          'CONFLICT',
          'The export could not be written. Check the disk has free space, then try again.'
        )
      } finally {
        running.delete(exportId)
      }
    },
    'export:cancel': ({ exportId }) => {
      const ac = running.get(exportId)
      ac?.abort(new Error('cancelled'))
      return { cancelled: !!ac }
    },
    'reconcile:day': ({ day }) => reconciler.day(day)
  }

  // Start-up recovery, then the periodic sweep, never overlapping.
  let sweeping: Promise<unknown> = Promise.resolve()
  const sweep = () => {
    sweeping = sweeping
      .then(() => refunds.recover())
      .then((done) => done.length && log('info', 'refund recovery settled refunds', { count: done.length }))
      .catch((e: unknown) => log('error', 'refund recovery failed', { error: String(e) }))
    return sweeping
  }
  void sweep()
  const interval = o.sweepIntervalMs ?? REFUND_SWEEP_MS
  const timer = interval > 0 ? setInterval(() => void sweep(), interval) : undefined
  timer?.unref?.()

  return {
    handlers,
    refunds,
    reports,
    queries,
    /** Runs refund recovery now (tests, and after the app comes back online). */
    sweep,
    async close() {
      if (timer) clearInterval(timer)
      for (const ac of running.values()) ac.abort(new Error('closing'))
      refunds.close()
      await sweeping
    }
  }
}

export type HistoryService = ReturnType<typeof createHistoryService>
