/**
 * X and Z reports as printable HTML (80 mm roll or A4/Letter): the period, totals, wallets, payment
 * statuses, the exceptions a manager must look at, and an hourly bar chart drawn with plain boxes (no
 * script, no canvas), so it prints and turns into PDF like a receipt.
 */
import type { Report } from '../reports/report-service'
import { formatMoney, formatTime, walletName, type PrintLocale } from './format'
import { documentHtml, html } from './html'
import { receiptCss, type PaperFormat, type StoreInfo } from './receipt-html'

export interface ReportPrintOptions extends PrintLocale {
  format: PaperFormat
  reprint: boolean
  training: boolean
}

const EXCEPTION_LABEL: Record<string, string> = {
  unresolved: 'Unresolved payment',
  in_progress: 'Payment not finished',
  reversed: 'Reversed payment',
  cancelled: 'Cancelled payment',
  refund: 'Refund',
  void: 'Void',
  override: 'Manual override'
}

export function reportHtml(r: Report, store: StoreInfo, o: ReportPrintOptions): string {
  const m = (minor: number) => formatMoney(minor, r.currency, o)
  const peak = Math.max(1, ...r.hourly.map((h) => h.amountMinor))
  const title = r.kind === 'Z' ? `Z REPORT #${r.number}` : 'X REPORT (NOT CLOSED)'
  const body = html`<h1>${store.name}</h1>
    ${o.training ? html`<div class="banner">TRAINING - NOT A PAYMENT</div>` : ''}
    ${o.reprint ? html`<div class="banner">REPRINT</div>` : ''}
    <div class="title">${title}</div>
    <table class="kv">
      <tr>
        <td>Business day</td>
        <td class="amount">${r.businessDay}</td>
      </tr>
      <tr>
        <td>From</td>
        <td class="amount">${formatTime(r.from, o)}</td>
      </tr>
      <tr>
        <td>To</td>
        <td class="amount">${formatTime(r.to, o)}</td>
      </tr>
      <tr>
        <td>Printed</td>
        <td class="amount">${formatTime(r.generatedAt, o)}</td>
      </tr>
      <tr>
        <td>Till</td>
        <td class="amount">${r.terminalId}</td>
      </tr>
    </table>
    <hr />
    <table>
      <tr>
        <td>Sales (${r.sales.count})</td>
        <td class="amount">${m(r.sales.amountMinor)}</td>
      </tr>
      <tr>
        <td>Refunds (${r.refunds.count})</td>
        <td class="amount">−${m(r.refunds.amountMinor)}</td>
      </tr>
      <tr>
        <td>Voids (${r.voids.count})</td>
        <td class="amount">−${m(r.voids.amountMinor)}</td>
      </tr>
      <tr class="total">
        <td>NET</td>
        <td class="amount">${m(r.netMinor)}</td>
      </tr>
    </table>
    <hr />
    <div class="title">By wallet</div>
    <table>
      ${r.byWallet.map(
        (w) =>
          html`<tr>
              <td>${walletName(w.vendor)} (${w.count})</td>
              <td class="amount">${m(w.amountMinor)}</td>
            </tr>
            ${
              w.refundCount
                ? html`<tr>
                    <td class="muted">refunds (${w.refundCount})</td>
                    <td class="amount">−${m(w.refundMinor)}</td>
                  </tr>`
                : ''
            }
            ${
              w.voidCount
                ? html`<tr>
                    <td class="muted">voids (${w.voidCount})</td>
                    <td class="amount">−${m(w.voidMinor)}</td>
                  </tr>`
                : ''
            }`
      )}
      ${
        r.byWallet.length
          ? ''
          : html`<tr>
              <td class="muted">No wallet payments</td>
            </tr>`
      }
    </table>
    <hr />
    <div class="title">Payment attempts by status</div>
    <table>
      ${r.byStatus.map(
        (s) =>
          html`<tr>
            <td>${s.state} (${s.count})</td>
            <td class="amount">${m(s.amountMinor)}</td>
          </tr>`
      )}
    </table>
    <hr />
    <div class="title">Exceptions (${r.exceptions.length})</div>
    <table>
      ${r.exceptions.map(
        (e) =>
          html`<tr>
            <td>
              ${EXCEPTION_LABEL[e.kind] ?? e.kind} · sale ${e.saleId} · ${e.state}
              <div class="muted">
                ${formatTime(e.at, o)}${e.transactionNo ? ` · ${e.transactionNo}` : ''}${
                  e.refundTransactionNo ? ` → ${e.refundTransactionNo}` : ''
                }${e.note ? ` · ${e.note}` : ''}
              </div>
            </td>
            <td class="amount">${m(e.amountMinor)}</td>
          </tr>`
      )}
      ${
        r.exceptions.length
          ? ''
          : html`<tr>
              <td class="muted">None</td>
            </tr>`
      }
    </table>
    <hr />
    <div class="title">Sales by hour</div>
    <table>
      ${r.hourly.map((h, hour) =>
        h.count
          ? html`<tr>
              <td style="width:12mm">${String(hour).padStart(2, '0')}:00</td>
              <td>
                <div
                  style="background:#000;height:3mm;width:${Math.max(1, Math.round((h.amountMinor / peak) * 100))}%"
                ></div>
              </td>
              <td class="amount">${h.count} · ${m(h.amountMinor)}</td>
            </tr>`
          : ''
      )}
    </table>
    ${r.kind === 'Z' ? html`<div class="center muted">Closed: this report cannot change.</div>` : ''}`
  const height = Math.max(160, 150 + r.exceptions.length * 10 + r.byWallet.length * 8 + 24 * 5)
  return documentHtml(title, receiptCss(o.format, height), body, o.locale)
}
