import { describe, expect, it } from 'vitest'
import { pockytFromEnv } from '../../main/core/settings/pockyt-env'

const all = {
  POCKYT_BASE_URL: 'https://mapi.yuansferdev.com',
  POCKYT_MERCHANT_NO: '200043',
  POCKYT_STORE_NO: '300014',
  POCKYT_TOKEN: 'secret'
}

describe('pockytFromEnv', () => {
  it('none set: training (undefined)', () => {
    expect(pockytFromEnv({})).toBeUndefined()
    expect(pockytFromEnv({ POCKYT_TOKEN: '' })).toBeUndefined()
  })

  it('all four set: live settings', () => {
    expect(pockytFromEnv(all)).toEqual({
      baseUrl: all.POCKYT_BASE_URL,
      merchantNo: '200043',
      storeNo: '300014',
      token: 'secret'
    })
  })

  it('some set: an error naming what is missing, never half-live', () => {
    const { POCKYT_TOKEN: _t, POCKYT_STORE_NO: _s, ...partial } = all
    expect(() => pockytFromEnv(partial)).toThrow(/missing: POCKYT_STORE_NO, POCKYT_TOKEN/)
  })
})
