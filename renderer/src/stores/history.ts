import { HISTORY_STATUSES } from '../../../preload/contract/history-status'
import { defineStore, acceptHMRUpdate } from 'pinia'
import { computed, ref } from 'vue'
import type { In, Out, PosErrorInfo, Result } from '../../../preload/contract'
import { bridge } from '../bridge'

export type HistoryPage = Out<'history:list'>
export type HistoryTotals = Out<'history:totals'>
export type HistoryRow = HistoryPage['rows'][number]
export type HistoryStatus = HistoryRow['status']
export type SaleDetail = Out<'history:detail'>
export type RefundView = Out<'refund:start'>
export type PrintDoc = In<'receipt:render'>['doc']
export type PaperFormat = NonNullable<In<'receipt:render'>['format']>

export { HISTORY_STATUSES }
export const WALLETS = ['wechatpay', 'alipay', 'unionpay'] as const
export type DatePreset = 'today' | 'week' | 'month' | 'all' | 'custom'

const DAY = 86_400_000

/** Local midnight `days` days before today's (0 = today). */
function midnight(now: number, daysBack = 0): number {
  const d = new Date(now)
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - daysBack).getTime()
}

/** [from, to) of a preset, or of custom YYYY-MM-DD days (inclusive), in local time. */
export function presetRange(
  preset: DatePreset,
  now: number,
  custom: { from: string; to: string }
): { from?: number; to?: number } {
  switch (preset) {
    case 'today':
      return { from: midnight(now), to: midnight(now) + DAY }
    case 'week':
      return { from: midnight(now, 6), to: midnight(now) + DAY }
    case 'month':
      return { from: midnight(now, 29), to: midnight(now) + DAY }
    case 'all':
      return {}
    case 'custom': {
      const parse = (s: string, end: boolean) => {
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
        return m ? new Date(+m[1]!, +m[2]! - 1, +m[3]! + (end ? 1 : 0)).getTime() : undefined
      }
      return { from: parse(custom.from, false), to: parse(custom.to, true) }
    }
  }
}

/**
 * History as main keeps it (offline): the filter being edited, the loaded pages (keyset cursor), the
 * totals of the filter, the open sale's detail, and refunds/voids/prints started from it. The list is
 * never summed here: totals come from main in their own call, asked once the first page is shown (a
 * broad filter's page is instant, its totals visit every match).
 */
