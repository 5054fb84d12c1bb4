import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createSettingsStore,
  DEFAULT_SETTINGS,
  resolveBaseUrl,
  SETTINGS_FILE_NAME
} from '../../main/core/settings/store'
import { Settings, type SettingsField } from '../../preload/contract/schemas/settings'
import { PosError } from '../../main/core/errors'
import type { Clock } from '../../main/core/clock'

const clock: Clock = { now: () => 1_764_000_000_000, sleep: async () => {} }
let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qrc-settings-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='

/** Good and bad values for every field; a bad value must be refused with a message on that field. */
const CASES: { [K in SettingsField]: { good: unknown[]; bad: unknown[] } } = {
  storeName: { good: ['Corner Shop', '  Trimmed  ', '店铺'], bad: ['', '   ', 'x'.repeat(61), 42, null] },
  storeAddress: { good: ['', '1 Main St\nSpringfield'], bad: ['a\nb\nc\nd\ne', 'x'.repeat(201), 7] },
  storeLogo: {
    good: [null, PNG, 'data:image/jpeg;base64,AAAA'],
    bad: [
      'data:image/svg+xml;base64,PHN2Zz4=',
      'data:text/html;base64,AAAA',
      '../etc/passwd',
      'logo.gif',
      `data:image/png;base64,${'A'.repeat(200_001)}`,
      'missing.png'
    ]
  },
  currency: { good: ['USD', 'GBP', 'KRW'], bad: ['usd', 'EUR', '', null] },
  taxRates: {
    good: [
      [],
      [
        { id: 'std', name: 'Standard', rateBp: 825 },
        { id: 'zero', name: 'Zero', rateBp: 0 }
      ]
    ],
    bad: [
      [{ id: 'std', name: 'Standard', rateBp: 8.25 }],
      [{ id: 'std', name: 'Standard', rateBp: -1 }],
      [{ id: 'std', name: 'Standard', rateBp: 10_001 }],
      [{ id: 'std', name: '', rateBp: 100 }],
      [
        { id: 'a', name: 'A', rateBp: 1 },
        { id: 'a', name: 'B', rateBp: 2 }
      ],
      [{ id: 'bad id!', name: 'A', rateBp: 1 }],
      [{ id: 'a', name: 'A', rateBp: 1, extra: true }],
      'none'
    ]
  },
  paymentTimeoutSeconds: { good: [30, 60, 180], bad: [29, 181, 60.5, '60', null] },
  customerDisplay: {
    good: [{ kind: 'none' }, { kind: 'auto' }, { kind: 'display', displayId: 2 }],
    bad: [{ kind: 'display' }, { kind: 'display', displayId: -1 }, { kind: 'second' }, 'auto']
  },
  cashierLanguage: { good: ['en', 'zh-CN'], bad: ['fr', 'zh', ''] },
  displayLanguage: { good: ['en', 'zh-CN'], bad: ['de', null] },
  receiptPrinter: { good: [null, 'EPSON TM-T20III'], bad: ['', 'x'.repeat(201), 3] },
  cameraDeviceId: { good: [null, 'a1b2c3'], bad: ['', 'x'.repeat(201)] },
  pockytEnvironment: { good: ['production', 'sandbox', 'legacySandbox'], bad: ['prod', 'custom-url', ''] },
  pockytCustomUrl: { good: [null, 'https://example.com'], bad: [42] },
  merchantNo: { good: ['', '200043'], bad: ['20004a', '1'.repeat(21), 200043] },
  storeNo: { good: ['', '300014'], bad: ['300-014', ' '.repeat(0) + 'abc'] },
  storeAdminNo: { good: ['', '3000140001'], bad: ['admin'] },
  payPath: { good: ['/app-instore/v3/pay', '/app-instore/v3/prepay'], bad: ['/app-instore/v3/refund', 'pay'] }
}

function refused(fn: () => unknown): { message: string; fields: Record<string, string> } {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(PosError)
    const err = e as PosError
    expect(err.code).toBe('BAD_INPUT')
    return { message: err.message, fields: (err.details as { fields: Record<string, string> }).fields }
  }
  throw new Error('expected a refusal')
}

