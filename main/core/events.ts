import type { EventName, EventPayload } from '../../preload/contract'

export interface PosEvent<E extends EventName = EventName> {
  name: E
  payload: EventPayload<E>
}

export type EventListener = (event: PosEvent) => void

/**
 * Main -> windows. Core services emit; each transport subscribes once and fans out to its windows.
 * A failing listener never stops the others (a closed window must not break a payment).
 */
export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void
  subscribe(listener: EventListener): () => void
  /** The last payload of each event, so a window that (re)connects starts from the current state. */
  latest(): PosEvent[]
}

export function createEventBus(onListenerError: (e: unknown) => void = () => {}): EventBus {
  const listeners = new Set<EventListener>()
  const last = new Map<EventName, PosEvent>()
  return {
    emit(name, payload) {
      const event = { name, payload } as PosEvent
      last.set(name, event)
      for (const listener of listeners) {
        try {
          listener(event)
        } catch (e) {
          onListenerError(e)
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    latest: () => [...last.values()]
  }
}
