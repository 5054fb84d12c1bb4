/**
 * The scan feature's public face for the sale screen and payment UI: the panel, the window-wide wedge
 * listener (use it once, high in the tree, and pass `:wedge="false"` to the panel), and the parts tests need.
 */
export { default as ScanPanel } from './ScanPanel.vue'
export { default as CameraScanner } from './CameraScanner.vue'
export { default as ManualEntry } from './ManualEntry.vue'
export { useWedgeScanner, type WedgeScanner, type WedgeScannerOptions } from './use-wedge-scanner'
export { createWedgeDetector, type KeyRecord, type WedgeStep } from './wedge-detector'

/** Where a payment code came from. */
export type ScanSource = 'camera' | 'wedge' | 'manual'
