/**
 * The one Content-Security-Policy of every page, in Electron (meta tag + app:// response header) and in
 * the harness (response header). `connect-src 'self'`: the renderer never reaches the network; main owns
 * every Pockyt call. The camera needs `media-src blob: mediastream:`; html5-qrcode sets inline styles.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'"
].join('; ')
