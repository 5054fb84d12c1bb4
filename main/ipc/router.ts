import { contract, isChannel, type Channel, type Out, type Parsed, type Result } from '../../preload/contract'
import { isPosError } from '../core/errors'

/** Who is calling; transports fill it in after their own sender checks. */
export interface CallContext {
  /** Which window (or the harness page) sent the request. */
  window: 'cashier' | 'display'
}

export type Handler<C extends Channel> = (input: Parsed<C>, ctx: CallContext) => Out<C> | Promise<Out<C>>
export type Handlers = { [C in Channel]: Handler<C> }

export interface Router {
  /** channel -> validate -> handler -> Result. Never throws, whatever it is given. */
  call(channel: unknown, payload: unknown, ctx: CallContext): Promise<Result<unknown>>
}

export interface RouterOptions {
  /** Bugs (non-PosError exceptions, invalid outputs) go here, never to the window. */
  onInternalError?: (channel: string, error: unknown) => void
  /** Check each answer against the output schema too (tests and the harness turn this on). */
  validateOutput?: boolean
}

/** Formats a schema failure as one line a developer can act on, without echoing the payload. */
function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ')
}

export function createRouter(handlers: Handlers, options: RouterOptions = {}): Router {
  const onInternalError = options.onInternalError ?? (() => {})
  return {
    async call(channel, payload, ctx) {
      if (!isChannel(channel)) {
        return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `There is no channel "${String(channel)}".` } }
      }
      const spec = contract[channel]
      const parsed = spec.input.safeParse(payload)
      if (!parsed.success) {
        return {
          ok: false,
          error: {
            code: 'BAD_INPUT',
            message: `Invalid request for ${channel}: ${describeIssues(parsed.error.issues)}`
          }
        }
      }
      try {
        const handler = handlers[channel] as (input: unknown, ctx: CallContext) => unknown
        const value = await handler(parsed.data, ctx)
        if (options.validateOutput) {
          const checked = spec.output.safeParse(value)
          if (!checked.success) {
            onInternalError(channel, new Error(`invalid output: ${describeIssues(checked.error.issues)}`))
            return {
              ok: false,
              error: { code: 'INTERNAL', message: 'Something went wrong inside the app. It has been logged.' }
            }
          }
        }
        return { ok: true, value }
      } catch (e) {
        if (isPosError(e)) return { ok: false, error: e.toInfo() }
        onInternalError(channel, e)
        return {
          ok: false,
          error: { code: 'INTERNAL', message: 'Something went wrong inside the app. It has been logged.' }
        }
      }
    }
  }
}
