import { z } from 'zod'

/** Training: talking to the built-in simulator. Live: real Pockyt credentials are set. */
export const AppMode = z.enum(['training', 'live'])

export const AppInfo = z.strictObject({
  name: z.string(),
  version: z.string(),
  mode: AppMode,
  /** Where the app runs: inside Electron, or in the loopback browser harness. */
  shell: z.enum(['electron', 'harness'])
})

export const AppStatus = z.strictObject({
  mode: AppMode,
  /** ms since the epoch, main's clock. */
  now: z.number().int(),
  /** Incremented on every status push, so windows can tell a fresh event from a replay. */
  seq: z.number().int().nonnegative()
})

export const appChannels = {
  /** Version and mode, for the title bar and the TRAINING badge. */
  'app:info': { input: z.undefined(), output: AppInfo },
  /** A round trip that also makes main push a fresh `app:status` to every window. */
  'app:ping': {
    input: z.strictObject({ note: z.string().max(200) }),
    output: z.strictObject({ note: z.string(), seq: z.number().int() })
  }
}

export const appEvents = {
  /** Pushed on start, on every mode change, on `app:ping`, and every few seconds as a heartbeat. */
  'app:status': AppStatus
}
