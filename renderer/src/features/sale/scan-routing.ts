/**
 * What a wedge scan on the sale screen means. The window has one wedge listener (the sale screen's), and
 * a scanner types product barcodes and wallet codes alike, so the length decides: product barcodes
 * (EAN-8/13, UPC-A, GTIN-14) are at most 14 digits, wallet codes 16 or more (docs/scanning.md §3.4).
 */
import { isProductBarcode } from './money-input'

export interface ScanContext {
  /** The payment panel is showing. */
  panelOpen: boolean
  /** A payment holds the till (not final). */
  paymentInFlight: boolean
  /** The open panel wants a code now (waiting for one, or after a decline/cancel). */
  panelAcceptsCode: boolean
  /** The open panel shows an approval (the next customer may start). */
  approvedShowing: boolean
  /** A dialog (discount, catalog, ...) is open. */
  dialogOpen: boolean
  /** The basket has lines. */
  hasLines: boolean
}

export type ScanAction =
  /** Ring the product up (after closing an approval summary when `closePanel`). */
  | { kind: 'add-product'; closePanel: boolean }
  /** Hand the code to the open payment panel. */
  | { kind: 'submit-code' }
  /** One-scan checkout: pay the basket's total with this code. */
  | { kind: 'one-scan' }
  /** Say why nothing happens. */
  | { kind: 'refuse'; reason: 'payment-in-progress' | 'empty-sale' | 'sale-paid' }
  | { kind: 'ignore' }

export function routeScan(code: string, c: ScanContext): ScanAction {
  if (isProductBarcode(code)) {
    if (c.panelOpen && c.paymentInFlight) return { kind: 'refuse', reason: 'payment-in-progress' }
    if (c.dialogOpen && !c.panelOpen) return { kind: 'ignore' }
    return { kind: 'add-product', closePanel: c.panelOpen }
  }
  if (c.panelOpen) {
    if (c.approvedShowing) return { kind: 'refuse', reason: 'sale-paid' }
    return c.panelAcceptsCode ? { kind: 'submit-code' } : { kind: 'ignore' }
  }
  if (c.dialogOpen) return { kind: 'ignore' }
  if (c.paymentInFlight) return { kind: 'refuse', reason: 'payment-in-progress' }
  return c.hasLines ? { kind: 'one-scan' } : { kind: 'refuse', reason: 'empty-sale' }
}
