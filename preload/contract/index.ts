/**
 * The one contract between the windows and main. Every channel's input and output schema and every
 * event's payload schema is listed here; main, preload, renderer and the harness derive their types
 * from it. Main imports it at run time (to validate); windows import types only.
 */
import type { z } from 'zod'
import type { Channel, EventName } from './channels'
import type { Result } from './result'
import { appChannels, appEvents } from './schemas/app'
import { catalogChannels, catalogEvents } from './schemas/catalog'
import { displayChannels, displayEvents } from './schemas/display'
import { historyChannels, historyEvents } from './schemas/history'
import { paymentChannels, paymentEvents } from './schemas/payment'
import { reportsChannels, reportsEvents } from './schemas/reports'
import { saleChannels, saleEvents } from './schemas/sale'
import { settingsChannels, settingsEvents } from './schemas/settings'

export * from './channels'
export * from './result'

interface ChannelSpec {
  input: z.ZodType
  output: z.ZodType
}

/** Adding a channel: name it in `channels.ts`, give it schemas in `schemas/<domain>.ts`, list it here. */
export const contract = {
  ...appChannels,
  ...saleChannels,
  ...paymentChannels,
  ...settingsChannels,
  ...catalogChannels,
  ...historyChannels,
  ...reportsChannels,
  ...displayChannels
} satisfies Record<Channel, ChannelSpec>

export const events = {
  ...appEvents,
  ...saleEvents,
  ...paymentEvents,
  ...displayEvents,
  ...settingsEvents,
  ...catalogEvents,
  ...historyEvents,
  ...reportsEvents
} satisfies Record<EventName, z.ZodType>

/** The exact key sets must agree both ways; this fails to compile if a schema is missing or extra. */
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never
const channelsAgree: Exact<keyof typeof contract, Channel> = true
const eventsAgree: Exact<keyof typeof events, EventName> = true
void channelsAgree
void eventsAgree

/** What a window sends on channel C (before validation). */
export type In<C extends Channel> = z.input<(typeof contract)[C]['input']>
/** What main receives on channel C (after validation and defaults). */
export type Parsed<C extends Channel> = z.output<(typeof contract)[C]['input']>
/** What main answers on channel C. */
export type Out<C extends Channel> = z.output<(typeof contract)[C]['output']>
/** The payload of event E. */
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>

/**
 * What the renderer's `bridge` is, in Electron (`window.pos`) and in the harness (HTTP + SSE) alike.
 * `invoke` never rejects for an answer main gave; it rejects only if the transport itself failed.
 */
export interface PosBridge {
  invoke<C extends Channel>(channel: C, ...input: In<C> extends undefined ? [] : [In<C>]): Promise<Result<Out<C>>>
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}
