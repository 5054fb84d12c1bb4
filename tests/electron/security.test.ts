import { describe, expect, it } from 'vitest'
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  CSP_HEADER,
  isAppUrl,
  isPermissionAllowed,
  isSafeExternalUrl,
  trustedDevServerUrl
} from '../../main/security'

const DEV = 'http://localhost:5173'

describe('isSafeExternalUrl', () => {
  it.each([
    'https://pockyt.io',
    'https://docs.pockyt.io/payments?x=1#top',
    'https://support.example.com/path/with%20space',
    'https://例え.jp/' // IDN: URL() turns it into punycode, still a public https host
  ])('accepts plain public https: %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true)
  })

  it.each([
    ['http://example.com', 'not https'],
    ['HTTP://example.com', 'not https, any case'],
    ['file:///etc/passwd', 'file'],
    ['javascript:alert(1)', 'script'],
    ['data:text/html,<script>alert(1)</script>', 'data'],
    ['app://pos/index.html', 'our own scheme'],
    ['ms-settings:privacy-webcam', 'OS handler'],
    ['smb://server/share', 'network share'],
    ['https://user:pass@example.com', 'credentials'],
    ['https://user@example.com', 'username only'],
    ['https://example.com@evil.example', 'host hidden behind userinfo'],
    ['https://example.com:8443/', 'explicit port'],
    ['https://127.0.0.1/', 'IPv4 literal'],
    ['https://0x7f.1/', 'hex IPv4 normalised by URL()'],
    ['https://2130706433/', 'decimal IPv4 normalised by URL()'],
    ['https://192.168.1.10/admin', 'LAN address'],
    ['https://[::1]/', 'IPv6 literal'],
    ['https://localhost/', 'localhost'],
    ['https://printer.localhost/', '*.localhost'],
    ['https://router.local/', 'mDNS name'],
    ['https://intranet/', 'single-label host'],
    ['https://example.com./', 'trailing-dot host'],
    [' https://example.com', 'leading space URL() would trim'],
    ['https://exa\tmple.com', 'tab URL() would drop'],
    ['https://example.com/\nhttps://evil', 'newline'],
    ['https:\\\\evil.example', 'backslashes URL() would repair'],
    ['https://', 'no host'],
    ['not a url', 'garbage'],
    ['', 'empty'],
    [`https://example.com/${'a'.repeat(2100)}`, 'too long']
  ])('refuses %s (%s)', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false)
  })

  it('refuses non-strings', () => {
    for (const v of [undefined, null, 42, {}, ['https://example.com'], new URL('https://example.com')]) {
      expect(isSafeExternalUrl(v)).toBe(false)
    }
  })

  it('with an allow-list, accepts the host and its subdomains only', () => {
    const opts = { allowedHosts: ['pockyt.io'] }
    expect(isSafeExternalUrl('https://pockyt.io/', opts)).toBe(true)
    expect(isSafeExternalUrl('https://docs.POCKYT.io/', opts)).toBe(true)
    expect(isSafeExternalUrl('https://evilpockyt.io/', opts)).toBe(false)
    expect(isSafeExternalUrl('https://pockyt.io.evil.example/', opts)).toBe(false)
    expect(isSafeExternalUrl('https://evil.example/?next=https://pockyt.io', opts)).toBe(false)
    expect(isSafeExternalUrl('http://pockyt.io/', opts)).toBe(false)
  })
})

describe('isAppUrl', () => {
  it('accepts our app:// pages in production and development', () => {
    for (const dev of [undefined, DEV]) {
      expect(isAppUrl('app://pos/index.html', dev)).toBe(true)
      expect(isAppUrl('app://pos/display.html?x=1#y', dev)).toBe(true)
      expect(isAppUrl(APP_ORIGIN, dev)).toBe(true)
      expect(isAppUrl('app://POS/index.html', dev)).toBe(true) // Chromium lower-cases standard hosts
    }
  })

  it('accepts the exact dev-server origin only when one is given', () => {
    expect(isAppUrl('http://localhost:5173/index.html', DEV)).toBe(true)
    expect(isAppUrl('http://localhost:5173/index.html')).toBe(false)
    expect(isAppUrl('http://localhost:5174/index.html', DEV)).toBe(false)
    expect(isAppUrl('https://localhost:5173/index.html', DEV)).toBe(false)
    expect(isAppUrl('http://127.0.0.1:5173/index.html', DEV)).toBe(false)
  })

  it.each([
    'https://evil.example/?next=app://pos',
    'https://evil.example/#app://pos/index.html',
    'http://localhost.evil.example:5173/',
    'app://evil/index.html',
    'app://pos.evil/index.html',
    'app://evilpos/index.html',
    'app://pos:80/index.html',
    'app://user@pos/index.html',
    'app://pos:pw@pos/index.html',
    'app:pos',
    'app:///pos/index.html',
    'file:///tmp/index.html',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    'chrome-extension://abc/index.html',
    ' app://pos/index.html',
    'invalid',
    ''
  ])('refuses the look-alike %s', (url) => {
    expect(isAppUrl(url)).toBe(false)
    expect(isAppUrl(url, DEV)).toBe(false)
  })

  it('refuses non-strings', () => {
    expect(isAppUrl(undefined)).toBe(false)
    expect(isAppUrl(null, DEV)).toBe(false)
  })
})

