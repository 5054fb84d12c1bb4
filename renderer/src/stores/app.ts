import { defineStore, acceptHMRUpdate } from 'pinia'
import { ref } from 'vue'
import type { Out, EventPayload } from '../../../preload/contract'
import { bridge } from '../bridge'

/** App identity (version, training/live) and main's heartbeat, shared by both windows. */
export const useAppStore = defineStore('app', () => {
  /** From `app:info`; null until main answered. */
  const info = ref<Out<'app:info'> | null>(null)
  /** The latest `app:status` event. */
  const status = ref<EventPayload<'app:status'> | null>(null)
  /** A transport failure (main unreachable), in the cashier's words; null when fine. */
  const transportError = ref<string | null>(null)
  const lastPing = ref<number | null>(null)

  async function load(): Promise<void> {
    try {
      const result = await bridge.invoke('app:info')
      if (result.ok) {
        info.value = result.value
        transportError.value = null
      } else transportError.value = result.error.message
    } catch {
      transportError.value = 'transport'
    }
  }

  async function ping(note: string): Promise<void> {
    const result = await bridge.invoke('app:ping', { note })
    if (result.ok) lastPing.value = result.value.seq
  }

  function listen(): () => void {
    return bridge.on('app:status', (payload) => {
      status.value = payload
      if (info.value && info.value.mode !== payload.mode) info.value = { ...info.value, mode: payload.mode }
    })
  }

  return { info, status, transportError, lastPing, load, ping, listen }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useAppStore, import.meta.hot))