describe('settings store', () => {
  it('starts from valid defaults in training mode without writing a file', () => {
    const store = createSettingsStore({ dataDir: dir, clock })
    expect(Settings.safeParse(DEFAULT_SETTINGS).success).toBe(true)
    expect(store.state()).toMatchObject({ mode: 'training', connection: null, problem: null })
    expect(store.get().paymentTimeoutSeconds).toBe(60)
    expect(existsSync(join(dir, SETTINGS_FILE_NAME))).toBe(false)
  })

  for (const [field, { good, bad }] of Object.entries(CASES) as [
    SettingsField,
    { good: unknown[]; bad: unknown[] }
  ][]) {
    it(`${field}: accepts good values and persists them; refuses bad ones with a message and saves nothing`, () => {
      writeFileSync(join(dir, 'logo.png'), 'png')
      const store = createSettingsStore({ dataDir: dir, clock })
      for (const value of good) {
        store.update({ [field]: value })
        const reloaded = createSettingsStore({ dataDir: dir, clock }).get()
        expect(reloaded[field]).toEqual(
          typeof value === 'string' && field !== 'storeLogo' && field !== 'cameraDeviceId' ? value.trim() : value
        )
      }
      const file = join(dir, SETTINGS_FILE_NAME)
      const before = readFileSync(file, 'utf8')
      for (const value of bad) {
        // A good change to another field in the same patch must not be saved either.
        const other = field === 'storeName' ? 'storeAddress' : 'storeName'
        const { fields, message } = refused(() => store.update({ [other]: 'Should not be saved', [field]: value }))
        expect(fields[field], `${field}=${JSON.stringify(value)?.slice(0, 40)}`).toMatch(/\w{3,}/)
        expect(message).toContain('Nothing was saved')
        expect(readFileSync(file, 'utf8')).toBe(before)
        expect(store.get()[other]).not.toBe('Should not be saved')
      }
    })
  }

  it('a logo file name must exist in the data folder', () => {
    const store = createSettingsStore({ dataDir: dir, clock })
    expect(refused(() => store.update({ storeLogo: 'logo.png' })).fields.storeLogo).toMatch(/no file named logo\.png/)
    writeFileSync(join(dir, 'logo.png'), 'png')
    store.update({ storeLogo: 'logo.png' })
    expect(store.get().storeLogo).toBe('logo.png')
  })

  it('custom URL: https anywhere, http only on 127.0.0.1, required with the custom preset', () => {
    const store = createSettingsStore({ dataDir: dir, clock })
    for (const url of ['https://mapi.example.com', 'http://127.0.0.1:8123', 'https://10.0.0.1/pockyt']) {
      store.update({ pockytEnvironment: 'custom', pockytCustomUrl: url })
      expect(resolveBaseUrl(store.get())).toBe(url.replace(/\/$/, ''))
    }
    for (const url of [
      null,
      'http://example.com',
      'http://localhost:8123',
      'ftp://127.0.0.1',
      'not a url',
      'https://u:p@example.com',
      'https://example.com/?a=1'
    ]) {
      expect(
        refused(() => store.update({ pockytEnvironment: 'custom', pockytCustomUrl: url })).fields.pockytCustomUrl
      ).toBeTruthy()
    }
    store.update({ pockytEnvironment: 'production' })
    expect(resolveBaseUrl(store.get())).toBe('https://mapi.yuansfer.com')
  })

  it('refuses unknown settings', () => {
    const store = createSettingsStore({ dataDir: dir, clock })
    expect(refused(() => store.update({ token: 'x' } as never)).fields.patch).toMatch(/Unknown setting token/)
  })

  it('writes atomically: no temp files left, valid JSON on disk', () => {
    const store = createSettingsStore({ dataDir: dir, clock })
    for (let i = 0; i < 5; i++) store.update({ storeName: `Shop ${i}` })
    expect(readdirSync(dir)).toEqual([SETTINGS_FILE_NAME])
    expect(JSON.parse(readFileSync(join(dir, SETTINGS_FILE_NAME), 'utf8')).settings.storeName).toBe('Shop 4')
  })

  it('a corrupt file: defaults in memory, a clear problem, a kept copy, the original untouched until a save', () => {
    const file = join(dir, SETTINGS_FILE_NAME)
    writeFileSync(file, '{"format":1,"settings":{"storeName":')
    const store = createSettingsStore({ dataDir: dir, clock })
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    expect(store.state().problem).toMatch(/not valid JSON.*kept as .*settings\.corrupt-\d+\.json/)
    expect(readFileSync(file, 'utf8')).toBe('{"format":1,"settings":{"storeName":')
    const copy = readdirSync(dir).find((f) => f.startsWith('settings.corrupt-'))!
    expect(readFileSync(join(dir, copy), 'utf8')).toBe('{"format":1,"settings":{"storeName":')
    store.update({ storeName: 'Fixed' })
    expect(store.state().problem).toBeNull()
    expect(createSettingsStore({ dataDir: dir, clock }).get().storeName).toBe('Fixed')
  })

  it('an invalid value in the file is reported with its field, not silently replaced', () => {
    const file = join(dir, SETTINGS_FILE_NAME)
    const bad = {
      format: 1,
      settings: { ...DEFAULT_SETTINGS, paymentTimeoutSeconds: 5 },
      mode: 'training',
      connection: null
    }
    writeFileSync(file, JSON.stringify(bad))
    const store = createSettingsStore({ dataDir: dir, clock })
    expect(store.state().problem).toMatch(/paymentTimeoutSeconds: The payment timeout is at least 30 seconds/)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(bad)
  })

  it('an older file without the newer fields loads with their defaults, no problem', () => {
    const {
      payPath: _p,
      storeAdminNo: _a,
      ...older
    } = { ...DEFAULT_SETTINGS, storeName: 'Old Shop', merchantNo: '200043' }
    writeFileSync(
      join(dir, SETTINGS_FILE_NAME),
      JSON.stringify({ format: 1, settings: older, mode: 'training', connection: null })
    )
    const store = createSettingsStore({ dataDir: dir, clock })
    expect(store.state().problem).toBeNull()
    expect(store.get()).toMatchObject({
      storeName: 'Old Shop',
      merchantNo: '200043',
      payPath: '/app-instore/v3/pay',
      storeAdminNo: ''
    })
  })

  it('a newer file with unknown settings loads what it knows, no problem', () => {
    const newer = {
      format: 1,
      settings: { ...DEFAULT_SETTINGS, storeName: 'New Shop', loyaltyProgram: true },
      mode: 'training',
      connection: null
    }
    writeFileSync(join(dir, SETTINGS_FILE_NAME), JSON.stringify(newer))
    const store = createSettingsStore({ dataDir: dir, clock })
    expect(store.state().problem).toBeNull()
    expect(store.get().storeName).toBe('New Shop')
    expect(store.get()).not.toHaveProperty('loyaltyProgram')
  })

  it('one bad field falls back alone, keeps the rest, reports it, and leaves live mode', () => {
    const works = { outcome: 'works', at: 1, baseUrl: 'https://mapi.yuansfer.com', message: 'ok', detail: '000021' }
    const settings = {
      ...DEFAULT_SETTINGS,
      storeName: 'Kept',
      merchantNo: '200043',
      storeNo: '300014',
      pockytEnvironment: 'production',
      currency: 'XYZ'
    }
    const key = JSON.stringify(['https://mapi.yuansfer.com', '200043', '300014', '', '/app-instore/v3/pay'])
    writeFileSync(
      join(dir, SETTINGS_FILE_NAME),
      JSON.stringify({ format: 1, settings, mode: 'live', connection: { ...works, credentialsKey: key } })
    )
    const store = createSettingsStore({ dataDir: dir, clock })
    expect(store.get()).toMatchObject({
      storeName: 'Kept',
      merchantNo: '200043',
      pockytEnvironment: 'production',
      currency: 'USD'
    })
    expect(store.state()).toMatchObject({ mode: 'training', connection: null })
    expect(store.state().problem).toMatch(/currency: The currency must be one Pockyt takes/)
    // The same file without the bad field is live, with its test.
    rmSync(join(dir, SETTINGS_FILE_NAME))
    writeFileSync(
      join(dir, SETTINGS_FILE_NAME),
      JSON.stringify({
        format: 1,
        settings: { ...settings, currency: 'USD' },
        mode: 'live',
        connection: { ...works, credentialsKey: key }
      })
    )
    expect(createSettingsStore({ dataDir: dir, clock }).state()).toMatchObject({
      mode: 'live',
      problem: null,
      connection: works
    })
  })

  it('a bad custom URL goes back to the default environment with it', () => {
    const settings = { ...DEFAULT_SETTINGS, pockytEnvironment: 'custom', pockytCustomUrl: 'http://evil.example' }
    writeFileSync(
      join(dir, SETTINGS_FILE_NAME),
      JSON.stringify({ format: 1, settings, mode: 'training', connection: null })
    )
    const store = createSettingsStore({ dataDir: dir, clock })
    expect(store.get()).toMatchObject({ pockytEnvironment: 'sandbox', pockytCustomUrl: null })
    expect(store.state().problem).toMatch(/pockytCustomUrl: The URL must start with https/)
  })

  it('a file that is not a settings file at all: defaults and a problem', () => {
    for (const text of ['[]', '{"format":2,"settings":{}}', '"text"', 'null']) {
      writeFileSync(join(dir, SETTINGS_FILE_NAME), text)
      const store = createSettingsStore({ dataDir: dir, clock })
      expect(store.get(), text).toEqual(DEFAULT_SETTINGS)
      expect(store.state().problem, text).toMatch(/not a QRC POS settings file/)
    }
  })

  describe('training and live', () => {
    const works = {
      outcome: 'works' as const,
      at: 1,
      baseUrl: 'https://mapi.yuansferdev.com',
      message: 'ok',
      detail: '000021'
    }

    it('live needs a passing test of the current credentials and an explicit confirmation', () => {
      const store = createSettingsStore({ dataDir: dir, clock })
      store.update({ merchantNo: '200043', storeNo: '300014' })
      expect(() => store.setMode('live', true)).toThrow(/Test connection/)
      store.recordConnectionTest({ ...works, outcome: 'wrong-credentials' })
      expect(() => store.setMode('live', true)).toThrow(/Test connection/)
      store.recordConnectionTest(works)
      expect(() => store.setMode('live', false)).toThrow(/confirm/)
      expect(store.state().mode).toBe('training')
      store.setMode('live', true)
      expect(createSettingsStore({ dataDir: dir, clock }).state()).toMatchObject({ mode: 'live', connection: works })
    })

    it('changing credentials drops back to training and forgets the test; other fields do not', () => {
      const store = createSettingsStore({ dataDir: dir, clock })
      store.update({ merchantNo: '200043', storeNo: '300014' })
      store.recordConnectionTest(works)
      store.setMode('live', true)
      expect(store.update({ storeName: 'Renamed' }).credentialsChanged).toBe(false)
      expect(store.state().mode).toBe('live')
      expect(store.update({ storeNo: '300015' }).credentialsChanged).toBe(true)
      expect(store.state()).toMatchObject({ mode: 'training', connection: null })
    })

    it('a failed test also ends live mode; invalidateConnection (token replaced) does too', () => {
      const store = createSettingsStore({ dataDir: dir, clock })
      store.update({ merchantNo: '200043', storeNo: '300014' })
      store.recordConnectionTest(works)
      store.setMode('live', true)
      store.recordConnectionTest({ ...works, outcome: 'unreachable' })
      expect(store.state().mode).toBe('training')
      store.recordConnectionTest(works)
      store.setMode('live', true)
      store.invalidateConnection()
      expect(store.state()).toMatchObject({ mode: 'training', connection: null })
    })
  })
})
