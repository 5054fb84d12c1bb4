import type { Channel, In } from '../../preload/contract'

/**
 * At least one valid input per channel. `satisfies` makes this fail to compile when a channel is added
 * without a sample, so the router property tests always cover every channel.
 */
export const VALID_SAMPLES = {
  'app:info': [undefined],
  'app:ping': [{ note: 'hello' }, { note: '' }],
  'sale:current': [undefined],
  'sale:get': [{ saleId: 1 }],
  'sale:new': [undefined],
  'sale:addItem': [
    { saleId: 1, productId: 3 },
    { saleId: 1, barcode: '2000000000015', quantity: 2 }
  ],
  'sale:addCustomItem': [{ saleId: 1, name: 'Gift wrap', unitPriceMinor: 250, taxRateBp: 825 }],
  'sale:setQuantity': [{ saleId: 1, lineId: 2, quantity: 3 }],
  'sale:setLineDiscount': [
    { saleId: 1, lineId: 2, discount: { kind: 'percent', bp: 1000 } },
    { saleId: 1, lineId: 2, discount: { kind: 'none' } }
  ],
  'sale:setDiscount': [{ saleId: 1, discount: { kind: 'amount', amountMinor: 100 } }],
  'sale:removeLine': [{ saleId: 1, lineId: 2 }],
  'sale:clear': [{ saleId: 1 }],
  'sale:park': [{ saleId: 1 }, { saleId: 1, note: 'table 4' }],
  'sale:listParked': [undefined],
  'sale:recall': [{ saleId: 1 }],
  'payment:start': [{ saleId: 1 }],
  'payment:submitCode': [{ saleId: 1, code: '134668918993771844' }],
  'payment:cancel': [{ paymentId: 1 }],
  'payment:current': [undefined],
  'payment:get': [{ paymentId: 1 }],
  'payment:listForSale': [{ saleId: 1 }],
  'settings:get': [undefined],
  'settings:update': [{ patch: { storeName: 'Corner shop', paymentTimeoutSeconds: 90 } }, { patch: {}, pin: '1234' }],
  'settings:setToken': [{ token: 'abc123' }, { token: null, pin: '1234' }],
  'settings:testConnection': [undefined],
  'settings:setMode': [{ mode: 'live', confirm: true, pin: '1234' }, { mode: 'training' }],
  'settings:setPin': [{ newPin: '1234' }, { currentPin: '1234', newPin: '98765432' }],
  'settings:verifyPin': [{ pin: '1234' }],
  'backup:now': [undefined],
  'backup:list': [undefined],
  'backup:restore': [{ name: 'ledger-20261125-171500123-manual.sqlite', confirm: true, pin: '1234' }],
  'diagnostics:export': [undefined],
  'catalog:search': [{ text: 'lat' }, { text: '', category: 'Coffee', includeInactive: true, limit: 50 }],
  'catalog:categories': [undefined],
  'catalog:get': [{ productId: 1 }],
  'catalog:add': [{ product: { name: 'Tea', priceMinor: 350, taxRateBp: 825 } }],
  'catalog:update': [{ productId: 1, patch: { priceMinor: 400 } }],
  'catalog:setActive': [{ productId: 1, active: false }],
  'catalog:importCsv': [{ csv: 'name,price\nTea,3.50\n' }, { csv: 'name,price\n', dryRun: true }],
  'catalog:exportCsv': [{}, { includeInactive: false }],
  'history:list': [
    {},
    {
      filter: {
        from: 0,
        to: 1,
        statuses: ['paid', 'unresolved'],
        wallets: ['alipay'],
        minMinor: 1,
        maxMinor: 9,
        text: '乌龙'
      }
    },
    { cursor: { at: 1, saleId: 2 }, limit: 10 }
  ],
  'history:totals': [{}, { filter: { from: 0, to: 1, statuses: ['refunded'], wallets: [''], text: '4242' } }],
  'history:detail': [{ saleId: 1 }],
  'history:lookup': [{ transactionNo: '297553638241892410' }],
  'receipt:render': [
    { doc: { kind: 'sale', saleId: 1, copy: 'customer' } },
    { doc: { kind: 'refund', saleId: 1, refundId: 2, copy: 'merchant' }, format: 'a4', reprint: true },
    { doc: { kind: 'x' } },
    { doc: { kind: 'day', day: '2026-11-25' }, format: 'letter' },
    { doc: { kind: 'z', number: 1 } }
  ],
  'receipt:print': [{ doc: { kind: 'sale', saleId: 1, copy: 'customer' }, reprint: true }],
  'receipt:pdf': [{ doc: { kind: 'z', number: 3 }, format: 'a4' }],
  'refund:start': [
    { saleId: 1, reason: 'cold coffee', pin: '1234' },
    { saleId: 1, amountMinor: 250, reason: 'partial' },
    { saleId: 1, lines: [{ lineId: 3, quantity: 1 }], reason: 'spilled', pin: '1234' }
  ],
  'void:start': [{ saleId: 1, reason: 'wrong basket', pin: '1234' }],
  'export:csv': [{ from: 0, to: 86_400_000 }],
  'export:cancel': [{ exportId: 'abc123' }],
  'report:x': [undefined],
  'report:day': [{ day: '2026-11-25' }],
  'report:z': [{ pin: '1234' }, {}],
  'report:list': [{}, { before: 10, limit: 20 }],
  'report:get': [{ number: 1 }],
  'reconcile:day': [{ day: '2026-11-25' }],
  'display:reopen': [undefined]
} satisfies { [C in Channel]: In<C>[] }
