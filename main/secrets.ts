/**
 * The Electron `SecretStore`: the Pockyt token encrypted with `safeStorage` (the OS keychain, DPAPI or
 * the Linux keyring) in `<userData>/pockyt-token.enc`, mode 0600.
 *
 * It refuses to save rather than keep the token weakly: when encryption is unavailable, and on Linux
 * when the backend is `basic_text` (a hard-coded key, i.e. plain text in practice). It uses the async
 * API (the sync one is deprecated and goes away in Electron 46) and falls back to the sync calls only
 * on an Electron that lacks the async ones.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { app, safeStorage } from 'electron'
import { PosError } from './core/errors'
import { writeFileAtomic } from './core/settings/atomic-file'
import { normaliseToken, type SecretStore } from './core/settings/secret-store'

export const TOKEN_FILE_NAME = 'pockyt-token.enc'
const FORMAT = 'v1:'

/** The part of Electron's `safeStorage` used here (tests pass a fake). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  isAsyncEncryptionAvailable?: () => Promise<boolean>
  encryptString(plain: string): Buffer
  decryptString(encrypted: Buffer): string
  encryptStringAsync?: (plain: string) => Promise<Buffer>
  decryptStringAsync?: (encrypted: Buffer) => Promise<{ shouldReEncrypt: boolean; result: string }>
  getSelectedStorageBackend?: () => string
}

export interface SafeStorageSecretStoreOptions {
  /** Defaults to `app.getPath('userData')`. */
  dir?: string
  /** Defaults to `process.platform`. */
  platform?: NodeJS.Platform
  /** Defaults to Electron's `safeStorage`. */
  storage?: SafeStorageLike
}

/** Why the token cannot be stored safely here, or null when it can. */
export async function safeStorageProblem(storage: SafeStorageLike, platform: NodeJS.Platform): Promise<string | null> {
  const available = storage.isAsyncEncryptionAvailable
    ? await storage.isAsyncEncryptionAvailable()
    : storage.isEncryptionAvailable()
  if (!available) {
    return platform === 'linux'
      ? 'The token was not saved: this computer has no secure storage available. Install and unlock a keyring (GNOME Keyring or KWallet), then restart the app.'
      : 'The token was not saved: the operating system refused to provide secure storage. Sign in to the computer with your own account and restart the app.'
  }
  if (platform === 'linux' && storage.getSelectedStorageBackend?.() === 'basic_text') {
    return 'The token was not saved: no keyring was found, so it could only be stored as plain text ("basic_text"). Install and unlock GNOME Keyring or KWallet, then restart the app.'
  }
  return null
}

export function createSafeStorageSecretStore(options: SafeStorageSecretStoreOptions = {}): SecretStore {
  const storage: SafeStorageLike = options.storage ?? (safeStorage as unknown as SafeStorageLike)
  const platform = options.platform ?? process.platform
  const file = () => join(options.dir ?? app.getPath('userData'), TOKEN_FILE_NAME)

  const encrypt = (plain: string): Promise<Buffer> =>
    storage.encryptStringAsync ? storage.encryptStringAsync(plain) : Promise.resolve(storage.encryptString(plain))

  async function decrypt(encrypted: Buffer): Promise<{ value: string; reEncrypt: boolean }> {
    if (storage.decryptStringAsync) {
      const r = await storage.decryptStringAsync(encrypted)
      return { value: r.result, reEncrypt: r.shouldReEncrypt }
    }
    return { value: storage.decryptString(encrypted), reEncrypt: false }
  }

  async function save(token: string): Promise<void> {
    const problem = await safeStorageProblem(storage, platform)
    if (problem) throw new PosError('CONFLICT', problem)
    const encrypted = await encrypt(token)
    writeFileAtomic(file(), FORMAT + encrypted.toString('base64'), 0o600)
  }

  return {
    kind: 'safe-storage',
    writable: true,
    async get() {
      if (!existsSync(file())) return null
      const text = readFileSync(file(), 'utf8')
      if (!text.startsWith(FORMAT))
        throw new PosError('CONFLICT', 'The stored API token file is not readable: enter the token again.')
      let decrypted: { value: string; reEncrypt: boolean }
      try {
        decrypted = await decrypt(Buffer.from(text.slice(FORMAT.length), 'base64'))
      } catch {
        throw new PosError(
          'CONFLICT',
          'The stored API token cannot be decrypted (the keychain or the user account changed): enter the token again.'
        )
      }
      // The OS rotated the key: store it again under the new one (best effort, the value is right).
      if (decrypted.reEncrypt) await save(decrypted.value).catch(() => {})
      return decrypted.value
    },
    async set(token) {
      await save(normaliseToken(token))
    },
    has: async () => existsSync(file()),
    async clear() {
      rmSync(file(), { force: true })
    }
  }
}
