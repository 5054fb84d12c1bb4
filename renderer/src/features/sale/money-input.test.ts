import { describe, expect, it } from 'vitest'
import {
  currencyDigits,
  isProductBarcode,
  parseAmount,
  parsePercent,
  parseQuantity,
  splitQuantityPrefix
} from './money-input'

describe('reading what the cashier types', () => {
  it('reads amounts in minor units of the currency, refusing what is not one', () => {
    expect(parseAmount('4.50', 'USD')).toBe(450)
    expect(parseAmount('4,5', 'USD')).toBe(450)
    expect(parseAmount('$ 12', 'USD')).toBe(1200)
    expect(parseAmount('0.01', 'USD')).toBe(1)
    expect(parseAmount('1.005', 'USD')).toBeNull()
    expect(parseAmount('-1', 'USD')).toBeNull()
    expect(parseAmount('abc', 'USD')).toBeNull()
    expect(parseAmount('', 'USD')).toBeNull()
    expect(currencyDigits('KRW')).toBe(0)
    expect(parseAmount('1500', 'KRW')).toBe(1500)
    expect(parseAmount('1500.5', 'KRW')).toBeNull()
  })

  it('reads percents as basis points (0.01% to 100%) and quantities 1 to 999', () => {
    expect(parsePercent('10')).toBe(1000)
    expect(parsePercent('12.5%')).toBe(1250)
    expect(parsePercent('0')).toBeNull()
    expect(parsePercent('100.01')).toBeNull()
    expect(parseQuantity('3')).toBe(3)
    expect(parseQuantity('0')).toBeNull()
    expect(parseQuantity('1000')).toBeNull()
    expect(parseQuantity('2.5')).toBeNull()
  })

  it('splits the "3*" quantity prefix of the search box', () => {
    expect(splitQuantityPrefix('3*latte')).toEqual({ quantity: 3, rest: 'latte' })
    expect(splitQuantityPrefix('12 x ')).toEqual({ quantity: 12, rest: '' })
    expect(splitQuantityPrefix('latte')).toEqual({ quantity: null, rest: 'latte' })
    expect(splitQuantityPrefix('0*latte')).toEqual({ quantity: null, rest: '0*latte' })
  })

  it('tells a product barcode (EAN/UPC, up to 14 digits) from a wallet code (16+ digits)', () => {
    expect(isProductBarcode('2000000000046')).toBe(true) // EAN-13
    expect(isProductBarcode('012345678905')).toBe(true) // UPC-A
    expect(isProductBarcode('10012345678902')).toBe(true) // GTIN-14
    expect(isProductBarcode('134668918993771844')).toBe(false) // WeChat, 18
    expect(isProductBarcode('2876344382566439')).toBe(false) // Alipay, 16
  })
})
