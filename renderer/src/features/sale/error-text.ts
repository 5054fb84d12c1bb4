/**
 * A refusal from main in the cashier's language. Main's messages are English sentences written for
 * people (and the most precise), so the English UI shows them as they are; other languages show the
 * feature's translation for the error code (main's text kept as {message} where the translation uses it).
 */
import type { PosErrorInfo } from '../../../../preload/contract'

interface I18nLike {
  t: (key: string, params?: Record<string, unknown>) => string
  te: (key: string) => boolean
  locale: { value: string }
}

export function errorText(e: PosErrorInfo | null, feature: 'sale' | 'payment', i18n: I18nLike): string | null {
  if (!e) return null
  const { t, te, locale } = i18n
  // The stores use this marker when the transport itself failed (no answer from main).
  if (e.message === 'transport') return t(`${feature}.errors.transport`)
  if (locale.value.startsWith('en')) return e.message
  const key = `${feature}.errors.${e.code}`
  return te(key) ? t(key, { message: e.message }) : t(`${feature}.errors.generic`, { message: e.message })
}
