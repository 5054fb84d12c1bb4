import { defineStore, acceptHMRUpdate } from 'pinia'
import { ref } from 'vue'

export const SCREENS = ['sale', 'history', 'reports', 'settings'] as const
export type Screen = (typeof SCREENS)[number]

/** Which screen the cashier window shows, and whether the F1 help is open. UI state only. */
export const useNavStore = defineStore('nav', () => {
  const screen = ref<Screen>('sale')
  const helpOpen = ref(false)
  function go(next: Screen) {
    screen.value = next
    helpOpen.value = false
  }
  return { screen, helpOpen, go }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useNavStore, import.meta.hot))
