import { describe, expect, it } from 'vitest'
import QRCode from 'qrcode'
import { blankFrame, code128Frame, encodeY4m, fillRect, qrFrame, rgbaToI420 } from '../../e2e/support/y4m'

const HEADER = 'YUV4MPEG2 W640 H480 F30:1 Ip A1:1 C420jpeg\n'

describe('Y4M writer (fake camera clips)', () => {
  it('writes the header Chromium reads, then FRAME + I420 per frame', () => {
    const frames = [blankFrame(), blankFrame(640, 480, 0)]
    const y4m = encodeY4m(frames)
    const frameBytes = 640 * 480 * 1.5
    expect(y4m.subarray(0, HEADER.length).toString('ascii')).toBe(HEADER)
    expect(y4m.length).toBe(HEADER.length + 2 * (6 + frameBytes))
    expect(y4m.subarray(HEADER.length, HEADER.length + 6).toString('ascii')).toBe('FRAME\n')
    // Chromium finds FRAME within its first 200 bytes.
    expect(y4m.subarray(0, 200).toString('latin1')).toContain('FRAME')
    expect(
      encodeY4m([blankFrame(2, 2)], 15)
        .subarray(0, 40)
        .toString('ascii')
    ).toContain(' F15:1 ')
  })

  it('uses BT.601 limited range: black 16, white 235, neutral chroma 128, red as libyuv', () => {
    const img = blankFrame(4, 2, 0)
    fillRect(img, 2, 0, 2, 2, 255)
    const yuv = rgbaToI420(img)
    expect([...yuv.subarray(0, 8)]).toEqual([16, 16, 235, 235, 16, 16, 235, 235])
    expect([...yuv.subarray(8)]).toEqual([128, 128, 128, 128])
    const red = blankFrame(2, 2, 0)
    for (let i = 0; i < 16; i += 4) red.data[i] = 255
    expect([...rgbaToI420(red)]).toEqual([82, 82, 82, 82, 90, 240])
  })

  it('refuses odd sizes, mixed sizes and fractional frame rates with a clear error', () => {
    expect(() => blankFrame(641, 480)).toThrow(/even width and height/)
    expect(() => encodeY4m([blankFrame(), blankFrame(320, 240)])).toThrow(/same size/)
    expect(() => encodeY4m([blankFrame()], 29.97)).toThrow(/integer/)
  })

  it('draws the QR module matrix centred, 6 px a module, dark on a white quiet zone', () => {
    const text = '286498530672949108'
    const img = qrFrame(text)
    const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
    const n = qr.modules.size
    const x0 = Math.floor((640 - n * 6) / 2)
    const y0 = Math.floor((480 - n * 6) / 2)
    const px = (x: number, y: number) => img.data[(y * 640 + x) * 4]
    for (const [r, c] of [
      [0, 0],
      [3, 3],
      [n - 1, 0],
      [10, 8]
    ] as const) {
      expect(px(x0 + c * 6 + 3, y0 + r * 6 + 3), `module ${r},${c}`).toBe(qr.modules.get(r, c) ? 0 : 255)
    }
    expect(px(x0 - 3, y0 - 3)).toBe(255)
    expect(px(5, 5)).toBe(235)
  })

  it('draws a Code 128 with bars and spaces alternating, starting with a bar', () => {
    const img = code128Frame('286498530672949108', { moduleSize: 3, barHeight: 100 })
    const row = 240
    const line = Array.from({ length: 640 }, (_, x) => img.data[(row * 640 + x) * 4])
    const first = line.indexOf(0)
    const last = line.lastIndexOf(0)
    // Start code C is 2 1 1 2 3 2 (bar first); the stop pattern ends with a 2-module bar.
    expect(line.slice(first, first + 6).every((v) => v === 0)).toBe(true)
    expect(line[first + 6]).toBe(255)
    expect(line.slice(last - 5, last + 1).every((v) => v === 0)).toBe(true)
    expect(line[first - 1]).toBe(255)
    expect(line[2]).toBe(235)
  })
})
