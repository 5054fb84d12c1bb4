/**
 * Fake-camera clips for Chromium's `--use-file-for-fake-video-capture`, written in plain JS (no ffmpeg):
 * RGBA frames -> I420 with BT.601 limited-range integer maths -> Y4M (docs/scanning.md §4.2-4.3).
 * Chromium loops the file, so one frame is a still camera. Plus frames showing a wallet code as a QR
 * (qrcode's module matrix) or a Code 128 (bwip-js's bar widths), centred on a light counter.
 */
import { writeFileSync } from 'node:fs'
import QRCode from 'qrcode'
import bwipjs from 'bwip-js/node'

/** An RGBA picture, 4 bytes a pixel, row by row. */
export interface RgbaImage {
  width: number
  height: number
  data: Uint8Array
}

/** A frame filled with one grey level (235 = a light counter top, not paper white). */
export function blankFrame(width = 640, height = 480, grey = 235): RgbaImage {
  if (width % 2 || height % 2) throw new Error(`Y4M 4:2:0 needs an even width and height, got ${width}x${height}.`)
  const data = new Uint8Array(width * height * 4)
  for (let i = 0; i < data.length; i += 4) {
    data[i] = data[i + 1] = data[i + 2] = grey
    data[i + 3] = 255
  }
  return { width, height, data }
}

/** Paints a grey rectangle (clipped to the frame). */
export function fillRect(img: RgbaImage, x: number, y: number, w: number, h: number, grey: number): void {
  for (let row = Math.max(0, y); row < Math.min(img.height, y + h); row++) {
    for (let col = Math.max(0, x); col < Math.min(img.width, x + w); col++) {
      const i = (row * img.width + col) * 4
      img.data[i] = img.data[i + 1] = img.data[i + 2] = grey
    }
  }
}

/** A copy of a frame (to add a marker to one variant only). */
export function cloneFrame(img: RgbaImage): RgbaImage {
  return { width: img.width, height: img.height, data: img.data.slice() }
}

/** RGBA -> planar I420 (Y, then U and V at half resolution), BT.601 limited range, as libyuv does it. */
export function rgbaToI420(img: RgbaImage): Uint8Array {
  const { width: w, height: h, data } = img
  if (w % 2 || h % 2) throw new Error(`Y4M 4:2:0 needs an even width and height, got ${w}x${h}.`)
  const out = new Uint8Array(w * h * 1.5)
  const uOff = w * h
  const vOff = uOff + (w / 2) * (h / 2)
  for (let i = 0, p = 0; p < w * h; p++, i += 4) {
    out[p] = ((66 * data[i]! + 129 * data[i + 1]! + 25 * data[i + 2]! + 128) >> 8) + 16
  }
  for (let y = 0; y < h; y += 2) {
    for (let x = 0; x < w; x += 2) {
      let r = 0
      let g = 0
      let b = 0
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1]
      ] as const) {
        const i = ((y + dy) * w + x + dx) * 4
        r += data[i]!
        g += data[i + 1]!
        b += data[i + 2]!
      }
      r = (r + 2) >> 2
      g = (g + 2) >> 2
      b = (b + 2) >> 2
      const c = (y / 2) * (w / 2) + x / 2
      out[uOff + c] = ((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128
      out[vOff + c] = ((112 * r - 94 * g - 18 * b + 128) >> 8) + 128
    }
  }
  return out
}

/** The Y4M bytes of `frames` (all the same size) at an integer frame rate. */
export function encodeY4m(frames: RgbaImage[], fps = 30): Buffer {
  const first = frames[0]
  if (!first) throw new Error('A Y4M clip needs at least one frame.')
  if (!Number.isInteger(fps) || fps < 1) throw new Error(`Chromium reads the frame rate as an integer; got ${fps}.`)
  const header = Buffer.from(`YUV4MPEG2 W${first.width} H${first.height} F${fps}:1 Ip A1:1 C420jpeg\n`, 'ascii')
  const frameTag = Buffer.from('FRAME\n', 'ascii')
  const parts: Buffer[] = [header]
  for (const f of frames) {
    if (f.width !== first.width || f.height !== first.height)
      throw new Error('All frames of a Y4M clip must be the same size.')
    parts.push(frameTag, Buffer.from(rgbaToI420(f)))
  }
  return Buffer.concat(parts)
}

/** Writes a clip and returns its path (Chromium wants an absolute path ending in .y4m). */
export function writeY4m(path: string, frames: RgbaImage[], fps = 30): string {
  if (!path.toLowerCase().endsWith('.y4m'))
    throw new Error(`Chromium picks the parser by extension: ${path} must end in .y4m`)
  writeFileSync(path, encodeY4m(frames, fps))
  return path
}

export interface CodeFrameOptions {
  width?: number
  height?: number
  /** Pixels per module (QR) or per narrowest bar (Code 128). */
  moduleSize?: number
  background?: number
  ink?: number
}

/** A frame with `text` as a QR (error correction M, 4-module quiet zone) in the middle. */
export function qrFrame(text: string, o: CodeFrameOptions = {}): RgbaImage {
  const img = blankFrame(o.width, o.height, o.background)
  const m = o.moduleSize ?? 6
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const n = qr.modules.size
  const side = (n + 8) * m
  if (side > img.width || side > img.height)
    throw new Error(`A ${n}x${n} QR at ${m} px/module does not fit ${img.width}x${img.height}.`)
  const x0 = Math.floor((img.width - n * m) / 2)
  const y0 = Math.floor((img.height - n * m) / 2)
  fillRect(img, x0 - 4 * m, y0 - 4 * m, side, side, 255)
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) fillRect(img, x0 + c * m, y0 + r * m, m, m, o.ink ?? 0)
  }
  return img
}

/** A frame with `text` as a Code 128 (10-module quiet zones) in the middle; `barHeight` in pixels. */
export function code128Frame(text: string, o: CodeFrameOptions & { barHeight?: number } = {}): RgbaImage {
  const img = blankFrame(o.width, o.height, o.background)
  const m = o.moduleSize ?? 3
  const [symbol] = bwipjs.raw({ bcid: 'code128', text }) as unknown as { sbs: number[] }[]
  if (!symbol) throw new Error(`bwip-js could not encode ${text} as Code 128.`)
  const modules = symbol.sbs.reduce((a, b) => a + b, 0)
  const width = (modules + 20) * m
  const barHeight = o.barHeight ?? 120
  if (width > img.width) throw new Error(`Code 128 of ${modules} modules at ${m} px does not fit ${img.width} px.`)
  const x0 = Math.floor((img.width - modules * m) / 2)
  const y0 = Math.floor((img.height - barHeight) / 2)
  fillRect(img, x0 - 10 * m, y0 - 2 * m, width, barHeight + 4 * m, 255)
  let x = x0
  symbol.sbs.forEach((w, i) => {
    if (i % 2 === 0) fillRect(img, x, y0, w * m, barHeight, o.ink ?? 0)
    x += w * m
  })
  return img
}
