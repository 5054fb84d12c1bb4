/**
 * Where the Pockyt API token lives. It never leaves main: the contract can set or clear it and ask
 * whether one is set, never read it. Electron keeps it encrypted with safeStorage (main/secrets.ts);
 * the browser harness reads it from POCKYT_TOKEN; tests use the in-memory store.
 */
import { PosError } from '../errors'

export interface SecretStore {
  /** Where the token comes from, for the settings screen and diagnostics. */
  readonly kind: 'safe-storage' | 'env' | 'memory'
  /** False when the token cannot be changed from the app (it comes from the environment). */
  readonly writable: boolean
  /** The token, or null when none is stored. */
  get(): Promise<string | null>
  /** Stores (replaces) the token. Throws a PosError with a sentence when it cannot be kept safely. */
  set(token: string): Promise<void>
  has(): Promise<boolean>
  clear(): Promise<void>
}

/** Trims and checks a token before any store keeps it. */
export function normaliseToken(token: string): string {
  const t = token.trim()
  if (!t) throw new PosError('BAD_INPUT', 'The API token is empty: paste the token Pockyt issued for this store.')
  if (t.length > 200 || /\s/.test(t)) {
    throw new PosError('BAD_INPUT', 'That does not look like a Pockyt API token (no spaces, at most 200 characters).')
  }
  return t
}

/** The harness: the token is POCKYT_TOKEN, read-only (change the environment and restart). */
export function createEnvSecretStore(env: NodeJS.ProcessEnv = process.env): SecretStore {
  const readOnly = (): never => {
    throw new PosError(
      'CONFLICT',
      'The API token comes from the POCKYT_TOKEN environment variable here: change it there and restart the harness.'
    )
  }
  const value = () => env.POCKYT_TOKEN?.trim() || null
  return {
    kind: 'env',
    writable: false,
    get: async () => value(),
    has: async () => value() !== null,
    set: async () => readOnly(),
    clear: async () => readOnly()
  }
}

/** For tests and for a harness that should accept a token at run time without keeping it. */
export function createMemorySecretStore(initial: string | null = null): SecretStore {
  let token = initial
  return {
    kind: 'memory',
    writable: true,
    get: async () => token,
    has: async () => token !== null,
    set: async (t) => {
      token = normaliseToken(t)
    },
    clear: async () => {
      token = null
    }
  }
}
