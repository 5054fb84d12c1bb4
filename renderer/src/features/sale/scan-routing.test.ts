import { describe, expect, it } from 'vitest'
import { routeScan, type ScanContext } from './scan-routing'

const EAN = '2000000000046'
const WALLET = '134668918993771844'
const onSale: ScanContext = {
  panelOpen: false,
  paymentInFlight: false,
  panelAcceptsCode: false,
  approvedShowing: false,
  dialogOpen: false,
  hasLines: true
}

describe('what a wedge scan means on the sale screen', () => {
  it('a product barcode rings the item up; a wallet code pays the basket at once (one-scan checkout)', () => {
    expect(routeScan(EAN, onSale)).toEqual({ kind: 'add-product', closePanel: false })
    expect(routeScan(WALLET, onSale)).toEqual({ kind: 'one-scan' })
  })

  it('a wallet code with an empty basket is refused with the reason', () => {
    expect(routeScan(WALLET, { ...onSale, hasLines: false })).toEqual({ kind: 'refuse', reason: 'empty-sale' })
  })

  it('with the payment panel waiting, a wallet code goes to it; while a code is in flight, nothing is sent twice', () => {
    const waiting = { ...onSale, panelOpen: true, paymentInFlight: true, panelAcceptsCode: true }
    expect(routeScan(WALLET, waiting)).toEqual({ kind: 'submit-code' })
    expect(routeScan(WALLET, { ...waiting, panelAcceptsCode: false })).toEqual({ kind: 'ignore' })
    expect(routeScan(EAN, waiting)).toEqual({ kind: 'refuse', reason: 'payment-in-progress' })
  })

  it('after an approval, the next product starts the next customer and a wallet code is refused', () => {
    const approved = { ...onSale, panelOpen: true, approvedShowing: true, hasLines: false }
    expect(routeScan(EAN, approved)).toEqual({ kind: 'add-product', closePanel: true })
    expect(routeScan(WALLET, approved)).toEqual({ kind: 'refuse', reason: 'sale-paid' })
  })

  it('a dialog swallows scans, and a payment still settling in the background blocks a new one', () => {
    expect(routeScan(EAN, { ...onSale, dialogOpen: true })).toEqual({ kind: 'ignore' })
    expect(routeScan(WALLET, { ...onSale, dialogOpen: true })).toEqual({ kind: 'ignore' })
    expect(routeScan(WALLET, { ...onSale, paymentInFlight: true })).toEqual({
      kind: 'refuse',
      reason: 'payment-in-progress'
    })
  })
})
