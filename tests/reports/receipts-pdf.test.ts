/**
 * Receipts and reports rendered by Chromium to PDF (what Electron's printToPDF does), then read back with
 * `pdftotext`: the words a customer or an auditor will see must be there, in the right copy.
 */
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest'
import { launchChromium, shouldSkipE2e } from '../../e2e/support/chromium'
import { createPaymentsRepo } from '../../main/core/ledger/payments-repo'
import { createSalesRepo } from '../../main/core/ledger/sales-repo'
import {
  refundReceiptHtml,
  saleReceiptHtml,
  type ReceiptOptions,
  type StoreInfo
} from '../../main/core/receipts/receipt-html'
import { reportHtml } from '../../main/core/receipts/report-html'
import { createHistoryDetail, type SaleDetail } from '../../main/core/reports/history-detail'
import { createReportService } from '../../main/core/reports/report-service'
import { createRefundsRepo } from '../../main/core/refunds/refunds-repo'
import { createSeeder, seedRefund, tempLedger } from './seed'

const skip = shouldSkipE2e()
const T = Date.UTC(2026, 10, 25, 2, 30, 0)
const STORE: StoreInfo = {
  name: 'Corner <Café> & Co',
  address: '1 Main St\nSpringfield',
  logo: null,
  storeNo: '300014'
}
const BASE: ReceiptOptions = {
  format: '80mm',
  copy: 'customer',
  reprint: false,
  training: false,
  locale: 'en-US',
  timeZone: 'UTC'
}

let browser: Browser
let ledger: ReturnType<typeof tempLedger>

beforeAll(async () => {
  if (!skip) browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})
beforeEach(() => {
  ledger = tempLedger()
})
afterEach(() => ledger.dispose())

/** HTML -> PDF (Chromium, CSS page size) -> text (pdftotext -layout). */
async function pdfText(htmlDoc: string, name: string): Promise<string> {
  const page = await browser.newPage()
  try {
    await page.setContent(htmlDoc)
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
    const file = join(ledger.dir, `${name}.pdf`)
    writeFileSync(file, pdf)
    return execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
  } finally {
    await page.close()
  }
}

function detailOf(saleId: number): SaleDetail {
  const db = ledger.db
  return createHistoryDetail({
    db,
    sales: createSalesRepo(db),
    payments: createPaymentsRepo(db),
    refunds: createRefundsRepo(db),
    sameDay: () => true
  })(saleId)
}

function paidSale(): { saleId: number; transactionNo: string } {
  const saleId = createSeeder(ledger.db).seed({
    at: T,
    vendor: 'alipay',
    last4: '6789',
    lines: [
      { name: 'Latte <script>alert(1)</script>', unitPriceMinor: 450, quantity: 2, taxRateBp: 825 },
      { name: 'Muffin', unitPriceMinor: 300 }
    ]
  })
  const { transaction_no } = ledger.db.prepare(`SELECT transaction_no FROM payments WHERE sale_id = ?`).get(saleId) as {
    transaction_no: string
  }
  return { saleId, transactionNo: transaction_no }
}

describe.skipIf(skip)('receipts and reports as PDF', () => {
  it('prints a customer receipt with lines, tax, total, wallet, masked code, reference and the transactionNo', async () => {
    const { saleId, transactionNo } = paidSale()
    const detail = detailOf(saleId)
    const doc = saleReceiptHtml(detail, STORE, BASE)
    expect(doc).not.toContain('<script>')
    expect(doc).toContain('Latte &lt;script&gt;')
    expect(doc).toContain('Corner &lt;Café&gt; &amp; Co')
    expect(doc).toMatch(/<svg [^>]*class="barcode"/)
    const text = await pdfText(doc, 'customer')
    for (const expected of [
      'Corner <Café> & Co',
      'Springfield',
      'Customer copy',
      'Latte <script>alert(1)</script>',
      '2 × $4.50',
      'Muffin',
      '$12.00',
      'Tax',
      '$0.74',
      'TOTAL',
      '$12.74',
      'PAID',
      'Alipay',
      '**************6789',
      detail.payments[0]!.reference,
      transactionNo,
      'Nov 25, 2026'
    ]) {
      expect(text).toContain(expected)
    }
    expect(text).not.toContain('REPRINT')
    expect(text).not.toContain('TRAINING')
  })

  it('marks merchant copies, reprints and Training mode, on A4 and Letter too', async () => {
    const { saleId } = paidSale()
    const detail = detailOf(saleId)
    const a4 = await pdfText(
      saleReceiptHtml(detail, STORE, { ...BASE, format: 'a4', copy: 'merchant', reprint: true, training: true }),
      'a4'
    )
    expect(a4).toContain('Merchant copy')
    expect(a4).toContain('REPRINT')
    expect(a4).toContain('TRAINING - NOT A PAYMENT')
    const letter = await pdfText(saleReceiptHtml(detail, STORE, { ...BASE, format: 'letter' }), 'letter')
    expect(letter).toContain('$12.74')
  })

  it('prints a refund receipt with the original transactionNo and the refundTransactionNo', async () => {
    const { saleId, transactionNo } = paidSale()
    const refundId = seedRefund(ledger.db, { saleId, amountMinor: 500, at: T + 60_000 })
    const detail = detailOf(saleId)
    const refund = detail.refunds[0]!
    const text = await pdfText(refundReceiptHtml(detail, refundId, STORE, BASE), 'refund')
    expect(text).toContain('REFUND')
    expect(text).toContain('-$5.00'.replace('-', '−'))
    expect(text).toContain(transactionNo)
    expect(text).toContain(refund.refundTransactionNo!)
    expect(text).toContain(refund.refundReference)
    expect(text).toContain('APPROVED')
    // the sale receipt now shows the refund and the new status
    const sale = await pdfText(saleReceiptHtml(detail, STORE, { ...BASE, reprint: true }), 'after-refund')
    expect(sale).toContain('PARTIALLY REFUNDED')
    expect(sale).toContain('REPRINT')
  })

  it('prints the Z report with its number, totals, exceptions and hours', async () => {
    const { saleId } = paidSale()
    seedRefund(ledger.db, { saleId, amountMinor: 274, at: T + 60_000 })
    const svc = createReportService({
      db: ledger.db,
      clock: { now: () => T + 3_600_000, sleep: async () => {} },
      terminalId: 'T1',
      currency: () => 'USD',
      requireManagerPin: () => {}
    })
    const z = svc.z(undefined)
    const text = await pdfText(reportHtml(z, STORE, { ...BASE, format: 'a4', reprint: false, training: false }), 'z')
    for (const expected of [
      'Z REPORT #1',
      'Sales (1)',
      '$12.74',
      'Refunds (1)',
      '$2.74',
      'NET',
      '$10.00',
      'Alipay',
      'Refund · sale 1'
    ]) {
      expect(text).toContain(expected)
    }
  })
})