describe('trustedDevServerUrl', () => {
  it('trusts a loopback http dev server only in an unpackaged app', () => {
    expect(trustedDevServerUrl('http://localhost:5173', false)).toBe('http://localhost:5173')
    expect(trustedDevServerUrl('http://127.0.0.1:5173/', false)).toBe('http://127.0.0.1:5173')
    expect(trustedDevServerUrl('http://[::1]:5173', false)).toBe('http://[::1]:5173')
    expect(trustedDevServerUrl('http://localhost:5173', true)).toBeUndefined()
    expect(trustedDevServerUrl(undefined, false)).toBeUndefined()
    expect(trustedDevServerUrl('', false)).toBeUndefined()
  })

  it.each([
    'https://evil.example',
    'http://evil.example:5173',
    'http://192.168.1.2:5173',
    'file:///x',
    'http://u@localhost:5173'
  ])('never trusts %s', (url) => {
    expect(trustedDevServerUrl(url, false)).toBeUndefined()
  })
})

describe('isPermissionAllowed', () => {
  it('allows the camera for our own page (video only, or unspecified as Windows sends it)', () => {
    expect(isPermissionAllowed('media', 'app://pos/index.html', { mediaTypes: ['video'], isMainFrame: true })).toBe(
      true
    )
    expect(isPermissionAllowed('media', 'app://pos/index.html', { mediaTypes: [] })).toBe(true)
    expect(isPermissionAllowed('media', 'app://pos/index.html', {})).toBe(true)
    expect(isPermissionAllowed('media', 'app://pos', { mediaType: 'video', isMainFrame: true })).toBe(true)
    expect(isPermissionAllowed('media', 'app://pos', { mediaType: 'unknown' })).toBe(true)
    expect(isPermissionAllowed('media', 'http://localhost:5173/index.html', { mediaTypes: ['video'] }, DEV)).toBe(true)
  })

  it('denies the microphone, alone or with the camera', () => {
    expect(isPermissionAllowed('media', 'app://pos/index.html', { mediaTypes: ['audio'] })).toBe(false)
    expect(isPermissionAllowed('media', 'app://pos/index.html', { mediaTypes: ['video', 'audio'] })).toBe(false)
    expect(isPermissionAllowed('media', 'app://pos/index.html', { mediaType: 'audio' })).toBe(false)
  })

  it('denies the camera to anyone else, and to subframes', () => {
    expect(isPermissionAllowed('media', 'https://evil.example/', { mediaTypes: ['video'] })).toBe(false)
    expect(isPermissionAllowed('media', 'app://evil/index.html', { mediaTypes: ['video'] })).toBe(false)
    expect(isPermissionAllowed('media', 'http://localhost:5173/', { mediaTypes: ['video'] })).toBe(false) // no dev server
    expect(isPermissionAllowed('media', 'app://pos/index.html', { mediaTypes: ['video'], isMainFrame: false })).toBe(
      false
    )
    expect(isPermissionAllowed('media', undefined, { mediaTypes: ['video'] })).toBe(false)
  })

  it.each([
    'geolocation',
    'notifications',
    'clipboard-read',
    'display-capture',
    'fullscreen',
    'openExternal',
    'midi',
    'hid',
    'usb',
    'serial',
    'fileSystem',
    'unknown'
  ])('denies %s even to our own page', (permission) => {
    expect(isPermissionAllowed(permission, 'app://pos/index.html', { isMainFrame: true })).toBe(false)
  })
})

describe('CSP', () => {
  it("keeps the renderer off the network (connect-src 'self') and blocks plugins and framing", () => {
    for (const csp of [CONTENT_SECURITY_POLICY, CSP_HEADER]) {
      const directives = new Map(
        csp
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .map(([k, ...v]) => [k, v])
      )
      expect(directives.get('connect-src')).toEqual(["'self'"])
      expect(directives.get('script-src')).toEqual(["'self'"])
      expect(directives.get('object-src')).toEqual(["'none'"])
      expect(csp).not.toMatch(/unsafe-eval/)
    }
    expect(CSP_HEADER).toMatch(/frame-ancestors 'none'/)
  })
})
