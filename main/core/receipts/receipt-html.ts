/**
 * Receipts as HTML documents that Chromium prints or turns into PDF (`webContents.print` /
 * `printToPDF` in Electron, `page.pdf()` in tests): an 80 mm roll receipt or an A4/Letter page, customer
 * or merchant copy, "REPRINT" on reprints, "TRAINING - NOT A PAYMENT" for Training mode payments, and a
 * refund receipt for every refund or void (original transactionNo and refundTransactionNo). The Pockyt
 * transactionNo is printed in digits and as a Code 128 barcode, so a refund can start with a scan.
 * Everything typed by people is escaped (see html.ts); there is no script.
 */
import { code128Svg } from './barcode'
import { formatMoney, formatRate, formatTime, walletName, type PrintLocale } from './format'
import { documentHtml, html, type Safe } from './html'
import { receiptLabels, type ReceiptLabels } from './labels'
import type { SaleDetail } from '../reports/history-detail'

export type PaperFormat = '80mm' | 'a4' | 'letter'
export type Copy = 'customer' | 'merchant'

export interface StoreInfo {
  name: string
  address: string
  /** A PNG/JPEG/WebP data URL (settings validate it); anything else is not printed. */
  logo: string | null
  /** Pockyt store number, when live. */
  storeNo?: string | null
}

export interface ReceiptOptions extends PrintLocale {
  format: PaperFormat
  copy: Copy
  reprint: boolean
  /** Training mode: the payment went to the simulator. */
  training: boolean
}

const LOGO = /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}$/

/** CSS per paper. 80 mm rolls get a page as long as the receipt (`pageHeightMm`). */
export function receiptCss(format: PaperFormat, pageHeightMm: number): string {
  const page =
    format === '80mm'
      ? `@page { size: 80mm ${pageHeightMm}mm; margin: 0 } body { width: 72mm; margin: 3mm 4mm; font-size: 11px }`
      : `@page { size: ${format === 'a4' ? 'A4' : 'letter'}; margin: 18mm } body { max-width: 120mm; margin: 0 auto; font-size: 12px }`
  return `${page}
* { box-sizing: border-box }
body { font-family: 'Liberation Sans', Arial, 'Noto Sans CJK SC', sans-serif; color: #000; line-height: 1.35 }
h1 { font-size: 1.4em; margin: 0; text-align: center }
.center { text-align: center }
.muted { color: #333; font-size: .9em }
.banner { border: 2px solid #000; text-align: center; font-weight: 700; padding: 1mm; margin: 2mm 0 }
.title { text-align: center; font-weight: 700; font-size: 1.2em; margin: 2mm 0 }
table { width: 100%; border-collapse: collapse }
td { vertical-align: top; padding: .3mm 0 }
td.amount { text-align: right; white-space: nowrap; padding-left: 2mm }
tr.total td { font-weight: 700; font-size: 1.2em; border-top: 1px solid #000; padding-top: 1mm }
hr { border: 0; border-top: 1px dashed #000; margin: 2mm 0 }
.barcode { display: block; width: 100%; max-width: 62mm; height: 14mm; margin: 1mm auto }
.digits { text-align: center; font-family: 'Liberation Mono', monospace; letter-spacing: .5px }
.logo { display: block; max-width: 40mm; max-height: 20mm; margin: 0 auto 1mm }
.kv td:first-child { color: #333 }`
}

function header(store: StoreInfo, o: ReceiptOptions, l: ReceiptLabels): Safe {
  return html`${store.logo && LOGO.test(store.logo) ? html`<img class="logo" alt="" src="${store.logo}" />` : ''}
    <h1>${store.name}</h1>
    ${store.address
      .split('\n')
      .filter((s) => s.trim())
      .map((line) => html`<div class="center muted">${line}</div>`)}
    ${o.training ? html`<div class="banner">${l.training}</div>` : ''}
    ${o.reprint ? html`<div class="banner">${l.reprint}</div>` : ''}`
}

