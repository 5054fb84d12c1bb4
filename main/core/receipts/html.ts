/**
 * Safe HTML for receipts and reports: every interpolated value is escaped unless it is a `Safe` built by
 * this module (another `html` fragment, or an SVG we generated). Receipts carry product names, reasons
 * and store text typed by people, and they are rendered by Chromium: nothing may become markup by accident.
 */

/** Markup that is already safe (built by `html` or by our own generators). */
export class Safe {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!)
}

type Part = Safe | string | number | null | undefined | false | readonly Part[]

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return ''
  if (part instanceof Safe) return part.value
  if (Array.isArray(part)) return part.map(render).join('')
  return escapeHtml(part)
}

/** Tagged template: `html\`<td>${name}</td>\`` escapes `name`; arrays and nested fragments are joined. */
export function html(strings: TemplateStringsArray, ...parts: Part[]): Safe {
  let out = strings[0]!
  parts.forEach((p, i) => {
    out += render(p) + strings[i + 1]!
  })
  return new Safe(out)
}

/** Wraps markup we generated ourselves (e.g. bwip-js SVG). Never pass user text here. */
export function trusted(markup: string): Safe {
  return new Safe(markup)
}

/** A complete document: no scripts, inline styles only (allowed by the app CSP), a strict CSP of its own. */
export function documentHtml(title: string, css: string, body: Safe, lang = 'en'): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title><style>${css}</style></head>
<body>${body.value}</body></html>`
}
