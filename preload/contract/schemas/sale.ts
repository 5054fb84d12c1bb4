import { z } from 'zod'

const Id = z.number().int().positive()
const Minor = z.number().int().nonnegative().max(100_000_000_000)

/** None, a percentage in basis points (1000 = 10%), or a fixed amount off in minor units. */
export const Discount = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({ kind: z.literal('percent'), bp: z.number().int().min(1).max(10_000) }),
  z.strictObject({ kind: z.literal('amount'), amountMinor: z.number().int().positive().max(100_000_000_000) })
])

export const SaleStatus = z.enum(['draft', 'open', 'paid', 'voided', 'refunded', 'partially_refunded'])

export const SaleLine = z.strictObject({
  id: Id,
  productId: Id.nullable(),
  name: z.string(),
  sku: z.string().nullable(),
  unitPriceMinor: Minor,
  quantity: z.number().int().positive(),
  taxRateBp: z.number().int().min(0).max(10_000),
  discount: Discount,
  /** unit price x quantity */
  grossMinor: Minor,
  lineDiscountMinor: Minor,
  /** This line's share of the sale discount. */
  saleDiscountMinor: Minor,
  taxMinor: Minor,
  /** gross - discounts + tax */
  totalMinor: Minor
})

/** A sale as main computed it; windows render it as is (they never add money up themselves). */
export const SaleView = z.strictObject({
  id: Id,
  status: SaleStatus,
  currency: z.string().length(3),
  parked: z.boolean(),
  /** Lines and discounts can change (a draft that is not parked). */
  editable: z.boolean(),
  lines: z.array(SaleLine),
  discount: Discount,
  totals: z.strictObject({
    itemsMinor: Minor,
    lineDiscountsMinor: Minor,
    subtotalMinor: Minor,
    saleDiscountMinor: Minor,
    taxMinor: Minor,
    totalMinor: Minor
  }),
  itemCount: z.number().int().nonnegative(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  paidAt: z.number().int().nullable()
})

export const ParkedSale = z.strictObject({
  id: Id,
  itemCount: z.number().int().nonnegative(),
  totalMinor: Minor,
  parkedAt: z.number().int(),
  note: z.string().nullable()
})

const Quantity = z.number().int().min(1).max(999)
const SaleRef = { saleId: Id }

export const saleChannels = {
  /** The terminal's current sale (a fresh draft if there is none). */
  'sale:current': { input: z.undefined(), output: SaleView },
  'sale:get': { input: z.strictObject(SaleRef), output: SaleView },
  /** Starts a new sale; the current one is parked if it has lines or is waiting for a payment to settle. */
  'sale:new': { input: z.undefined(), output: SaleView },
  /** Adds a catalog product by id or by its barcode; the same product again adds to its line. */
  'sale:addItem': {
    input: z.union([
      z.strictObject({ ...SaleRef, productId: Id, quantity: Quantity.optional() }),
      z.strictObject({ ...SaleRef, barcode: z.string().trim().min(1).max(64), quantity: Quantity.optional() })
    ]),
    output: SaleView
  },
  /** An open-price item keyed by the cashier. */
  'sale:addCustomItem': {
    input: z.strictObject({
      ...SaleRef,
      name: z.string().trim().min(1).max(200),
      unitPriceMinor: z.number().int().nonnegative().max(100_000_000),
      quantity: Quantity.optional(),
      taxRateBp: z.number().int().min(0).max(10_000)
    }),
    output: SaleView
  },
  'sale:setQuantity': { input: z.strictObject({ ...SaleRef, lineId: Id, quantity: Quantity }), output: SaleView },
  'sale:setLineDiscount': { input: z.strictObject({ ...SaleRef, lineId: Id, discount: Discount }), output: SaleView },
  'sale:setDiscount': { input: z.strictObject({ ...SaleRef, discount: Discount }), output: SaleView },
  'sale:removeLine': { input: z.strictObject({ ...SaleRef, lineId: Id }), output: SaleView },
  'sale:clear': { input: z.strictObject(SaleRef), output: SaleView },
  /** Parks the sale (with an optional note) and answers the new current sale. */
  'sale:park': {
    input: z.strictObject({ ...SaleRef, note: z.string().trim().max(200).optional() }),
    output: SaleView
  },
  'sale:listParked': { input: z.undefined(), output: z.array(ParkedSale) },
  /** Makes a parked sale current again; a current sale with lines is parked in its place. */
  'sale:recall': { input: z.strictObject(SaleRef), output: SaleView }
}

export const saleEvents = {
  /** The current sale after every change (both windows; the display shows lines and total). */
  'sale:changed': SaleView
}
