#!/usr/bin/env node
// Draws the app icon (a QR-style mark on a blue tile) and writes resources/icon.png (512x512),
// resources/icon.ico (PNG entries 16..256, Windows Vista+) and resources/icon.icns (PNG entries 32..1024).
// No dependencies: a tiny PNG encoder on node:zlib. Run `node scripts/make-icons.mjs` after changing the design;
// the outputs are committed so packaging needs nothing but this repo.
import { deflateSync } from 'node:zlib'
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const OUT = resolve(import.meta.dirname, '..', 'resources')
const BLUE = [21, 101, 192]
const WHITE = [255, 255, 255]
const INK = [18, 38, 64]

// --- the design, in unit coordinates ---------------------------------------------------------------

function inRoundedRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false
  const cx = Math.min(Math.max(x, x0 + r), x1 - r)
  const cy = Math.min(Math.max(y, y0 + r), y1 - r)
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
}

const GRID = 13
const CARD = [0.17, 0.83]
const CODE = [0.24, 0.76]
// Data modules outside the three finder patterns: a fixed pattern, so the icon never changes by accident.
const DATA = [
  '.............',
  '.............',
  '.............',
  '.............',
  '.............',
  '......#.#....',
  '.....##..#.#.',
  '......#.##.#.',
  '.......#...##',
  '.......#.#.#.',
  '......##..##.',
  '......#.##..#',
  '.......#.#.##'
]

function finder(col, row) {
  // 5x5 finder at three corners: dark ring, light ring, dark centre.
  for (const [c0, r0] of [
    [0, 0],
    [GRID - 5, 0],
    [0, GRID - 5]
  ]) {
    const c = col - c0
    const r = row - r0
    if (c >= 0 && c < 5 && r >= 0 && r < 5) {
      const ring = Math.min(c, r, 4 - c, 4 - r)
      return ring === 1 ? 'light' : 'dark'
    }
  }
  return undefined
}

function colorAt(x, y) {
  if (!inRoundedRect(x, y, 0, 0, 1, 1, 0.19)) return null
  if (!inRoundedRect(x, y, CARD[0], CARD[0], CARD[1], CARD[1], 0.05)) return BLUE
  const size = (CODE[1] - CODE[0]) / GRID
  const col = Math.floor((x - CODE[0]) / size)
  const row = Math.floor((y - CODE[0]) / size)
  if (col < 0 || row < 0 || col >= GRID || row >= GRID) return WHITE
  const f = finder(col, row)
  if (f) return f === 'dark' ? INK : WHITE
  return DATA[row][col] === '#' ? INK : WHITE
}

/** RGBA pixels for a size x size icon, 4x4 supersampled so the rounded corners are smooth. */
function render(size) {
  const px = Buffer.alloc(size * size * 4)
  const S = 4
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0
      let g = 0
      let b = 0
      let a = 0
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const c = colorAt((x + (sx + 0.5) / S) / size, (y + (sy + 0.5) / S) / size)
          if (!c) continue
          r += c[0]
          g += c[1]
          b += c[2]
          a++
        }
      }
      const i = (y * size + x) * 4
      if (a > 0) {
        px[i] = Math.round(r / a)
        px[i + 1] = Math.round(g / a)
        px[i + 2] = Math.round(b / a)
      }
      px[i + 3] = Math.round((a / (S * S)) * 255)
    }
  }
  return px
}

// --- encoders ------------------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(buf) {
  let c = 0xffffffff
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

export function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1))
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0))
  ])
}

function encodeIco(pngs) {
  const header = Buffer.alloc(6)
  header.writeUInt16LE(1, 2) // type: icon
  header.writeUInt16LE(pngs.length, 4)
  let offset = 6 + 16 * pngs.length
  const entries = pngs.map(([size, png]) => {
    const e = Buffer.alloc(16)
    e[0] = size >= 256 ? 0 : size // 0 means 256
    e[1] = size >= 256 ? 0 : size
    e.writeUInt16LE(1, 4) // planes
    e.writeUInt16LE(32, 6) // bits per pixel
    e.writeUInt32LE(png.length, 8)
    e.writeUInt32LE(offset, 12)
    offset += png.length
    return e
  })
  return Buffer.concat([header, ...entries, ...pngs.map(([, png]) => png)])
}

// PNG-compressed icns element types by pixel size (ic07..ic10; ic10 is 512@2x).
const ICNS_TYPES = { 32: 'ic11', 64: 'ic12', 128: 'ic07', 256: 'ic08', 512: 'ic09', 1024: 'ic10' }

function encodeIcns(pngs) {
  const elements = pngs.map(([size, png]) => {
    const head = Buffer.alloc(8)
    head.write(ICNS_TYPES[size], 0, 'ascii')
    head.writeUInt32BE(png.length + 8, 4)
    return Buffer.concat([head, png])
  })
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'ascii')
  head.writeUInt32BE(8 + elements.reduce((n, e) => n + e.length, 0), 4)
  return Buffer.concat([head, ...elements])
}

const pngCache = new Map()
const png = (size) => {
  if (!pngCache.has(size)) pngCache.set(size, encodePng(size, render(size)))
  return pngCache.get(size)
}

writeFileSync(join(OUT, 'icon.png'), png(512))
writeFileSync(join(OUT, 'icon.ico'), encodeIco([16, 24, 32, 48, 64, 128, 256].map((s) => [s, png(s)])))
writeFileSync(join(OUT, 'icon.icns'), encodeIcns([32, 64, 128, 256, 512, 1024].map((s) => [s, png(s)])))
console.log(`wrote icon.png, icon.ico, icon.icns to ${OUT}`)
