/**
 * Limits of the settings that main and the settings screen both apply. Pure and import-free, so the
 * renderer can import it without pulling zod into its bundle (the schemas in ./schemas/settings.ts use it).
 */

/** Bounds of the payment timeout: long enough for a wallet confirmation, short enough for a queue. */
export const PAYMENT_TIMEOUT_SECONDS = { min: 30, max: 180, default: 60 } as const

/**
 * A data-URL logo lives inside settings.json and travels in one request, which the harness caps at
 * 64 KiB: 60,000 characters of base64 is about 44 KB of image, plenty for a receipt logo.
 */
export const LOGO_DATA_URL_MAX_CHARS = 60_000
/** What `LOGO_DATA_URL_MAX_CHARS` means in image size, for messages. */
export const LOGO_MAX_KB = 44

export const PIN_PATTERN = /^\d{4,8}$/
