/**
 * The Code 128 barcode of a Pockyt transactionNo, as inline SVG: a refund can start by scanning the
 * receipt (Pockyt's own refund flow does the same). Only digits are accepted, so the SVG cannot carry
 * anything but bars.
 */
import bwipjs from 'bwip-js/node'
import { trusted, type Safe } from './html'

/** SVG markup of a Code 128 barcode for an 18-digit (or shorter) number. */
export function code128Svg(digits: string): Safe {
  if (!/^\d{1,32}$/.test(digits)) throw new RangeError('a barcode here encodes digits only')
  const svg = bwipjs.toSVG({ bcid: 'code128', text: digits, height: 10, scale: 2, includetext: false, paddingwidth: 4 })
  // bwip-js writes a bare <svg>: give it a role and a label for screen readers and the PDF text layer.
  return trusted(svg.replace('<svg ', `<svg role="img" aria-label="${digits}" class="barcode" `))
}
