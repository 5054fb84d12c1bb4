/**
 * html5-qrcode settings for wallet codes (docs/scanning.md §6 items 1-5) and the helpers around them.
 * Kept apart from the component so the scan lab / benchmark runs exactly the same settings.
 */
import { Html5QrcodeSupportedFormats, type Html5QrcodeCameraScanConfig, type Html5QrcodeFullConfig } from 'html5-qrcode'

/** Wallet codes are QR or Code 128; fewer formats = about half the work on an empty frame (§2.2). */
export const READER_CONFIG: Html5QrcodeFullConfig = {
  formatsToSupport: [Html5QrcodeSupportedFormats.QR_CODE, Html5QrcodeSupportedFormats.CODE_128],
  verbose: false
}

/** html5-qrcode throws ("minimum size of 'config.qrbox'...") on a scan box side below this (§1.2). */
export const MIN_SCAN_BOX_PX = 50

/**
 * The scan box for a viewfinder of `width` x `height`: wide enough for a Code 128 held across the frame,
 * never under 50 px a side. The viewfinder measures 0 when the video starts playing in a hidden or
 * already removed reader (a panel closed while its camera was starting); html5-qrcode would then throw
 * from its own `playing` handler, an uncaught page error.
 */
export function scanBox(width: number, height: number): { width: number; height: number } {
  const side = (n: number, share: number) => Math.max(MIN_SCAN_BOX_PX, Number.isFinite(n) ? Math.floor(n * share) : 0)
  return { width: side(width, 0.9), height: side(height, 0.6) }
}

/**
 * ~10 decodes a second; no flip (a USB webcam is not mirrored, and flip doubles the work on empty frames);
 * the scan box of {@link scanBox}.
 */
export const SCAN_CONFIG: Html5QrcodeCameraScanConfig = {
  fps: 10,
  disableFlip: true,
  qrbox: scanBox
}

/**
 * The reader element's CSS width. html5-qrcode decodes at the element's size, not the camera's, so it
 * must be at least the camera frame width (640 for 640x480) or 1-D codes stop decoding (§1.3, §2.3).
 * Make it look smaller with `transform: scale()`, which does not change `clientWidth`.
 */
export const READER_WIDTH_PX = 640

/** Ignore the same code read again within this time (a phone held in front of the camera). */
export const REPEAT_DEBOUNCE_MS = 2500

/** Where the chosen camera is kept when the parent does not persist it. */
export const CAMERA_STORAGE_KEY = 'qrc.scan.cameraId'

export type CameraErrorKind = 'denied' | 'busy' | 'missing' | 'insecure' | 'unknown'

/**
 * Which cashier message a camera failure deserves. html5-qrcode rejects `getCameras()` with the browser's
 * DOMException but `start()` with a string ("Error getting userMedia, error = NotAllowedError: ..."),
 * so both the `name` and the text are read.
 */
export function classifyCameraError(error: unknown): CameraErrorKind {
  const name =
    typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : ''
  const text = `${name} ${typeof error === 'string' ? error : error instanceof Error ? error.message : ''}`
  if (/NotAllowedError|PermissionDeniedError|SecurityError|Permission denied/i.test(text)) return 'denied'
  if (/NotReadableError|TrackStartError|AbortError|Could not start video source/i.test(text)) return 'busy'
  if (/NotFoundError|DevicesNotFoundError|OverconstrainedError|Requested device not found/i.test(text)) return 'missing'
  if (/secure context|not supported by the browser|only supported in secure/i.test(text)) return 'insecure'
  return 'unknown'
}

/** A code repeats when it is the same text read again within the debounce time. */
export function createRepeatFilter(windowMs = REPEAT_DEBOUNCE_MS): (text: string, now: number) => boolean {
  let last = ''
  let lastAt = -Infinity
  return (text, now) => {
    const repeat = text === last && now - lastAt < windowMs
    last = text
    lastAt = now
    return repeat
  }
}

/**
 * How long a teardown waits for html5-qrcode's video to start playing before stopping it anyway (a
 * removed reader's video may never play; the fake camera plays within ~100 ms).
 */
export const SURFACE_WAIT_MS = 1500
