/**
 * The sale drafts: every edit is one ledger transaction (so a crash never loses the basket), totals are
 * recomputed in the same transaction, and `sale:changed` goes out after the commit.
 */
import type { Handlers } from '../../ipc/router'
import type { Clock } from '../clock'
import { PosError } from '../errors'
import type { Db } from '../ledger/open'
import type { PaymentsRepo } from '../ledger/payments-repo'
import type { ProductsRepo } from '../ledger/products-repo'
import type { SaleRow, SalesRepo } from '../ledger/sales-repo'
import { isActive } from '../ledger/payments-repo'
import { computeTotals, MAX_SALE_MINOR, type Discount } from './totals'
import { fromDiscount, saleView, toDiscount, type SaleView } from './sale-view'

export interface SaleServiceDeps {
  db: Db
  sales: SalesRepo
  products: ProductsRepo
  payments: PaymentsRepo
  clock: Clock
  terminalId: string
  /** For new sales; a getter follows Settings (the current sale keeps its own once it has lines). */
  currency: string | (() => string)
  /** Called after each committed change with the sale as it now is. */
  onChanged(view: SaleView): void
}

type SaleChannel =
  | 'sale:current'
  | 'sale:get'
  | 'sale:new'
  | 'sale:addItem'
  | 'sale:addCustomItem'
  | 'sale:setQuantity'
  | 'sale:setLineDiscount'
  | 'sale:setDiscount'
  | 'sale:removeLine'
  | 'sale:clear'
  | 'sale:park'
  | 'sale:listParked'
  | 'sale:recall'

export type SaleService = ReturnType<typeof createSaleService>

