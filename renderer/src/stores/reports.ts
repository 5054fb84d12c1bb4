import { defineStore, acceptHMRUpdate } from 'pinia'
import { ref } from 'vue'
import type { EventPayload, In, Out, PosErrorInfo, Result } from '../../../preload/contract'
import { bridge } from '../bridge'

export type Report = Out<'report:x'>
export type ZSummary = Out<'report:list'>[number]
export type Reconciliation = Out<'reconcile:day'>
export type ExportProgress = EventPayload<'export:progress'>
export type PrintDoc = In<'receipt:render'>['doc']
export type PaperFormat = NonNullable<In<'receipt:render'>['format']>

/** Today as YYYY-MM-DD (local). */
export function today(now = Date.now()): string {
  const d = new Date(now)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

/** [from, to) of local days `from`..`to` inclusive (YYYY-MM-DD). */
export function daysRange(from: string, to: string): { from: number; to: number } | null {
  const parse = (s: string, next: boolean) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
    return m ? new Date(+m[1]!, +m[2]! - 1, +m[3]! + (next ? 1 : 0)).getTime() : NaN
  }
  const a = parse(from, false)
  const b = parse(to, true)
  return Number.isFinite(a) && Number.isFinite(b) && b > a ? { from: a, to: b } : null
}

/**
 * Reports: the report on screen (X, a day, or a closed Z), the list of closed Zs, the CSV export with its
 * progress (from `export:progress`), and the last reconciliation. Numbers come from main as they are.
 */
export const useReportsStore = defineStore('reports', () => {
  const report = ref<Report | null>(null)
  /** What `report` is: the open X, a day, or a Z number. */
  const showing = ref<{ kind: 'x' } | { kind: 'day'; day: string } | { kind: 'z'; number: number }>({ kind: 'x' })
  const zList = ref<ZSummary[]>([])
  const busy = ref(false)
  const error = ref<PosErrorInfo | null>(null)
  const notice = ref<string | null>(null)
  const progress = ref<ExportProgress | null>(null)
  const exporting = ref(false)
  const exported = ref<Out<'export:csv'> | null>(null)
  const reconciliation = ref<Reconciliation | null>(null)
  const reconciling = ref(false)
  const preview = ref<{ html: string; title: string } | null>(null)

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

  async function loadX(): Promise<void> {
    busy.value = true
    const r = await call(bridge.invoke('report:x'))
    busy.value = false
    if (r) {
      report.value = r
      showing.value = { kind: 'x' }
    }
  }

  async function loadDay(day: string): Promise<void> {
    busy.value = true
    const r = await call(bridge.invoke('report:day', { day }))
    busy.value = false
    if (r) {
      report.value = r
      showing.value = { kind: 'day', day }
    }
  }

  async function loadList(): Promise<void> {
    const r = await call(bridge.invoke('report:list', {}))
    if (r) zList.value = r
  }

  async function openZ(number: number): Promise<void> {
    const r = await call(bridge.invoke('report:get', { number }))
    if (r) {
      report.value = r
      showing.value = { kind: 'z', number }
    }
  }

  /** Closes the day (manager PIN). Returns the closed Z, or null (error kept). */
  async function closeZ(pin: string): Promise<Report | null> {
    busy.value = true
    const r = await call(bridge.invoke('report:z', pin ? { pin } : {}))
    busy.value = false
    if (r) {
      report.value = r
      showing.value = { kind: 'z', number: r.number! }
      await loadList()
    }
    return r
  }

  function doc(): PrintDoc {
    const s = showing.value
    return s.kind === 'x'
      ? { kind: 'x' }
      : s.kind === 'day'
        ? { kind: 'day', day: s.day }
        : { kind: 'z', number: s.number }
  }

  async function showPrint(format: PaperFormat): Promise<void> {
    const r = await call(bridge.invoke('receipt:render', { doc: doc(), format, reprint: showing.value.kind === 'z' }))
    if (r) preview.value = r
  }

  async function print(format: PaperFormat): Promise<void> {
    const r = await call(bridge.invoke('receipt:print', { doc: doc(), format, reprint: showing.value.kind === 'z' }))
    if (r) notice.value = r.message
  }

  async function savePdf(format: PaperFormat): Promise<void> {
    const r = await call(bridge.invoke('receipt:pdf', { doc: doc(), format, reprint: showing.value.kind === 'z' }))
    if (r) notice.value = r.file
  }

  async function exportCsv(from: number, to: number): Promise<void> {
    if (exporting.value) return
    exporting.value = true
    exported.value = null
    progress.value = null
    const r = await call(bridge.invoke('export:csv', { from, to }))
    exporting.value = false
    if (r) exported.value = r
  }

  async function cancelExport(): Promise<void> {
    if (progress.value && !progress.value.done)
      await call(bridge.invoke('export:cancel', { exportId: progress.value.exportId }))
  }

  async function reconcile(day: string): Promise<void> {
    reconciling.value = true
    reconciliation.value = null
    const r = await call(bridge.invoke('reconcile:day', { day }))
    reconciling.value = false
    if (r) reconciliation.value = r
  }

  function listen(): () => void {
    return bridge.on('export:progress', (p) => {
      progress.value = p
    })
  }

  return {
    report,
    showing,
    zList,
    busy,
    error,
    notice,
    progress,
    exporting,
    exported,
    reconciliation,
    reconciling,
    preview,
    loadX,
    loadDay,
    loadList,
    openZ,
    closeZ,
    showPrint,
    print,
    savePdf,
    exportCsv,
    cancelExport,
    reconcile,
    listen
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useReportsStore, import.meta.hot))
