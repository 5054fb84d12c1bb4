/**
 * How receipts and reports write money, times and wallets. The numbers are the ledger's integer minor
 * units, converted once here, so the paper shows exactly what the ledger holds.
 */
import { currencyDigits } from '../money'

export interface PrintLocale {
  /** BCP 47, e.g. `en-US`, `zh-CN`. */
  locale: string
  /** IANA zone; the till's own by default. */
  timeZone?: string
}

/** "$12.00", "¥12.00", "-$3.50". */
export function formatMoney(minor: number, currency: string, loc: PrintLocale): string {
  const digits = currencyDigits(currency)
  return new Intl.NumberFormat(loc.locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits
  }).format(minor / 10 ** digits)
}

/** "Nov 25, 2026, 10:04:05 AM GMT+8" — with the zone, because a receipt outlives the till's clock. */
export function formatTime(ms: number, loc: PrintLocale): string {
  return new Intl.DateTimeFormat(loc.locale, {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: loc.timeZone
  }).format(new Date(ms))
}

const WALLETS: Record<string, string> = {
  wechatpay: 'WeChat Pay',
  wechat: 'WeChat Pay',
  alipay: 'Alipay',
  unionpay: 'UnionPay',
  paypal: 'PayPal',
  venmo: 'Venmo',
  cashapppay: 'Cash App Pay'
}

export function walletName(vendor: string | null | undefined): string {
  if (!vendor) return 'Wallet'
  return WALLETS[vendor.toLowerCase()] ?? vendor
}

/** "8.25%" from basis points. */
export function formatRate(bp: number): string {
  return `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 2)}%`
}
