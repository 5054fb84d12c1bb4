import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Channel, In, Out, Result } from '../../preload/contract'
import { createCatalogService } from '../../main/core/catalog/catalog-service'
import { formatTaxPercent, parseTaxPercent, readCatalogCsv } from '../../main/core/catalog/csv'
import { createEventBus, type PosEvent } from '../../main/core/events'
import { openLedger, type Ledger } from '../../main/core/ledger/open'
import { createProductsRepo } from '../../main/core/ledger/products-repo'
import { DEMO_PRODUCTS } from '../../main/core/ledger/demo-products'
import { createRouter, type Handlers } from '../../main/ipc/router'

let dir: string
let ledger: Ledger
let events: PosEvent[]
let call: <C extends Channel>(channel: C, input?: In<C>) => Promise<Result<Out<C>>>
let now = 1_700_000_000_000

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qrc-catalog-'))
  ledger = openLedger(join(dir, 'ledger.sqlite3'))
  createProductsRepo(ledger.db).seedDemoIfEmpty(now)
  const bus = createEventBus()
  events = []
  bus.subscribe((e) => events.push(e))
  const catalog = createCatalogService({
    db: ledger.db,
    clock: { now: () => ++now, sleep: async () => {} },
    events: bus,
    currency: () => 'USD'
  })
  const router = createRouter(catalog.handlers as Handlers, { validateOutput: true })
  call = (channel, input) => router.call(channel, input, { window: 'cashier' }) as never
})

afterEach(() => {
  ledger.close()
  rmSync(dir, { recursive: true, force: true })
})

