import { z } from 'zod'

const Money = { totalMinor: z.number().int().nonnegative(), currency: z.string().length(3) }

/** What the customer display shows. Main decides; the display only renders it. */
export const DisplayState = z.discriminatedUnion('screen', [
  z.strictObject({ screen: z.literal('idle') }),
  z.strictObject({
    screen: z.literal('cart'),
    lines: z.array(
      z.strictObject({
        name: z.string(),
        quantity: z.number().int().positive(),
        unitPriceMinor: z.number().int().nonnegative(),
        totalMinor: z.number().int().nonnegative()
      })
    ),
    itemCount: z.number().int().nonnegative(),
    discountMinor: z.number().int().nonnegative(),
    taxMinor: z.number().int().nonnegative(),
    ...Money
  }),
  /** "Present your payment code". */
  z.strictObject({ screen: z.literal('present_code'), ...Money }),
  /** "Confirm in your wallet app". */
  z.strictObject({ screen: z.literal('confirm_in_wallet'), ...Money }),
  /** "Approved, thank you" (about 5 s, then idle). */
  z.strictObject({ screen: z.literal('approved'), ...Money }),
  /** "Declined" with the reason; the cashier may scan a new code. */
  z.strictObject({ screen: z.literal('declined'), reason: z.string().nullable(), ...Money })
])

export const displayChannels = {
  /**
   * Opens the customer display window again after someone closed it (Electron). `open` says whether a
   * display window is open now: false when Settings say "none", or in the browser harness (there the
   * display is a page of its own).
   */
  'display:reopen': { input: z.undefined(), output: z.strictObject({ open: z.boolean() }) }
}

export const displayEvents = {
  'display:changed': DisplayState
}
