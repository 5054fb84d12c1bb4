import type { PosBridge, EventName, EventPayload } from '../../preload/contract'

/**
 * The harness transport seen from the page: POST /api/<channel> for calls, one shared EventSource on
 * /api/events for events. Same-origin only (the CSP allows nothing else). EventSource reconnects by
 * itself, and the server replays the latest state of every event on reconnect.
 */
export function createHttpBridge(role: 'cashier' | 'display'): PosBridge {
  let source: EventSource | undefined
  const listeners = new Map<EventName, Set<(payload: never) => void>>()

  const ensureSource = (): EventSource => {
    if (!source) source = new EventSource('/api/events')
    return source
  }

  return {
    async invoke(channel, ...input) {
      const response = await fetch(`/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pos-window': role },
        body: input.length ? JSON.stringify(input[0]) : ''
      })
      return response.json()
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      const es = ensureSource()
      let set = listeners.get(event)
      if (!set) {
        set = new Set()
        listeners.set(event, set)
        const current = set
        es.addEventListener(event, (message) => {
          const payload = JSON.parse((message as MessageEvent<string>).data) as never
          for (const fn of current) fn(payload)
        })
      }
      set.add(listener as (payload: never) => void)
      return () => void set.delete(listener as (payload: never) => void)
    }
  }
}
