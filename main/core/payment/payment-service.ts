/** The `payment:*` channels over the engine. */
import type { Handlers } from '../../ipc/router'
import type { PaymentsRepo } from '../ledger/payments-repo'
import type { PaymentEngine } from './engine'
import { paymentView } from './payment-view'

type PaymentChannel =
  'payment:start' | 'payment:submitCode' | 'payment:cancel' | 'payment:current' | 'payment:get' | 'payment:listForSale'

export function createPaymentHandlers(engine: PaymentEngine, payments: PaymentsRepo): Pick<Handlers, PaymentChannel> {
  return {
    'payment:start': ({ saleId }) => engine.start(saleId),
    'payment:submitCode': ({ saleId, code }) => engine.submitCode(code, saleId),
    'payment:cancel': ({ paymentId }) => engine.cancel(paymentId),
    'payment:current': () => engine.current(),
    'payment:get': ({ paymentId }) => engine.get(paymentId),
    'payment:listForSale': ({ saleId }) => payments.forSale(saleId).map(paymentView)
  }
}
