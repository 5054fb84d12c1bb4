import { describe, expect, it } from 'vitest'
import { chooseCustomerDisplay, samePlacement, WINDOWED_SIZE, type DisplayInfo } from '../../main/display-placement'

function display(id: number, x: number, width = 1920, height = 1080): DisplayInfo {
  return { id, bounds: { x, y: 0, width, height }, workArea: { x, y: 0, width, height: height - 40 } }
}

const primary = display(1, 0)
const second = display(2, 1920, 1024, 768)
const third = display(3, -1280, 1280, 1024)

describe('chooseCustomerDisplay', () => {
  it('goes full screen on the second display when there is one', () => {
    expect(chooseCustomerDisplay({ displays: [primary, second], primaryId: 1, cashierDisplayId: 1 })).toEqual({
      displayId: 2,
      fullScreen: true,
      bounds: second.bounds
    })
  })

  it('lists order does not matter: the primary is never picked while another display exists', () => {
    expect(chooseCustomerDisplay({ displays: [second, primary], primaryId: 1 })?.displayId).toBe(2)
  })

  it('avoids the cashier display even when the cashier window sits on a non-primary display', () => {
    const p = chooseCustomerDisplay({ displays: [primary, second], primaryId: 1, cashierDisplayId: 2 })
    expect(p).toEqual({ displayId: 1, fullScreen: true, bounds: primary.bounds })
  })

  it('prefers the display chosen in settings when connected and not the cashier one', () => {
    const displays = [primary, second, third]
    expect(chooseCustomerDisplay({ displays, primaryId: 1, cashierDisplayId: 1, preferredId: 3 })?.displayId).toBe(3)
    // preference is the cashier's display: ignored
    expect(chooseCustomerDisplay({ displays, primaryId: 1, cashierDisplayId: 3, preferredId: 3 })?.displayId).toBe(2)
    // preference not connected: falls back
    expect(chooseCustomerDisplay({ displays, primaryId: 1, cashierDisplayId: 1, preferredId: 99 })?.displayId).toBe(2)
  })

  it('is windowed on the primary, inside its work area, with a single display', () => {
    const p = chooseCustomerDisplay({ displays: [primary], primaryId: 1, cashierDisplayId: 1 })!
    expect(p.fullScreen).toBe(false)
    expect(p.displayId).toBe(1)
    expect(p.bounds.width).toBe(WINDOWED_SIZE.width)
    expect(p.bounds.height).toBe(WINDOWED_SIZE.height)
    const wa = primary.workArea
    expect(p.bounds.x).toBeGreaterThanOrEqual(wa.x)
    expect(p.bounds.y).toBeGreaterThanOrEqual(wa.y)
    expect(p.bounds.x + p.bounds.width).toBeLessThanOrEqual(wa.x + wa.width)
    expect(p.bounds.y + p.bounds.height).toBeLessThanOrEqual(wa.y + wa.height)
  })

  it('shrinks the window to fit a small single display', () => {
    const tiny = display(7, 0, 640, 480)
    const p = chooseCustomerDisplay({ displays: [tiny], primaryId: 7 })!
    expect(p.bounds.width).toBeLessThanOrEqual(640)
    expect(p.bounds.height).toBeLessThanOrEqual(440)
  })

  it('copes with a primary id that is not in the list (display just removed)', () => {
    const p = chooseCustomerDisplay({ displays: [second], primaryId: 1, cashierDisplayId: 2 })!
    expect(p).toMatchObject({ displayId: 2, fullScreen: false })
  })

  it('returns nothing when no display is reported', () => {
    expect(chooseCustomerDisplay({ displays: [], primaryId: 1 })).toBeUndefined()
  })

  it('follows a display being added, then removed', () => {
    const before = chooseCustomerDisplay({ displays: [primary], primaryId: 1, cashierDisplayId: 1 })
    const added = chooseCustomerDisplay({ displays: [primary, second], primaryId: 1, cashierDisplayId: 1 })
    const removed = chooseCustomerDisplay({ displays: [primary], primaryId: 1, cashierDisplayId: 1 })
    expect(samePlacement(before, added)).toBe(false)
    expect(added?.fullScreen).toBe(true)
    expect(samePlacement(before, removed)).toBe(true)
  })
})

describe('samePlacement', () => {
  it('compares display, mode and bounds', () => {
    const a = chooseCustomerDisplay({ displays: [primary, second], primaryId: 1 })
    expect(samePlacement(a, { ...a!, bounds: { ...a!.bounds } })).toBe(true)
    expect(samePlacement(a, { ...a!, fullScreen: false })).toBe(false)
    expect(samePlacement(a, { ...a!, bounds: { ...a!.bounds, width: 1 } })).toBe(false)
    expect(samePlacement(undefined, undefined)).toBe(true)
    expect(samePlacement(a, undefined)).toBe(false)
  })
})
