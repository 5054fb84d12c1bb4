/**
 * All UI strings, one namespace per feature: each feature keeps its own `messages.ts` exporting `en` and
 * `zhCN` (typed `typeof en`, so a missing Chinese key fails to compile). Add a feature here in one line.
 */
import * as app from '../features/app/messages'
import * as catalog from '../features/catalog/messages'
import * as display from '../features/display/messages'
import * as history from '../features/history/messages'
import * as payment from '../features/payment/messages'
import * as reports from '../features/reports/messages'
import * as sale from '../features/sale/messages'
import * as scan from '../features/scan/messages'
import * as settings from '../features/settings/messages'

const features = { app, display, scan, sale, payment, catalog, settings, history, reports }

type Features = typeof features
export type Messages = { [K in keyof Features]: Features[K]['en'] }

function pick(lang: 'en' | 'zhCN'): Messages {
  return Object.fromEntries(Object.entries(features).map(([name, m]) => [name, m[lang]])) as Messages
}

export const en = pick('en')
export const zhCN = pick('zhCN')