const ok = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`)
  return r.value
}

describe('catalog search and categories', () => {
  it('ranks an exact barcode or SKU first, then names starting with the text, then names containing it', async () => {
    expect(ok(await call('catalog:search', { text: '2000000000046' })).map((p) => p.name)).toEqual(['Latte'])
    expect(ok(await call('catalog:search', { text: 'demo-004' }))[0]!.name).toBe('Latte')
    const tea = ok(await call('catalog:search', { text: 'tea' })).map((p) => p.name)
    expect(tea).toContain('Jasmine Green Tea')
    expect(tea).not.toContain('Earl Grey') // category Tea, but the name does not contain it
    expect(tea.every((n) => n.toLowerCase().includes('tea'))).toBe(true)
    const la = ok(await call('catalog:search', { text: 'la' })).map((p) => p.name)
    expect(la[0]).toBe('Latte') // prefix match before "Chai Latte", "Chocolate Bar", ...
    expect(la).toContain('Chai Latte')
  })

  it('treats % and _ as plain characters and lists a category when the text is empty', async () => {
    expect(ok(await call('catalog:search', { text: '%' }))).toEqual([])
    const coffee = ok(await call('catalog:search', { text: '', category: 'Coffee', limit: 100 }))
    expect(coffee).toHaveLength(8)
    expect(coffee.every((p) => p.category === 'Coffee')).toBe(true)
  })

  it('lists the demo categories with counts (about 50 items in 7 categories)', async () => {
    const cats = ok(await call('catalog:categories'))
    expect(cats.map((c) => c.name)).toEqual(['Bakery', 'Coffee', 'Drinks', 'Grocery', 'Meals', 'Snacks', 'Tea'])
    expect(cats.reduce((n, c) => n + c.count, 0)).toBe(DEMO_PRODUCTS.length)
  })
})

describe('catalog add / edit / deactivate', () => {
  it('adds a product and announces the change', async () => {
    const p = ok(
      await call('catalog:add', {
        product: { name: ' Taro Latte ', priceMinor: 550, taxRateBp: 825, category: 'Tea', sku: 'T-1' }
      })
    )
    expect(p).toMatchObject({
      name: 'Taro Latte',
      priceMinor: 550,
      active: true,
      barcode: null,
      category: 'Tea',
      sku: 'T-1'
    })
    expect(events.map((e) => e.name)).toEqual(['catalog:changed'])
    expect(ok(await call('catalog:search', { text: 'taro' }))[0]!.id).toBe(p.id)
  })

  it('refuses bad fields with a message per field and writes nothing', async () => {
    const r = await call('catalog:add', {
      product: { name: '', priceMinor: -1, taxRateBp: 20_000, barcode: 'has space' }
    })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('BAD_INPUT')
    const fields = (r.error.details as { fields: Record<string, string> }).fields
    expect(Object.keys(fields).sort()).toEqual(['barcode', 'name', 'priceMinor', 'taxRateBp'])
    expect(fields.priceMinor).toMatch(/negative/)
    expect(events).toEqual([])
  })

  it('refuses a barcode or SKU already used by another product (CONFLICT, names it)', async () => {
    const r = await call('catalog:add', {
      product: { name: 'Fake latte', priceMinor: 1, taxRateBp: 0, barcode: '2000000000046' }
    })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('CONFLICT')
      expect(r.error.message).toContain('Latte')
    }
  })

  it('edits some fields, keeping the rest, and deactivates (hidden from search, kept for history)', async () => {
    const latte = ok(await call('catalog:search', { text: '2000000000046' }))[0]!
    const edited = ok(await call('catalog:update', { productId: latte.id, patch: { priceMinor: 500 } }))
    expect(edited).toMatchObject({ name: 'Latte', priceMinor: 500, barcode: '2000000000046' })
    const off = ok(await call('catalog:setActive', { productId: latte.id, active: false }))
    expect(off.active).toBe(false)
    expect(ok(await call('catalog:search', { text: 'latte' })).map((p) => p.id)).not.toContain(latte.id)
    expect(ok(await call('catalog:search', { text: 'latte', includeInactive: true })).map((p) => p.id)).toContain(
      latte.id
    )
    const missing = await call('catalog:update', { productId: 99_999, patch: { name: 'x' } })
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND')
  })
})

describe('catalog CSV', () => {
  it('imports good rows, lists every bad row with its line and column, and updates by SKU', async () => {
    const csv = [
      'Name,SKU,Barcode,Price,Tax Rate,Category,Active',
      'Lychee Soda,N-1,4006381333931,2.75,8.25,Drinks,yes',
      'Broken price,N-2,,abc,8.25,Drinks,yes',
      ',N-3,,1.00,0,,',
      'Latte,DEMO-004,2000000000046,5.25,8.25,Coffee,yes',
      'Dup of soda,N-1,,1.00,0,,',
      'Stolen barcode,N-4,2000000000015,1.00,0,,',
      '"Quoted, name",N-5,,0.5,8%,Snacks,no'
    ].join('\n')
    const report = ok(await call('catalog:importCsv', { csv }))
    expect(report).toMatchObject({ rows: 7, added: 2, updated: 1, dryRun: false })
    expect(report.errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'price'],
      [4, 'name'],
      [6, 'sku'],
      [7, 'barcode']
    ])
    expect(report.errors[3]!.message).toContain('Espresso')
    expect(ok(await call('catalog:search', { text: '4006381333931' }))[0]).toMatchObject({
      name: 'Lychee Soda',
      priceMinor: 275,
      taxRateBp: 825
    })
    expect(ok(await call('catalog:search', { text: 'DEMO-004' }))[0]!.priceMinor).toBe(525)
    expect(ok(await call('catalog:search', { text: 'quoted', includeInactive: true }))[0]).toMatchObject({
      priceMinor: 50,
      taxRateBp: 800,
      active: false
    })
    expect(events.filter((e) => e.name === 'catalog:changed')).toHaveLength(1)
  })

  it('a dry run reports the same but writes nothing', async () => {
    const before = ok(await call('catalog:exportCsv', {})).csv
    const report = ok(await call('catalog:importCsv', { csv: 'name,price\nNew thing,1.00\nBad,x\n', dryRun: true }))
    expect(report).toMatchObject({ rows: 2, added: 1, updated: 0, dryRun: true })
    expect(report.errors).toHaveLength(1)
    expect(ok(await call('catalog:exportCsv', {})).csv).toBe(before)
    expect(events).toEqual([])
  })

  it('refuses a file with an unknown or missing column as a whole, naming it', async () => {
    const r1 = ok(await call('catalog:importCsv', { csv: 'name,price,colour\nA,1,red\n' }))
    expect(r1.errors).toEqual([expect.objectContaining({ line: 1, field: 'colour' })])
    expect(r1.added).toBe(0)
    const r2 = ok(await call('catalog:importCsv', { csv: 'name,sku\nA,B\n' }))
    expect(r2.errors[0]).toMatchObject({ line: 1, field: 'price' })
    const r3 = ok(await call('catalog:importCsv', { csv: '' }))
    expect(r3.errors[0]!.message).toMatch(/empty/)
  })

  it('exports in the import format, defusing formula-like text, and the export imports back unchanged', async () => {
    ok(await call('catalog:add', { product: { name: '=HYPERLINK("x")', priceMinor: 100, taxRateBp: 0, sku: 'F-1' } }))
    const out = ok(await call('catalog:exportCsv', {}))
    expect(out.count).toBe(DEMO_PRODUCTS.length + 1)
    expect(out.csv.split('\r\n')[0]).toBe('name,sku,barcode,price,tax_rate,category,active')
    expect(out.csv).toContain('Latte,DEMO-004,2000000000046,4.75,8.25,Coffee,yes')
    expect(out.csv).toContain(`"'=HYPERLINK(""x"")"`)
    const back = ok(await call('catalog:importCsv', { csv: out.csv }))
    expect(back).toMatchObject({ added: 0, updated: out.count, errors: [] })
    expect(ok(await call('catalog:search', { text: 'F-1' }))[0]!.name).toBe('=HYPERLINK("x")')
    expect(ok(await call('catalog:exportCsv', {})).csv).toBe(out.csv)
  })

  it('parses tax percents and CSV edge cases', () => {
    expect(parseTaxPercent('8.25')).toBe(825)
    expect(parseTaxPercent('8.25%')).toBe(825)
    expect(parseTaxPercent('100')).toBe(10_000)
    expect(parseTaxPercent('100.01')).toBeNull()
    expect(parseTaxPercent('8.255')).toBeNull()
    expect(formatTaxPercent(825)).toBe('8.25')
    expect(formatTaxPercent(800)).toBe('8')
    expect(formatTaxPercent(5)).toBe('0.05')
    const bad = readCatalogCsv('name,price\n"unclosed,1\n')
    expect('problem' in bad && bad.problem.message).toMatch(/not valid CSV/)
  })
})
