import { defineStore, acceptHMRUpdate } from 'pinia'
import { ref } from 'vue'
import type { EventPayload, Out } from '../../../preload/contract'
import { bridge } from '../bridge'

export type DisplayState = EventPayload<'display:changed'>
type SettingsView = Out<'settings:get'>

/**
 * What the customer display shows: `display:changed` as main decided it, and the store's name, logo and
 * the display's language from settings. Nothing comes from the cashier window.
 */
export const useDisplayStore = defineStore('display', () => {
  const state = ref<DisplayState>({ screen: 'idle' })
  const storeName = ref<string | null>(null)
  /** Only an inline image (data URL) can be shown here; a file name in the data folder cannot. */
  const logo = ref<string | null>(null)
  const language = ref<'en' | 'zh-CN' | null>(null)

  function applySettings(view: SettingsView): void {
    storeName.value = view.settings.storeName
    const l = view.settings.storeLogo
    logo.value = l && l.startsWith('data:image/') ? l : null
    language.value = view.settings.displayLanguage
  }

  async function load(): Promise<void> {
    const r = await bridge.invoke('settings:get')
    if (r.ok) applySettings(r.value)
  }

  function listen(): () => void {
    const stops = [bridge.on('display:changed', (s) => (state.value = s)), bridge.on('settings:changed', applySettings)]
    return () => stops.forEach((s) => s())
  }

  return { state, storeName, logo, language, load, listen }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useDisplayStore, import.meta.hot))
