import type { CDPSession } from 'playwright-core'

/** What a US-HID scanner's digit keys print on a French AZERTY layout. */
export const AZERTY: Record<string, string> = {
  '1': '&',
  '2': 'é',
  '3': '"',
  '4': "'",
  '5': '(',
  '6': '-',
  '7': 'è',
  '8': '_',
  '9': 'ç',
  '0': 'à'
}

/**
 * Types `digits` then Enter as a USB scanner on an AZERTY layout would: trusted key events (CDP) whose
 * `key` is the AZERTY symbol and whose `code` is the physical digit key. `gapMs` between keys.
 */
export async function typeAzertyScan(cdp: CDPSession, digits: string, gapMs = 0): Promise<void> {
  const send = async (params: Record<string, unknown>) => {
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...params })
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...params, text: undefined })
  }
  for (const d of digits) {
    const key = AZERTY[d]!
    await send({ key, code: `Digit${d}`, text: key, unmodifiedText: key, windowsVirtualKeyCode: 48 + Number(d) })
    if (gapMs) await new Promise((r) => setTimeout(r, gapMs))
  }
  await send({ key: 'Enter', code: 'Enter', text: '\r', windowsVirtualKeyCode: 13 })
}
