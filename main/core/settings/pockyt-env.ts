import type { ServicesOptions } from '../services'

/**
 * Live Pockyt settings from POCKYT_BASE_URL, POCKYT_MERCHANT_NO, POCKYT_STORE_NO and POCKYT_TOKEN (the
 * harness, and a developer override in the desktop app): all four set = live, none = training, some = a
 * clear error naming what is missing.
 */
export function pockytFromEnv(env: NodeJS.ProcessEnv): ServicesOptions['pockyt'] {
  const keys = ['POCKYT_BASE_URL', 'POCKYT_MERCHANT_NO', 'POCKYT_STORE_NO', 'POCKYT_TOKEN'] as const
  const present = keys.filter((k) => env[k])
  if (present.length === 0) return undefined
  if (present.length !== keys.length) {
    const missing = keys.filter((k) => !env[k]).join(', ')
    throw new Error(`Live mode needs all of ${keys.join(', ')}; missing: ${missing}. Unset them all for training mode.`)
  }
  return {
    baseUrl: env.POCKYT_BASE_URL!,
    merchantNo: env.POCKYT_MERCHANT_NO!,
    storeNo: env.POCKYT_STORE_NO!,
    token: env.POCKYT_TOKEN!
  }
}
