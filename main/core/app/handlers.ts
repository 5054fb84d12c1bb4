import type { Handlers } from '../../ipc/router'
import type { EventBus } from '../events'
import type { Clock } from '../clock'

export interface AppDeps {
  name: string
  version: string
  shell: 'electron' | 'harness'
  mode: () => 'training' | 'live'
  events: EventBus
  clock: Clock
}

/** The `app:*` channels: what the title bar, the TRAINING badge and the heartbeat need. */
export function createAppService(deps: AppDeps) {
  let seq = 0
  const pushStatus = () => deps.events.emit('app:status', { mode: deps.mode(), now: deps.clock.now(), seq: ++seq })

  const handlers: Pick<Handlers, 'app:info' | 'app:ping'> = {
    'app:info': () => ({ name: deps.name, version: deps.version, mode: deps.mode(), shell: deps.shell }),
    'app:ping': ({ note }) => {
      pushStatus()
      return { note, seq }
    }
  }
  return { handlers, pushStatus }
}
