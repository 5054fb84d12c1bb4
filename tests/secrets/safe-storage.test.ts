import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

/** A fake safeStorage: reversible "encryption" that is visibly not the plain text. */
const fake = vi.hoisted(() => {
  const enc = (s: string) => Buffer.from(`ENC(${Buffer.from(s).toString('hex')})`)
  const dec = (b: Buffer) => {
    const m = /^ENC\(([0-9a-f]*)\)$/.exec(b.toString())
    if (!m) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
    return Buffer.from(m[1]!, 'hex').toString()
  }
  const state = { available: true, backend: 'gnome_libsecret', reEncrypt: false, userData: '' }
  const safeStorage = {
    isEncryptionAvailable: vi.fn(() => state.available),
    isAsyncEncryptionAvailable: vi.fn(async () => state.available),
    encryptString: vi.fn(enc),
    decryptString: vi.fn(dec),
    encryptStringAsync: vi.fn(async (s: string) => enc(s)),
    decryptStringAsync: vi.fn(async (b: Buffer) => ({ shouldReEncrypt: state.reEncrypt, result: dec(b) })),
    getSelectedStorageBackend: vi.fn(() => state.backend)
  }
  return { state, safeStorage }
})

vi.mock('electron', () => ({
  safeStorage: fake.safeStorage,
  app: { getPath: (name: string) => (name === 'userData' ? fake.state.userData : '/nonexistent') }
}))

import { createSafeStorageSecretStore, TOKEN_FILE_NAME, type SafeStorageLike } from '../../main/secrets'
import { PosError } from '../../main/core/errors'

const TOKEN = '5cbfb079f15b150122261c8537086d77a'
let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qrc-secrets-'))
  Object.assign(fake.state, { available: true, backend: 'gnome_libsecret', reEncrypt: false, userData: dir })
  vi.clearAllMocks()
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

async function refusal(p: Promise<unknown>): Promise<PosError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err
  )
  expect(e).toBeInstanceOf(PosError)
  return e as PosError
}

describe('safeStorage secret store', () => {
  it('round-trips the token through the async API into a 0600 file in userData that does not contain it', async () => {
    const store = createSafeStorageSecretStore({ platform: 'linux' })
    expect(await store.has()).toBe(false)
    expect(await store.get()).toBeNull()
    await store.set(`  ${TOKEN}\n`)
    const file = join(dir, TOKEN_FILE_NAME)
    expect(readFileSync(file, 'utf8')).not.toContain(TOKEN)
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(await store.has()).toBe(true)
    expect(await createSafeStorageSecretStore({ platform: 'linux' }).get()).toBe(TOKEN)
    expect(fake.safeStorage.encryptStringAsync).toHaveBeenCalled()
    expect(fake.safeStorage.decryptStringAsync).toHaveBeenCalled()
    expect(fake.safeStorage.encryptString).not.toHaveBeenCalled()
    expect(fake.safeStorage.decryptString).not.toHaveBeenCalled()
    await store.clear()
    expect(existsSync(file)).toBe(false)
    expect(await store.get()).toBeNull()
  })

  it('refuses to save when encryption is unavailable, saying so, and writes nothing', async () => {
    fake.state.available = false
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const e = await refusal(createSafeStorageSecretStore({ platform }).set(TOKEN))
      expect(e.code).toBe('CONFLICT')
      expect(e.message).toMatch(/not saved/)
      expect(e.message).not.toContain(TOKEN)
    }
    expect(existsSync(join(dir, TOKEN_FILE_NAME))).toBe(false)
  })

  it('on Linux refuses the basic_text backend (plain text in practice); other platforms ignore the backend', async () => {
    fake.state.backend = 'basic_text'
    const e = await refusal(createSafeStorageSecretStore({ platform: 'linux' }).set(TOKEN))
    expect(e.message).toMatch(/basic_text/)
    expect(e.message).toMatch(/GNOME Keyring or KWallet/)
    expect(existsSync(join(dir, TOKEN_FILE_NAME))).toBe(false)
    await createSafeStorageSecretStore({ platform: 'darwin' }).set(TOKEN)
    expect(await createSafeStorageSecretStore({ platform: 'darwin' }).get()).toBe(TOKEN)
  })

  it('falls back to the sync API only when the async one is missing', async () => {
    const {
      encryptStringAsync: _e,
      decryptStringAsync: _d,
      isAsyncEncryptionAvailable: _i,
      ...syncOnly
    } = fake.safeStorage
    const store = createSafeStorageSecretStore({ platform: 'win32', storage: syncOnly as SafeStorageLike })
    await store.set(TOKEN)
    expect(await store.get()).toBe(TOKEN)
    expect(fake.safeStorage.isEncryptionAvailable).toHaveBeenCalled()
    expect(fake.safeStorage.encryptString).toHaveBeenCalled()
    expect(fake.safeStorage.decryptString).toHaveBeenCalled()
    expect(fake.safeStorage.encryptStringAsync).not.toHaveBeenCalled()
  })

  it('re-encrypts when the OS rotated the key, and reports an undecryptable file clearly', async () => {
    const store = createSafeStorageSecretStore({ platform: 'linux' })
    await store.set(TOKEN)
    fake.state.reEncrypt = true
    expect(await store.get()).toBe(TOKEN)
    expect(fake.safeStorage.encryptStringAsync).toHaveBeenCalledTimes(2)
    fake.safeStorage.decryptStringAsync.mockRejectedValueOnce(new Error('key changed'))
    const e = await refusal(store.get())
    expect(e.message).toMatch(/cannot be decrypted.*enter the token again/)
  })

  it('refuses an empty or malformed token before touching storage', async () => {
    const store = createSafeStorageSecretStore({ platform: 'linux' })
    expect((await refusal(store.set('   '))).code).toBe('BAD_INPUT')
    expect((await refusal(store.set('two words'))).code).toBe('BAD_INPUT')
    expect(fake.safeStorage.encryptStringAsync).not.toHaveBeenCalled()
  })
})
