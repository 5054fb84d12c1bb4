import { describe, expect, it } from 'vitest'
import { MIN_SCAN_BOX_PX, SCAN_CONFIG, classifyCameraError, createRepeatFilter, scanBox } from './camera-config'

const domError = (name: string, message = '') => Object.assign(new Error(message), { name })

describe('classifyCameraError', () => {
  it('reads the DOMException name that getCameras() rejects with', () => {
    expect(classifyCameraError(domError('NotAllowedError', 'Permission denied'))).toBe('denied')
    expect(classifyCameraError(domError('NotReadableError', 'Could not start video source'))).toBe('busy')
    expect(classifyCameraError(domError('NotFoundError', 'Requested device not found'))).toBe('missing')
    expect(classifyCameraError(domError('OverconstrainedError'))).toBe('missing')
  })

  it('reads the strings that start() rejects with', () => {
    expect(classifyCameraError('Error getting userMedia, error = NotAllowedError: Permission denied')).toBe('denied')
    expect(classifyCameraError('Error getting userMedia, error = NotReadableError: Could not start video source')).toBe(
      'busy'
    )
    expect(classifyCameraError('Error getting userMedia, error = NotFoundError: Requested device not found')).toBe(
      'missing'
    )
    expect(classifyCameraError('Camera access is only supported in secure context like https or localhost.')).toBe(
      'insecure'
    )
    expect(classifyCameraError('Camera streaming not supported by the browser.')).toBe('insecure')
  })

  it('anything else is unknown', () => {
    expect(classifyCameraError(undefined)).toBe('unknown')
    expect(classifyCameraError(new Error('boom'))).toBe('unknown')
  })
})

describe('createRepeatFilter', () => {
  it('drops the same text within the window (sliding while it keeps being read), passes others', () => {
    const isRepeat = createRepeatFilter(2500)
    expect(isRepeat('a', 0)).toBe(false)
    expect(isRepeat('a', 2000)).toBe(true)
    expect(isRepeat('a', 4000)).toBe(true)
    expect(isRepeat('b', 4100)).toBe(false)
    expect(isRepeat('a', 4200)).toBe(false)
    expect(isRepeat('a', 7000)).toBe(false)
  })
})

describe('scanBox (the qrbox function)', () => {
  it('is 90% x 60% of the viewfinder, in whole pixels', () => {
    expect(scanBox(640, 480)).toEqual({ width: 576, height: 288 })
    expect(scanBox(333, 251)).toEqual({ width: 299, height: 150 })
    expect(SCAN_CONFIG.qrbox).toBe(scanBox)
  })

  it("never goes under html5-qrcode's 50-px minimum: a hidden or removed viewfinder measures 0", () => {
    expect(MIN_SCAN_BOX_PX).toBe(50)
    expect(scanBox(0, 0)).toEqual({ width: 50, height: 50 })
    expect(scanBox(40, 500)).toEqual({ width: 50, height: 300 })
    expect(scanBox(640, 60)).toEqual({ width: 576, height: 50 })
    expect(scanBox(Number.NaN, Number.POSITIVE_INFINITY)).toEqual({ width: 50, height: 50 })
  })
})
