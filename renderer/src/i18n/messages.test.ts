import { describe, expect, it } from 'vitest'
import { en, zhCN } from './messages'

/** Every leaf key path of a message tree. */
function leaves(tree: unknown, prefix = ''): string[] {
  if (typeof tree === 'string') return [prefix]
  return Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k))
}

/** The {placeholders} a message uses. */
const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('messages', () => {
  it('English and Simplified Chinese have exactly the same keys', () => {
    expect(leaves(zhCN).sort()).toEqual(leaves(en).sort())
  })

  it('every Chinese message is translated (not empty, not the English text) and keeps the same placeholders', () => {
    const get = (tree: unknown, path: string) =>
      path.split('.').reduce((t, k) => (t as Record<string, unknown>)[k], tree) as string
    for (const key of leaves(en)) {
      const e = get(en, key)
      const z = get(zhCN, key)
      expect(z, key).not.toBe('')
      expect(params(z), key).toEqual(params(e))
      if (/[a-z]{4,}/i.test(e) && !/^(QRC POS|TRAINING)$/.test(e)) expect(z, `${key} looks untranslated`).not.toBe(e)
    }
  })
})