function pageHeight(lines: number, extra: number): number {
  return Math.max(120, 110 + lines * 9 + extra)
}

type Payment = SaleDetail['payments'][number]

function succeeded(detail: SaleDetail): Payment | undefined {
  return detail.payments.find((p) => p.state === 'succeeded')
}

function paymentBlock(p: Payment, o: ReceiptOptions, l: ReceiptLabels): Safe {
  const m = (minor: number) => formatMoney(minor, p.currency, o)
  return html`<table class="kv">
    <tr>
      <td>${walletName(p.vendor)}</td>
      <td class="amount">${m(p.amountMinor)}</td>
    </tr>
    ${
      p.codeMasked
        ? html`<tr>
            <td>${l.code}</td>
            <td class="amount">${p.codeMasked}</td>
          </tr>`
        : ''
    }
    <tr>
      <td>${l.reference}</td>
      <td class="amount">${p.reference}</td>
    </tr>
    ${
      p.transactionNo
        ? html`<tr>
            <td>${l.transactionNo}</td>
            <td class="amount">${p.transactionNo}</td>
          </tr>`
        : ''
    }
  </table>`
}

function barcode(transactionNo: string | null): Safe {
  if (!transactionNo) return html``
  return html`${code128Svg(transactionNo)}
    <div class="digits">${transactionNo}</div>`
}

/** The sale receipt (customer or merchant copy). */
export function saleReceiptHtml(detail: SaleDetail, store: StoreInfo, o: ReceiptOptions): string {
  const l = receiptLabels(o.locale)
  const { sale } = detail
  const m = (minor: number) => formatMoney(minor, sale.currency, o)
  const pay = succeeded(detail)
  const status =
    sale.status === 'voided'
      ? l.status.voided
      : sale.status === 'refunded'
        ? l.status.refunded
        : sale.status === 'partially_refunded'
          ? l.status.partially_refunded
          : pay
            ? l.status.paid
            : l.status.unpaid
  const doneRefunds = detail.refunds.filter((r) => r.state === 'succeeded')
  const body = html`${header(store, o, l)}
    <div class="title">${l.sale} · ${o.copy === 'customer' ? l.customerCopy : l.merchantCopy}</div>
    <table class="kv">
      <tr>
        <td>${l.receiptNo}</td>
        <td class="amount">${sale.id}</td>
      </tr>
      <tr>
        <td>${l.time}</td>
        <td class="amount">${formatTime(sale.paidAt ?? sale.createdAt, o)}</td>
      </tr>
      <tr>
        <td>${l.terminal}</td>
        <td class="amount">${sale.terminalId}${store.storeNo ? ` / ${store.storeNo}` : ''}</td>
      </tr>
    </table>
    <hr />
    <table>
      ${detail.lines.map(
        (line) =>
          html`<tr>
            <td>
              ${line.name}
              <div class="muted">
                ${line.quantity} ×
                ${m(line.unitPriceMinor)}${
                  line.discountMinor ? html` · ${l.discount} −${m(line.discountMinor)}` : ''
                }${line.taxRateBp ? html` · ${l.tax} ${formatRate(line.taxRateBp)}` : ''}
              </div>
            </td>
            <td class="amount">${m(line.unitPriceMinor * line.quantity)}</td>
          </tr>`
      )}
    </table>
    <hr />
    <table>
      <tr>
        <td>${l.subtotal}</td>
        <td class="amount">${m(sale.itemsMinor)}</td>
      </tr>
      ${
        sale.discountMinor
          ? html`<tr>
              <td>${l.discount}</td>
              <td class="amount">−${m(sale.discountMinor)}</td>
            </tr>`
          : ''
      }
      <tr>
        <td>${l.tax}</td>
        <td class="amount">${m(sale.taxMinor)}</td>
      </tr>
      <tr class="total">
        <td>${l.total}</td>
        <td class="amount">${m(sale.totalMinor)}</td>
      </tr>
      ${doneRefunds.map(
        (r) =>
          html`<tr>
            <td>${r.kind === 'void' ? l.voided : l.refunded} (${r.refundTransactionNo ?? r.refundReference})</td>
            <td class="amount">−${m(r.amountMinor)}</td>
          </tr>`
      )}
    </table>
    <hr />
    <div class="title">${status}</div>
    ${pay ? paymentBlock(pay, o, l) : ''} ${pay ? barcode(pay.transactionNo) : ''}
    ${o.training ? html`<div class="banner">${l.training}</div>` : ''}
    <div class="center muted">${o.copy === 'customer' ? l.thanks : l.keep}</div>`
  const height = pageHeight(detail.lines.length + doneRefunds.length, o.training ? 20 : 0)
  return documentHtml(`${l.sale} ${sale.id}`, receiptCss(o.format, height), body, o.locale)
}