export function createSaleService(deps: SaleServiceDeps) {
  const { db, sales, products, payments, clock, terminalId } = deps
  const currency = () => (typeof deps.currency === 'function' ? deps.currency() : deps.currency)
  const setDraftCurrency = db.prepare(
    `UPDATE sales SET currency = ?, updated_at = ? WHERE id = ? AND status = 'draft' AND currency <> ?`
  )

  const view = (saleId: number): SaleView => {
    const sale = sales.get(saleId)
    if (!sale) throw new PosError('NOT_FOUND', `Sale ${saleId} does not exist.`)
    return saleView(sale, sales.lines(saleId))
  }

  /** Recomputes and stores every amount of a draft. Throws (rolling back the edit) if it grows too large. */
  const recompute = (sale: SaleRow) => {
    const lines = sales.lines(sale.id)
    const totals = computeTotals(
      lines.map((l) => ({
        unitPriceMinor: l.unit_price_minor,
        quantity: l.quantity,
        taxRateBp: l.tax_rate_bp,
        discount: toDiscount(l.discount_kind, l.discount_value)
      })),
      toDiscount(sale.discount_kind, sale.discount_value)
    )
    if (totals.itemsMinor > MAX_SALE_MINOR) {
      throw new PosError(
        'BAD_INPUT',
        'That would make the sale larger than the till can take. Split it into two sales.'
      )
    }
    sales.writeAmounts(
      sale.id,
      totals,
      lines.map((l, i) => ({ id: l.id, amounts: totals.lines[i]! })),
      clock.now()
    )
  }

  const editable = (saleId: number): SaleRow => {
    const sale = sales.get(saleId)
    if (!sale) throw new PosError('NOT_FOUND', `Sale ${saleId} does not exist.`)
    if (sale.status === 'open') {
      throw new PosError('PAYMENT_IN_PROGRESS', 'This sale is being paid. Cancel the payment to change it.')
    }
    if (sale.status !== 'draft') {
      throw new PosError('CONFLICT', 'This sale is closed and can no longer change. Start a new sale.')
    }
    if (sale.parked_at !== null) throw new PosError('CONFLICT', 'This sale is parked. Recall it to change it.')
    return sale
  }

  /** One edit = one transaction: check, change, recompute; then tell the windows. */
  const edit = (saleId: number, change: (sale: SaleRow) => void): SaleView => {
    db.transaction(() => {
      const sale = editable(saleId)
      change(sale)
      recompute(sales.get(saleId)!)
    })()
    const v = view(saleId)
    deps.onChanged(v)
    return v
  }

  const lineOf = (saleId: number, lineId: number) => {
    const line = sales.line(lineId)
    if (!line || line.sale_id !== saleId) throw new PosError('NOT_FOUND', `Line ${lineId} is not in sale ${saleId}.`)
    return line
  }

  const checkDiscount = (d: Discount, baseMinor: number) => {
    if (d.kind === 'amount' && d.amountMinor > baseMinor) {
      throw new PosError('BAD_INPUT', 'The discount is larger than the amount it applies to. Enter a smaller discount.')
    }
  }

  /** The current sale id, creating a fresh draft when there is none. */
  const currentId = (): number =>
    db.transaction(() => sales.currentId(terminalId) ?? sales.createDraft(terminalId, currency(), clock.now()))()

  /** Puts the current sale aside so another can become current; an empty draft is simply dropped. */
  const setAside = (saleId: number, note?: string) => {
    const sale = sales.get(saleId)!
    if (sale.status === 'open') {
      if (payments.forSale(saleId).some((p) => isActive(p.state))) {
        throw new PosError('PAYMENT_IN_PROGRESS', 'A payment is in progress for this sale. Finish or cancel it first.')
      }
    } else if (sale.status === 'draft' && sales.lines(saleId).length === 0 && note === undefined) {
      sales.deleteSale(saleId)
      return
    }
    sales.setParked(saleId, clock.now(), clock.now())
    if (note !== undefined) db.prepare('UPDATE sales SET note = ? WHERE id = ?').run(note || null, saleId)
  }

  const handlers: Pick<Handlers, SaleChannel> = {
    'sale:current': () => {
      const existed = sales.currentId(terminalId) !== undefined
      const v = view(currentId())
      if (!existed) deps.onChanged(v)
      return v
    },
    'sale:get': ({ saleId }) => view(saleId),
    'sale:new': () => {
      const id = db.transaction(() => {
        const cur = sales.currentId(terminalId)
        if (cur !== undefined) {
          const sale = sales.get(cur)!
          if (sale.status === 'draft' && sales.lines(cur).length === 0) return cur
          setAside(cur)
        }
        return sales.createDraft(terminalId, currency(), clock.now())
      })()
      const v = view(id)
      deps.onChanged(v)
      return v
    },
    'sale:addItem': (input) =>
      edit(input.saleId, (sale) => {
        const product = 'productId' in input ? products.get(input.productId) : products.byBarcode(input.barcode)
        if (!product) {
          throw new PosError(
            'NOT_FOUND',
            'productId' in input
              ? `Product ${input.productId} does not exist.`
              : `No product has the barcode ${input.barcode}. Add it to the catalog, or key the item by hand.`
          )
        }
        if (!product.active)
          throw new PosError('CONFLICT', `${product.name} is no longer sold (inactive in the catalog).`)
        const quantity = input.quantity ?? 1
        const same = sales.sameProductLine(sale.id, product.id, product.price_minor)
        if (same !== undefined) {
          const line = sales.line(same)!
          if (line.quantity + quantity > 999) throw new PosError('BAD_INPUT', 'A line can hold at most 999 items.')
          sales.setQuantity(same, line.quantity + quantity)
        } else {
          sales.insertLine(sale.id, {
            productId: product.id,
            name: product.name,
            sku: product.sku,
            unitPriceMinor: product.price_minor,
            quantity,
            taxRateBp: product.tax_rate_bp
          })
        }
      }),
    'sale:addCustomItem': (input) =>
      edit(input.saleId, (sale) => {
        sales.insertLine(sale.id, {
          productId: null,
          name: input.name,
          sku: null,
          unitPriceMinor: input.unitPriceMinor,
          quantity: input.quantity ?? 1,
          taxRateBp: input.taxRateBp
        })
      }),
    'sale:setQuantity': ({ saleId, lineId, quantity }) =>
      edit(saleId, () => {
        const line = lineOf(saleId, lineId)
        sales.setQuantity(lineId, quantity)
        if (line.discount_kind === 'amount' && line.discount_value > line.unit_price_minor * quantity) {
          throw new PosError('BAD_INPUT', 'The line discount would exceed the line. Lower the discount first.')
        }
      }),
    'sale:setLineDiscount': ({ saleId, lineId, discount }) =>
      edit(saleId, () => {
        const line = lineOf(saleId, lineId)
        checkDiscount(discount, line.unit_price_minor * line.quantity)
        const d = fromDiscount(discount)
        sales.setLineDiscount(lineId, d.kind, d.value)
      }),
    'sale:setDiscount': ({ saleId, discount }) =>
      edit(saleId, (sale) => {
        checkDiscount(discount, sale.items_minor - sale.line_discounts_minor)
        const d = fromDiscount(discount)
        sales.setSaleDiscount(saleId, d.kind, d.value)
      }),
    'sale:removeLine': ({ saleId, lineId }) =>
      edit(saleId, () => {
        lineOf(saleId, lineId)
        sales.deleteLine(lineId)
      }),
    'sale:clear': ({ saleId }) =>
      edit(saleId, () => {
        sales.deleteLines(saleId)
        sales.setSaleDiscount(saleId, 'none', 0)
      }),
    'sale:park': ({ saleId, note }) => {
      const id = db.transaction(() => {
        editable(saleId)
        if (sales.lines(saleId).length === 0) throw new PosError('CONFLICT', 'An empty sale cannot be parked.')
        setAside(saleId, note ?? '')
        return sales.createDraft(terminalId, currency(), clock.now())
      })()
      const v = view(id)
      deps.onChanged(v)
      return v
    },
    'sale:listParked': () =>
      sales.parked(terminalId).map((s) => ({
        id: s.id,
        itemCount: sales.lines(s.id).reduce((n, l) => n + l.quantity, 0),
        totalMinor: s.total_minor,
        parkedAt: s.parked_at!,
        note: s.note
      })),
    'sale:recall': ({ saleId }) => {
      db.transaction(() => {
        const target = sales.get(saleId)
        if (!target || target.terminal_id !== terminalId || target.parked_at === null) {
          throw new PosError('NOT_FOUND', `Sale ${saleId} is not parked on this terminal.`)
        }
        const cur = sales.currentId(terminalId)
        if (cur !== undefined) setAside(cur)
        sales.setParked(saleId, null, clock.now())
      })()
      const v = view(saleId)
      deps.onChanged(v)
      return v
    }
  }

  return {
    handlers,
    view,
    currentId,
    /**
     * Settings changed the currency: the current sale takes it while it is still an empty draft (a sale
     * with lines keeps the currency it was rung up in). Tells the windows when it changed.
     */
    currencyChanged() {
      const cur = sales.currentId(terminalId)
      if (cur === undefined || sales.lines(cur).length > 0) return
      const next = currency()
      if (setDraftCurrency.run(next, clock.now(), cur, next).changes > 0) deps.onChanged(view(cur))
    },
    /** Tells the windows about a sale whose status changed elsewhere (the payment engine). */
    notify(saleId: number) {
      deps.onChanged(view(saleId))
    }
  }
}
