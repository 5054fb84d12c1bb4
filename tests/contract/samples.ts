import type { Channel, In } from '../../preload/contract'

/**
 * At least one valid input per channel. `satisfies` makes this fail to compile when a channel is added
 * without a sample, so the router property tests always cover every channel.
 */
export const VALID_SAMPLES = {
  'app:info': [undefined],
  'app:ping': [{ note: 'hello' }, { note: '' }]
} satisfies { [C in Channel]: In<C>[] }