/** The receipt of one refund or void. */
export function refundReceiptHtml(detail: SaleDetail, refundId: number, store: StoreInfo, o: ReceiptOptions): string {
  const l = receiptLabels(o.locale)
  const r = detail.refunds.find((x) => x.id === refundId)
  if (!r) throw new RangeError(`refund ${refundId} is not part of sale ${detail.sale.id}`)
  const m = (minor: number) => formatMoney(minor, r.currency, o)
  const pay = detail.payments.find((p) => p.id === r.paymentId)
  const lines = (r.lines ?? []).map((rl) => ({ ...rl, line: detail.lines.find((x) => x.id === rl.lineId) }))
  const state =
    r.state === 'succeeded'
      ? l.refundState.succeeded
      : r.state === 'failed'
        ? l.refundState.failed
        : l.refundState.pending
  const body = html`${header(store, o, l)}
    <div class="title">
      ${r.kind === 'void' ? l.void : l.refund} · ${o.copy === 'customer' ? l.customerCopy : l.merchantCopy}
    </div>
    <table class="kv">
      <tr>
        <td>${l.receiptNo}</td>
        <td class="amount">${detail.sale.id}</td>
      </tr>
      <tr>
        <td>${l.time}</td>
        <td class="amount">${formatTime(r.finalAt ?? r.createdAt, o)}</td>
      </tr>
      <tr>
        <td>${l.reason}</td>
        <td class="amount">${r.reason}</td>
      </tr>
    </table>
    <hr />
    ${
      lines.length
        ? html`<table>
              ${lines.map(
                (x) =>
                  html`<tr>
                    <td>${x.line?.name ?? `#${x.lineId}`} × ${x.quantity}</td>
                    <td class="amount">−${m(x.amountMinor)}</td>
                  </tr>`
              )}
            </table>
            <hr />`
        : ''
    }
    <table>
      <tr class="total">
        <td>${r.kind === 'void' ? l.voided : l.refunded}</td>
        <td class="amount">−${m(r.amountMinor)}</td>
      </tr>
    </table>
    <div class="title">${state}</div>
    <table class="kv">
      <tr>
        <td>${l.wallet}</td>
        <td class="amount">${walletName(pay?.vendor)}</td>
      </tr>
      <tr>
        <td>${l.originalTransactionNo}</td>
        <td class="amount">${r.originalTransactionNo ?? '—'}</td>
      </tr>
      <tr>
        <td>${l.refundTransactionNo}</td>
        <td class="amount">${r.refundTransactionNo ?? '—'}</td>
      </tr>
      <tr>
        <td>${l.refundReference}</td>
        <td class="amount">${r.refundReference}</td>
      </tr>
    </table>
    ${barcode(r.originalTransactionNo)} ${o.training ? html`<div class="banner">${l.training}</div>` : ''}`
  return documentHtml(`${l.refund} ${r.id}`, receiptCss(o.format, pageHeight(lines.length, 30)), body, o.locale)
}
