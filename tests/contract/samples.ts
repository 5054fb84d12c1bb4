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
  'payment:listForSale': [{ saleId: 1 }]
} satisfies { [C in Channel]: In<C>[] }
