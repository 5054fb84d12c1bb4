/**
 * The cashier window's language is the `cashierLanguage` setting: applied at start and on every
 * `settings:changed` (from this window's header, the settings screen, or anywhere else), and the
 * header's language select saves it with `settings:update` so it survives a restart. The customer
 * display follows its own setting (stores/display.ts).
 */
import { onBeforeUnmount, onMounted } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Out } from '../../../../preload/contract'
import { bridge } from '../../bridge'
import { LOCALES, type Locale } from '../../i18n'

const isLocale = (v: unknown): v is Locale => (LOCALES as readonly unknown[]).includes(v)

/** Call from the cashier window's setup; returns `choose` for the language select. */
export function useCashierLanguage() {
  const { locale } = useI18n()

  const apply = (language: unknown) => {
    if (!isLocale(language) || locale.value === language) return
    locale.value = language
    document.documentElement.lang = language
  }
  const fromView = (view: Out<'settings:get'>) => apply(view.settings.cashierLanguage)

  let stop: (() => void) | undefined
  onMounted(async () => {
    stop = bridge.on('settings:changed', fromView)
    const r = await bridge.invoke('settings:get')
    if (r.ok) fromView(r.value)
  })
  onBeforeUnmount(() => stop?.())

  /**
   * Switches at once and saves the choice. A refusal (main unreachable) leaves this session's choice in
   * place; main then still holds the previous language for the next start.
   */
  async function choose(next: Locale): Promise<boolean> {
    apply(next)
    const r = await bridge.invoke('settings:update', { patch: { cashierLanguage: next } })
    return r.ok
  }

  return { locale, choose }
}