export const useHistoryStore = defineStore('history', () => {
  const text = ref('')
  const preset = ref<DatePreset>('month')
  const custom = ref({ from: '', to: '' })
  const statuses = ref<HistoryStatus[]>([])
  const wallets = ref<string[]>([])
  /** Amount bounds in minor units (parsed by the screen). */
  const minMinor = ref<number | null>(null)
  const maxMinor = ref<number | null>(null)

  const rows = ref<HistoryRow[]>([])
  /** The current filter's count and sums; null while they are being counted (or failed). */
  const totals = ref<HistoryTotals | null>(null)
  /** Totals asked for the current filter and not answered yet ("counting…"). */
  const counting = ref(false)
  const cursor = ref<HistoryPage['nextCursor']>(null)
  const loading = ref(false)
  const error = ref<PosErrorInfo | null>(null)
  const selectedId = ref<number | null>(null)
  const detail = ref<SaleDetail | null>(null)
  const detailLoading = ref(false)
  /** A refund or void being sent (the dialog shows a spinner; never sent twice). */
  const refunding = ref(false)
  const lastRefund = ref<RefundView | null>(null)
  /** Receipt preview (HTML from main). */
  const preview = ref<{ html: string; title: string; doc: PrintDoc; format: PaperFormat } | null>(null)
  const notice = ref<string | null>(null)
  let generation = 0

  const selected = computed(() => rows.value.find((r) => r.saleId === selectedId.value) ?? null)
  const hasMore = computed(() => cursor.value !== null)

  function filter(now = Date.now()): In<'history:list'>['filter'] {
    const f: NonNullable<In<'history:list'>['filter']> = { ...presetRange(preset.value, now, custom.value) }
    if (text.value.trim()) f.text = text.value.trim()
    if (statuses.value.length) f.statuses = [...statuses.value]
    if (wallets.value.length) f.wallets = [...wallets.value]
    if (minMinor.value !== null) f.minMinor = minMinor.value
    if (maxMinor.value !== null) f.maxMinor = maxMinor.value
    return f
  }

  async function call<T>(p: Promise<Result<T>>): Promise<T | null> {
    try {
      const r = await p
      if (r.ok) {
        error.value = null
        return r.value
      }
      error.value = r.error
      return null
    } catch {
      error.value = { code: 'INTERNAL', message: 'transport' }
      return null
    }
  }

  /**
   * First page of the current filter (replaces the list), then its totals. Only the latest search's
   * answers are used: a page or totals of a filter changed meanwhile are dropped.
   */
  async function search(): Promise<void> {
    const mine = ++generation
    const f = filter()
    loading.value = true
    counting.value = true
    totals.value = null
    const page = await call(bridge.invoke('history:list', { filter: f, limit: 50 }))
    if (mine !== generation) return
    loading.value = false
    if (!page) {
      counting.value = false
      return
    }
    rows.value = page.rows
    cursor.value = page.nextCursor
    if (!rows.value.some((r) => r.saleId === selectedId.value)) selectedId.value = rows.value[0]?.saleId ?? null
    const sums = await call(bridge.invoke('history:totals', { filter: f }))
    if (mine !== generation) return
    counting.value = false
    totals.value = sums
  }

  /** The next (older) page, appended. */
  async function more(): Promise<void> {
    if (!cursor.value || loading.value) return
    const mine = generation
    loading.value = true
    const page = await call(bridge.invoke('history:list', { filter: filter(), cursor: cursor.value, limit: 50 }))
    loading.value = false
    if (!page || mine !== generation) return
    rows.value = [...rows.value, ...page.rows]
    cursor.value = page.nextCursor
  }

  function move(step: number): void {
    if (!rows.value.length) return
    const i = rows.value.findIndex((r) => r.saleId === selectedId.value)
    const next = Math.max(0, Math.min(rows.value.length - 1, (i < 0 ? 0 : i) + step))
    selectedId.value = rows.value[next]!.saleId
    if (next >= rows.value.length - 5) void more()
  }

  async function open(saleId: number): Promise<void> {
    selectedId.value = saleId
    detailLoading.value = true
    const d = await call(bridge.invoke('history:detail', { saleId }))
    detailLoading.value = false
    if (d) detail.value = d
  }

  function closeDetail(): void {
    detail.value = null
    preview.value = null
  }

  /** A scanned receipt barcode (transactionNo): opens that sale. */
  async function lookup(transactionNo: string): Promise<boolean> {
    const found = await call(bridge.invoke('history:lookup', { transactionNo }))
    if (!found) return false
    await open(found.saleId)
    return true
  }

  /** Shows the sale as it now is and prints the refund receipt (a receipt for every refund). */
  async function afterRefund(r: RefundView): Promise<void> {
    lastRefund.value = r
    await open(r.saleId)
    void search()
    if (r.state === 'succeeded') {
      void print({ kind: 'refund', saleId: r.saleId, refundId: r.id, copy: 'customer' })
    }
  }

  async function refund(req: In<'refund:start'>): Promise<RefundView | null> {
    if (refunding.value) return null
    refunding.value = true
    try {
      const r = await call(bridge.invoke('refund:start', req))
      if (r) await afterRefund(r)
      return r
    } finally {
      refunding.value = false
    }
  }

  async function voidSale(req: In<'void:start'>): Promise<RefundView | null> {
    if (refunding.value) return null
    refunding.value = true
    try {
      const r = await call(bridge.invoke('void:start', req))
      if (r) await afterRefund(r)
      return r
    } finally {
      refunding.value = false
    }
  }

  async function showReceipt(doc: PrintDoc, format: PaperFormat = '80mm'): Promise<void> {
    const r = await call(bridge.invoke('receipt:render', { doc, format, reprint: true }))
    if (r) preview.value = { ...r, doc, format }
  }

  /** Silent print (desktop app); in the harness main says to use the preview's Print. */
  async function print(doc: PrintDoc, format: PaperFormat = '80mm'): Promise<boolean> {
    const r = await call(bridge.invoke('receipt:print', { doc, format, reprint: true }))
    if (r) notice.value = r.message
    return r?.printed ?? false
  }

  async function savePdf(doc: PrintDoc, format: PaperFormat = 'a4'): Promise<void> {
    const r = await call(bridge.invoke('receipt:pdf', { doc, format, reprint: true }))
    if (r) notice.value = r.file
  }

  /** Refund events (recovery settling one) refresh the open sale. */
  function listen(): () => void {
    return bridge.on('refund:changed', (r) => {
      if (detail.value?.sale.id === r.saleId && !refunding.value) void open(r.saleId)
    })
  }

  return {
    text,
    preset,
    custom,
    statuses,
    wallets,
    minMinor,
    maxMinor,
    rows,
    totals,
    counting,
    cursor,
    loading,
    error,
    selectedId,
    detail,
    detailLoading,
    refunding,
    lastRefund,
    preview,
    notice,
    selected,
    hasMore,
    filter,
    search,
    more,
    move,
    open,
    closeDetail,
    lookup,
    refund,
    voidSale,
    showReceipt,
    print,
    savePdf,
    listen
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useHistoryStore, import.meta.hot))
