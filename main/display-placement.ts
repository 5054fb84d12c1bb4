/**
 * Where the customer display window goes. Pure (no `electron`), so every monitor layout is unit-tested;
 * main/windows.ts feeds it `screen.getAllDisplays()` and applies the answer.
 */

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** The part of Electron's `Display` this decision needs. */
export interface DisplayInfo {
  id: number
  bounds: Rect
  workArea: Rect
}

export interface PlacementInput {
  displays: readonly DisplayInfo[]
  primaryId: number
  /** The display the cashier window is on: the customer screen must not cover it. */
  cashierDisplayId?: number
  /** A display the shop picked in settings (another engineer's settings store); used when it is connected. */
  preferredId?: number
}

export interface Placement {
  displayId: number
  /** Full screen on a display of its own, or a normal window beside the cashier's when there is no second one. */
  fullScreen: boolean
  bounds: Rect
}

/** Size of the windowed customer display when it has to share the cashier's monitor. */
export const WINDOWED_SIZE = { width: 800, height: 600 } as const

function windowedOn(display: DisplayInfo): Rect {
  const area = display.workArea
  const width = Math.min(WINDOWED_SIZE.width, area.width)
  const height = Math.min(WINDOWED_SIZE.height, area.height)
  // Bottom-right corner of the work area: out of the way of the cashier window, which opens centred.
  return { x: area.x + area.width - width, y: area.y + area.height - height, width, height }
}

/**
 * Picks the customer display: the preferred display if connected and not the cashier's; else the first
 * display that is neither the cashier's nor the primary; else any display but the cashier's; each full
 * screen. With a single display (or none reported) the window is windowed on the primary.
 */
export function chooseCustomerDisplay(input: PlacementInput): Placement | undefined {
  const { displays, primaryId } = input
  if (displays.length === 0) return undefined
  const cashierId = input.cashierDisplayId ?? primaryId
  const others = displays.filter((d) => d.id !== cashierId)
  const chosen = others.find((d) => d.id === input.preferredId) ?? others.find((d) => d.id !== primaryId) ?? others[0]
  if (chosen) return { displayId: chosen.id, fullScreen: true, bounds: { ...chosen.bounds } }
  const host = displays.find((d) => d.id === primaryId) ?? displays[0]!
  return { displayId: host.id, fullScreen: false, bounds: windowedOn(host) }
}

/** Two placements are the same move (nothing to do when a display change does not affect us). */
export function samePlacement(a: Placement | undefined, b: Placement | undefined): boolean {
  if (!a || !b) return a === b
  return (
    a.displayId === b.displayId &&
    a.fullScreen === b.fullScreen &&
    a.bounds.x === b.bounds.x &&
    a.bounds.y === b.bounds.y &&
    a.bounds.width === b.bounds.width &&
    a.bounds.height === b.bounds.height
  )
}
