/** Receipt HTML safety without a browser: everything people typed is text, never markup. */
import { describe, expect, it } from 'vitest'
import { code128Svg } from '../../main/core/receipts/barcode'
import { escapeHtml, html } from '../../main/core/receipts/html'
import { refundReceiptHtml, saleReceiptHtml, type ReceiptOptions } from '../../main/core/receipts/receipt-html'
import type { SaleDetail } from '../../main/core/reports/history-detail'

const EVIL = `"><script>alert(1)</script><img src=x onerror=alert(2)></style><style>*{display:none}`
const OPTS: ReceiptOptions = {
  format: '80mm',
  copy: 'customer',
  reprint: false,
  training: false,
  locale: 'en-US',
  timeZone: 'UTC'
}

function detail(): SaleDetail {
  const payment = {
    id: 1,
    saleId: 1,
    state: 'succeeded' as const,
    message: '',
    unresolved: false,
    final: true,
    canCancel: false,
    amountMinor: 500,
    currency: 'USD',
    reference: 'Qref-1',
    transactionNo: '297553640000000001',
    vendor: EVIL,
    codeMasked: '**************1234',
    remoteStatus: 'success',
    declineReason: null,
    lastError: null,
    queryCount: 0,
    createdAt: 1,
    paySentAt: 1,
    finalAt: 2,
    updatedAt: 2,
    events: []
  }
  return {
    sale: {
      id: 1,
      status: 'partially_refunded',
      historyStatus: 'partially_refunded',
      terminalId: EVIL,
      currency: 'USD',
      itemsMinor: 500,
      discountMinor: 0,
      taxMinor: 0,
      totalMinor: 500,
      refundedMinor: 100,
      note: null,
      createdAt: 1,
      paidAt: 2
    },
    lines: [
      {
        id: 1,
        position: 1,
        name: EVIL,
        sku: null,
        unitPriceMinor: 500,
        quantity: 1,
        taxRateBp: 0,
        discountMinor: 0,
        taxMinor: 0,
        totalMinor: 500,
        refundedQuantity: 0
      }
    ],
    payments: [payment],
    refunds: [
      {
        id: 7,
        saleId: 1,
        paymentId: 1,
        kind: 'refund',
        state: 'succeeded',
        message: '',
        unresolved: false,
        amountMinor: 100,
        currency: 'USD',
        refundReference: 'R1',
        refundTransactionNo: '297553640000000002',
        originalTransactionNo: '297553640000000001',
        reason: EVIL,
        lines: null,
        lastError: null,
        createdAt: 3,
        finalAt: 4,
        events: []
      }
    ],
    actions: { refundableMinor: 400, canRefund: true, canVoid: false, canReprint: true }
  }
}

const markupOf = (doc: string) => doc.replace(/<style>[\s\S]*?<\/style>/, '')

describe('receipt HTML is safe', () => {
  it('escapes names, reasons, wallets, the store, and drops a logo that is not an image data URL', () => {
    const store = { name: EVIL, address: `${EVIL}\nline 2`, logo: 'javascript:alert(1)' }
    for (const doc of [saleReceiptHtml(detail(), store, OPTS), refundReceiptHtml(detail(), 7, store, OPTS)]) {
      const body = markupOf(doc)
      // the attack text is there, but only as text: no tag of it survives
      expect(body).not.toMatch(/<script|<img|<\/style>|<style>/i)
      expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
      expect(doc).toContain(
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`
      )
    }
  })

  it('prints a real image logo, and nothing else, as an img', () => {
    const logo = 'data:image/png;base64,iVBORw0KGgo='
    const doc = saleReceiptHtml(detail(), { name: 'S', address: '', logo }, OPTS)
    expect(doc).toContain(`<img class="logo" alt="" src="${logo}"`)
    expect(
      saleReceiptHtml(detail(), { name: 'S', address: '', logo: 'data:image/svg+xml;base64,PHN2Zz4=' }, OPTS)
    ).not.toContain('<img')
  })

  it('draws barcodes of digits only, and escapes every interpolation', () => {
    expect(code128Svg('297553640000000001').value).toMatch(/^<svg role="img" aria-label="297553640000000001"/)
    expect(() => code128Svg('12"><script>')).toThrow(RangeError)
    expect(html`<td title="${'a"b'}">${'<b>'}</td>`.value).toBe('<td title="a&quot;b">&lt;b&gt;</td>')
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;')
  })
})
