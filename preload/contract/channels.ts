/**
 * The names of every channel and event, and nothing else: the sandboxed preload bundles this file, so it
 * must stay free of imports. The schemas for each name live in `./schemas/`; the compiler checks that the
 * two lists agree (see `./index.ts`).
 */

/** Request/response channels, `domain:verb`. Windows call them; main answers with a Result. */
export const CHANNELS = [
  'app:info',
  'app:ping',
  'sale:current',
  'sale:get',
  'sale:new',
  'sale:addItem',
  'sale:addCustomItem',
  'sale:setQuantity',
  'sale:setLineDiscount',
  'sale:setDiscount',
  'sale:removeLine',
  'sale:clear',
  'sale:park',
  'sale:listParked',
  'sale:recall',
  'payment:start',
  'payment:submitCode',
  'payment:cancel',
  'payment:current',
  'payment:get',
  'payment:listForSale',
  'settings:get',
  'settings:update',
  'settings:setToken',
  'settings:testConnection',
  'settings:setMode',
  'settings:setPin',
  'settings:verifyPin',
  'backup:now',
  'backup:list',
  'backup:restore',
  'diagnostics:export',
  'catalog:search',
  'catalog:categories',
  'catalog:get',
  'catalog:add',
  'catalog:update',
  'catalog:setActive',
  'catalog:importCsv',
  'catalog:exportCsv',
  'history:list',
  'history:totals',
  'history:detail',
  'history:lookup',
  'receipt:render',
  'receipt:print',
  'receipt:pdf',
  'refund:start',
  'void:start',
  'export:csv',
  'export:cancel',
  'report:x',
  'report:day',
  'report:z',
  'report:list',
  'report:get',
  'reconcile:day',
  'display:reopen'
] as const

/** Events main pushes to every window. Windows never send events. */
export const EVENTS = [
  'app:status',
  'sale:changed',
  'payment:changed',
  'display:changed',
  'settings:changed',
  'catalog:changed',
  'export:progress',
  'refund:changed'
] as const

export type Channel = (typeof CHANNELS)[number]
export type EventName = (typeof EVENTS)[number]

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (CHANNELS as readonly string[]).includes(name)
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENTS as readonly string[]).includes(name)
}
