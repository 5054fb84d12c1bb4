import { defineStore, acceptHMRUpdate } from 'pinia'
import { computed, ref } from 'vue'
import type { Out, PosErrorInfo } from '../../../preload/contract'
import { bridge } from '../bridge'
import { playApproved, playDeclined } from '../features/payment/sound'
import type { SaleView } from './sale'

export type PaymentView = Out<'payment:current'> & {}
type ApprovedHandler = (payment: PaymentView, sale: SaleView | null) => void

/** States in which a new code may be scanned for the sale: waiting for one, or after a failed attempt. */
const ACCEPTS_CODE = new Set<PaymentView['state']>(['created', 'awaiting_code', 'failed', 'cancelled', 'reversed'])
/** The receipt feature (printing) registers here; the panel shows a summary either way. */
const approvedHandlers = new Set<ApprovedHandler>()

/**
 * The wallet payment on screen: what `payment:changed` says about it, whether the payment panel is open,
 * and the last refusal. Main runs the payment; this only asks (start, submit, cancel) and shows.
 */
export const usePaymentStore = defineStore('payment', () => {
  const payment = ref<PaymentView | null>(null)
  const panelOpen = ref(false)
  const error = ref<PosErrorInfo | null>(null)
  /** The sale as it was paid, for the approved summary (the screen moves on to a new sale). */
  const paidSale = ref<SaleView | null>(null)
  const submitting = ref(false)

  const state = computed(() => payment.value?.state ?? null)
  /** A code may be scanned now (the panel is open and no attempt is in flight). */
  const acceptsCode = computed(
    () => !submitting.value && (payment.value === null || ACCEPTS_CODE.has(payment.value.state))
  )
  /** A payment holds the till: no editing, no second payment. */
  const inFlight = computed(() => payment.value !== null && !payment.value.final)

  let saleSnapshot: () => SaleView | null = () => null
  /**
   * Codes already sent while this panel is open. A wallet code is single-use: after a decline the same
   * phone is often still in front of the camera, and re-sending its code would only be declined again.
   */
  const usedCodes = new Set<string>()
  /** A used code was scanned or typed again (the panel says why nothing happens). */
  const reused = ref(false)
  /** A line for the open panel from elsewhere (the sale screen's scanner refusing a scan). */
  const notice = ref<string | null>(null)
  /** True (and `reused` set unless quiet) when the code was already sent while this panel is open. */
  const wasUsed = (code: string, quiet = false) => {
    const used = usedCodes.has(code)
    if (used && !quiet) reused.value = true
    return used
  }

  function take(view: PaymentView): void {
    const before = payment.value
    const same = before?.id === view.id
    if (same && before!.updatedAt > view.updatedAt) return // an older event overtaken by an answer
    payment.value = view
    if (view.state === 'succeeded' && !(same && before!.state === 'succeeded')) {
      paidSale.value = saleSnapshot()
      panelOpen.value = true
      playApproved()
      for (const h of approvedHandlers) {
        try {
          h(view, paidSale.value)
        } catch {
          // A failing receipt printer must not hide "Approved".
        }
      }
    } else if (view.state === 'failed' && !(same && before!.state === 'failed')) playDeclined()
  }

  /** Follows every payment of the sale on screen (or the one already shown). */
  function listen(currentSaleId: () => number | null, snapshot: () => SaleView | null): () => void {
    saleSnapshot = snapshot
    return bridge.on('payment:changed', (view) => {
      if (payment.value?.id === view.id || view.saleId === currentSaleId()) take(view)
    })
  }

  /** After a reload: a payment still holding the till opens the panel again. */
  async function load(): Promise<void> {
    const r = await bridge.invoke('payment:current')
    if (r.ok && r.value) {
      take(r.value)
      panelOpen.value = true
    }
  }

  async function start(saleId: number): Promise<boolean> {
    error.value = null
    paidSale.value = null
    const r = await bridge.invoke('payment:start', { saleId })
    if (!r.ok) {
      error.value = r.error
      // Already running for this sale: show it instead of refusing.
      if (r.error.code === 'PAYMENT_IN_PROGRESS') await load()
      return false
    }
    take(r.value)
    panelOpen.value = true
    return true
  }

  /** Sends a scanned code: to the waiting payment, or as a new attempt (one-scan checkout, scan again). */
  async function submit(saleId: number, code: string): Promise<boolean> {
    if (submitting.value) return false
    usedCodes.add(code)
    reused.value = false
    notice.value = null
    submitting.value = true
    error.value = null
    paidSale.value = null
    panelOpen.value = true
    try {
      const r = await bridge.invoke('payment:submitCode', { saleId, code })
      if (!r.ok) {
        error.value = r.error
        const id = (r.error.details as { paymentId?: number } | undefined)?.paymentId
        if (id) {
          const p = await bridge.invoke('payment:get', { paymentId: id })
          if (p.ok) take(p.value)
        }
        return false
      }
      take(r.value)
      return true
    } catch {
      error.value = { code: 'INTERNAL', message: 'transport' }
      return false
    } finally {
      submitting.value = false
    }
  }

  async function cancel(): Promise<void> {
    const p = payment.value
    if (!p || !p.canCancel) return
    const r = await bridge.invoke('payment:cancel', { paymentId: p.id })
    if (r.ok) take(r.value)
    else error.value = r.error
  }

  /** Closes the panel; a payment still in flight keeps running in main (and reopens on reload). */
  function close(): void {
    panelOpen.value = false
    error.value = null
    usedCodes.clear()
    reused.value = false
    notice.value = null
    if (payment.value?.final) {
      payment.value = null
      paidSale.value = null
    }
  }

  /** Registers what happens on approval (print the receipt); returns the unregister function. */
  function onApproved(handler: ApprovedHandler): () => void {
    approvedHandlers.add(handler)
    return () => approvedHandlers.delete(handler)
  }

  return {
    payment,
    panelOpen,
    error,
    paidSale,
    submitting,
    state,
    acceptsCode,
    inFlight,
    listen,
    load,
    start,
    submit,
    cancel,
    close,
    onApproved,
    wasUsed,
    reused,
    notice
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(usePaymentStore, import.meta.hot))
