import { createI18n } from 'vue-i18n'
import { en, zhCN } from './messages'

export const LOCALES = ['en', 'zh-CN'] as const
export type Locale = (typeof LOCALES)[number]

/** Picks a supported locale from a BCP 47 tag ("zh-Hans-CN" -> zh-CN), English otherwise. */
export function pickLocale(tag: string | undefined): Locale {
  return tag?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

/** Each window makes its own instance: the customer display's language may differ from the cashier's. */
export function createPosI18n(locale: Locale) {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { en, 'zh-CN': zhCN },
    // Money and dates go through Intl directly (see format.ts), not vue-i18n's number formats.
    missingWarn: false,
    fallbackWarn: false
  })
}
