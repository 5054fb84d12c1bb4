/**
 * The customer display window over its life: which monitor the shop chose in Settings
 * (`customerDisplay`: none, automatic, or a display id), applied at start and on every
 * `settings:changed`; and a window someone closed comes back on the next monitor change or settings
 * change (unless the choice is "none"). Placement itself is display-placement.ts (pure) and windows.ts.
 */
import { screen, type BrowserWindow } from 'electron'
import type { EventPayload } from '../preload/contract'
import type { EventBus } from './core/events'
import { applyPlacement, createDisplayWindow, currentPlacement, type WindowContext } from './windows'

/** Settings' `customerDisplay` (preload/contract/schemas/settings.ts). */
export type CustomerDisplayChoice = { kind: 'none' } | { kind: 'auto' } | { kind: 'display'; displayId: number }

export interface CustomerDisplay {
  /** The open display window, if any. */
  window(): BrowserWindow | undefined
  choice(): CustomerDisplayChoice
  /** Applies a choice: "none" closes the window; otherwise it is opened, or moved where it now belongs. */
  setChoice(next: CustomerDisplayChoice): void
  /** Opens the window again if it was closed and the choice wants one. Returns whether one is open. */
  reopen(): boolean
  /** Stops following monitors and settings (quit). */
  dispose(): void
}

type SettingsChanged = EventPayload<'settings:changed'>

const sameChoice = (a: CustomerDisplayChoice, b: CustomerDisplayChoice) => JSON.stringify(a) === JSON.stringify(b)

/** The last `customerDisplay` the settings service announced (it publishes at start), else automatic. */
export function choiceFromEvents(events: EventBus): CustomerDisplayChoice {
  const last = events.latest().find((e) => e.name === 'settings:changed')
  return last ? (last.payload as SettingsChanged).settings.customerDisplay : { kind: 'auto' }
}

export function createCustomerDisplay(
  ctx: WindowContext,
  cashier: BrowserWindow,
  options: { initial: CustomerDisplayChoice; events?: EventBus }
): CustomerDisplay {
  let choice = options.initial
  let win: BrowserWindow | undefined
  let disposed = false
  const log = ctx.log ?? (() => {})
  const displayCtx: WindowContext = {
    ...ctx,
    preferredDisplayId: () => (choice.kind === 'display' ? choice.displayId : undefined)
  }
  const isOpen = () => !!win && !win.isDestroyed()

  const open = () => {
    const opened = createDisplayWindow(displayCtx, cashier)
    win = opened
    opened.once('closed', () => {
      if (win === opened) win = undefined
      if (!disposed) log('info', 'customer display window closed')
    })
  }

  function reopen(): boolean {
    if (disposed || choice.kind === 'none' || cashier.isDestroyed()) return isOpen()
    if (!isOpen()) {
      log('info', 'customer display window opened again')
      open()
    }
    return true
  }

  function setChoice(next: CustomerDisplayChoice): void {
    const changed = !sameChoice(choice, next)
    choice = next
    if (disposed) return
    if (next.kind === 'none') {
      if (isOpen()) win!.close()
      return
    }
    if (!isOpen()) return void reopen()
    if (!changed) return
    const placement = currentPlacement(displayCtx, cashier)
    if (placement) {
      log('info', 'customer display moved (settings)', { displayId: placement.displayId })
      applyPlacement(win!, placement)
    }
  }

  // A closed window comes back when a monitor is plugged in, removed or rearranged.
  const onScreen = () => void reopen()
  screen.on('display-added', onScreen)
  screen.on('display-removed', onScreen)
  screen.on('display-metrics-changed', onScreen)
  const unsubscribe = options.events?.subscribe((e) => {
    if (e.name === 'settings:changed') setChoice((e.payload as SettingsChanged).settings.customerDisplay)
  })

  if (choice.kind !== 'none') open()

  return {
    window: () => (isOpen() ? win : undefined),
    choice: () => choice,
    setChoice,
    reopen,
    dispose() {
      disposed = true
      unsubscribe?.()
      screen.removeListener('display-added', onScreen)
      screen.removeListener('display-removed', onScreen)
      screen.removeListener('display-metrics-changed', onScreen)
    }
  }
}
