/**
 * The composition root: builds every core service once, wires them to the event bus, and returns the
 * handler for every channel. Electron's main (`main/index.ts`) and the browser harness
 * (`main/harness/`) both call this, so the two run the very same code behind the same contract.
 */
import type { Handlers } from '../ipc/router'
import { createAppService } from './app/handlers'
import { systemClock, type Clock } from './clock'
import { createEventBus, type EventBus } from './events'

export interface ServicesOptions {
  /** Folder for the ledger, settings, logs and backups. */
  dataDir: string
  version: string
  shell: 'electron' | 'harness'
  clock?: Clock
  /** Seconds between `app:status` heartbeats; 0 turns them off (tests). */
  heartbeatSeconds?: number
  /** Pockyt settings from the environment (harness) or the settings store (Electron); none = training. */
  pockyt?: { baseUrl: string; merchantNo: string; storeNo: string; token: string }
  log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void
}

export interface Services {
  handlers: Handlers
  events: EventBus
  /** Stops timers and closes the ledger. */
  close(): Promise<void>
}

export async function createServices(options: ServicesOptions): Promise<Services> {
  const clock = options.clock ?? systemClock
  const log = options.log ?? (() => {})
  const events = createEventBus((e) => log('error', 'event listener failed', { error: String(e) }))
  const mode = () => (options.pockyt ? 'live' : 'training') as 'training' | 'live'

  const app = createAppService({ name: 'QRC POS', version: options.version, shell: options.shell, mode, events, clock })

  const handlers: Handlers = {
    ...app.handlers
  }

  app.pushStatus()
  const heartbeat =
    (options.heartbeatSeconds ?? 5) > 0 ? setInterval(app.pushStatus, (options.heartbeatSeconds ?? 5) * 1000) : undefined
  heartbeat?.unref?.()

  return {
    handlers,
    events,
    async close() {
      if (heartbeat) clearInterval(heartbeat)
    }
  }
}
