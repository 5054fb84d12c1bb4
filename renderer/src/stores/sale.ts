import { defineStore, acceptHMRUpdate } from 'pinia'
import { computed, ref } from 'vue'
import type { Out, PosErrorInfo, Result } from '../../../preload/contract'
import { bridge } from '../bridge'

export type SaleView = Out<'sale:current'>
export type SaleLine = SaleView['lines'][number]
export type Discount = SaleView['discount']
export type ParkedSale = Out<'sale:listParked'>[number]

/**
 * The current sale as main computed it (`sale:changed` and every answer), plus UI state: which line is
 * selected and the last error. Never adds money up: lines, tax and totals are rendered as they come.
 */
export const useSaleStore = defineStore('sale', () => {
  const sale = ref<SaleView | null>(null)
  const parked = ref<ParkedSale[]>([])
  /** The line keyboard actions (+/-, quantity, discount, delete) apply to. */
  const selectedLineId = ref<number | null>(null)
  /** The last refused action, for the cashier; cleared by the next success. */
  const error = ref<PosErrorInfo | null>(null)
  const busy = ref(false)

  const lines = computed(() => sale.value?.lines ?? [])
  const selectedLine = computed(() => lines.value.find((l) => l.id === selectedLineId.value) ?? null)
  const editable = computed(() => sale.value?.editable ?? false)

  function show(view: SaleView, opts: { selectLast?: boolean } = {}): void {
    const before = new Set(sale.value?.id === view.id ? sale.value.lines.map((l) => l.id) : [])
    sale.value = view
    const added = view.lines.find((l) => !before.has(l.id))
    if (opts.selectLast && added) selectedLineId.value = added.id
    else if (opts.selectLast && view.lines.length) selectedLineId.value = view.lines[view.lines.length - 1]!.id
    if (!view.lines.some((l) => l.id === selectedLineId.value)) {
      selectedLineId.value = view.lines.length ? view.lines[view.lines.length - 1]!.id : null
    }
  }

  /** Runs a sale call that answers the sale; shows it, or keeps the error. Returns the error, if any. */
  async function act(
    call: () => Promise<Result<SaleView>>,
    opts: { selectLast?: boolean } = {}
  ): Promise<PosErrorInfo | null> {
    busy.value = true
    try {
      const result = await call()
      if (!result.ok) {
        error.value = result.error
        return result.error
      }
      error.value = null
      show(result.value, opts)
      return null
    } catch {
      error.value = { code: 'INTERNAL', message: 'transport' }
      return error.value
    } finally {
      busy.value = false
    }
  }

  const id = () => sale.value?.id ?? 0

  async function load(): Promise<void> {
    const result = await bridge.invoke('sale:current')
    if (result.ok) show(result.value)
    else error.value = result.error
  }

  /** `sale:changed` for the sale on screen replaces it; another sale's event means "ask which is current". */
  function listen(): () => void {
    return bridge.on('sale:changed', (view) => {
      if (sale.value && view.id === sale.value.id) show(view)
      else if (!view.parked) void load()
    })
  }

  const addProduct = (productId: number, quantity?: number) =>
    act(() => bridge.invoke('sale:addItem', { saleId: id(), productId, ...(quantity ? { quantity } : {}) }), {
      selectLast: true
    })
  const addBarcode = (barcode: string, quantity?: number) =>
    act(() => bridge.invoke('sale:addItem', { saleId: id(), barcode, ...(quantity ? { quantity } : {}) }), {
      selectLast: true
    })
  const addCustom = (name: string, unitPriceMinor: number, taxRateBp: number, quantity = 1) =>
    act(() => bridge.invoke('sale:addCustomItem', { saleId: id(), name, unitPriceMinor, taxRateBp, quantity }), {
      selectLast: true
    })
  const setQuantity = (lineId: number, quantity: number) =>
    act(() => bridge.invoke('sale:setQuantity', { saleId: id(), lineId, quantity }))
  /** +1 / -1 on a line; below 1 removes it. */
  async function bump(lineId: number, delta: 1 | -1): Promise<PosErrorInfo | null> {
    const line = lines.value.find((l) => l.id === lineId)
    if (!line) return null
    const q = line.quantity + delta
    return q < 1 ? removeLine(lineId) : setQuantity(lineId, Math.min(999, q))
  }
  const setLineDiscount = (lineId: number, discount: Discount) =>
    act(() => bridge.invoke('sale:setLineDiscount', { saleId: id(), lineId, discount }))
  const setDiscount = (discount: Discount) => act(() => bridge.invoke('sale:setDiscount', { saleId: id(), discount }))
  const removeLine = (lineId: number) => act(() => bridge.invoke('sale:removeLine', { saleId: id(), lineId }))
  const clear = () => act(() => bridge.invoke('sale:clear', { saleId: id() }))
  const park = (note?: string) => act(() => bridge.invoke('sale:park', { saleId: id(), ...(note ? { note } : {}) }))
  const recall = (saleId: number) => act(() => bridge.invoke('sale:recall', { saleId }), { selectLast: true })
  const newSale = () => act(() => bridge.invoke('sale:new'))

  async function loadParked(): Promise<void> {
    const result = await bridge.invoke('sale:listParked')
    if (result.ok) parked.value = result.value
  }

  function selectBy(step: 1 | -1): void {
    const list = lines.value
    if (!list.length) return
    const i = list.findIndex((l) => l.id === selectedLineId.value)
    const next = i < 0 ? list.length - 1 : Math.min(list.length - 1, Math.max(0, i + step))
    selectedLineId.value = list[next]!.id
  }

  return {
    sale,
    parked,
    selectedLineId,
    error,
    busy,
    lines,
    selectedLine,
    editable,
    load,
    listen,
    addProduct,
    addBarcode,
    addCustom,
    setQuantity,
    bump,
    setLineDiscount,
    setDiscount,
    removeLine,
    clear,
    park,
    recall,
    newSale,
    loadParked,
    selectBy
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSaleStore, import.meta.hot))
