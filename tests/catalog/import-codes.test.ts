import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Out, Result } from '../../preload/contract'
import { IMPORT_PROBLEM_CODES } from '../../preload/contract/schemas/catalog'
import { createCatalogService } from '../../main/core/catalog/catalog-service'
import { createEventBus } from '../../main/core/events'
import { openLedger, type Ledger } from '../../main/core/ledger/open'
import { createProductsRepo } from '../../main/core/ledger/products-repo'
import { createRouter, type Handlers } from '../../main/ipc/router'

/**
 * Every CSV import problem carries a stable code and the parameters its translation names (the renderer
 * words it in the cashier's language), plus main's English sentence as the fallback.
 */
let dir: string
let ledger: Ledger
let importCsv: (csv: string) => Promise<Out<'catalog:importCsv'>>

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qrc-catalog-codes-'))
  ledger = openLedger(join(dir, 'ledger.sqlite3'))
  createProductsRepo(ledger.db).seedDemoIfEmpty(1_700_000_000_000)
  const catalog = createCatalogService({
    db: ledger.db,
    clock: { now: () => 1_700_000_000_000, sleep: async () => {} },
    events: createEventBus(),
    currency: () => 'USD'
  })
  // validateOutput: the report must match the contract, codes and params included.
  const router = createRouter(catalog.handlers as Handlers, { validateOutput: true })
  importCsv = async (csv) => {
    const r = (await router.call('catalog:importCsv', { csv, dryRun: true }, { window: 'cashier' })) as Result<
      Out<'catalog:importCsv'>
    >
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
    return r.value
  }
})

afterEach(() => {
  ledger.close()
  rmSync(dir, { recursive: true, force: true })
})

const problems = (r: Out<'catalog:importCsv'>) =>
  r.errors.map(({ line, field, code, params }) => ({ line, field, code, params }))

describe('CSV import problem codes', () => {
  it('codes each row problem with its parameters, and keeps the English sentence', async () => {
    const csv = [
      'name,sku,barcode,price,tax_rate,category,active',
      'A,C-1,,,0,,yes',
      'B,C-2,,"4,50",0,,yes',
      'C,C-3,,1.00,120,,maybe',
      ',C-4,,1.00,0,,',
      `${'x'.repeat(201)},C-5,,1.00,0,,`,
      'F,has space,,1.00,0,,',
      'G,C-7,bad code!,1.00,0,,',
      'H,C-8,,1.00,0,,',
      'I,C-8,,1.00,0,,',
      'J,C-10,2000000000015,1.00,0,,',
      'K,DEMO-004,,1.00,0,,',
      'L,,,20000000.00,0,,'
    ].join('\n')
    const report = await importCsv(csv)
    expect(problems(report)).toEqual([
      { line: 2, field: 'price', code: 'price_required', params: {} },
      { line: 3, field: 'price', code: 'price_invalid', params: { value: '4,50' } },
      { line: 4, field: 'tax_rate', code: 'tax_invalid', params: { value: '120' } },
      { line: 4, field: 'active', code: 'active_invalid', params: { value: 'maybe' } },
      { line: 5, field: 'name', code: 'name_required', params: {} },
      { line: 6, field: 'name', code: 'too_long', params: { column: 'name', max: 200 } },
      { line: 7, field: 'sku', code: 'sku_format', params: {} },
      { line: 8, field: 'barcode', code: 'barcode_format', params: {} },
      { line: 10, field: 'sku', code: 'duplicate_in_file', params: { column: 'sku', line: 9 } },
      { line: 11, field: 'barcode', code: 'barcode_taken', params: { value: '2000000000015', product: 'Espresso' } },
      { line: 13, field: 'price', code: 'price_too_large', params: {} }
    ])
    // Row 12 (an existing SKU) is an update, not a problem. Every problem still has its English sentence.
    expect(report.errors.every((e) => e.message.length > 0)).toBe(true)
    expect(report.errors.find((e) => e.code === 'price_invalid')!.message).toContain('"4,50" is not a price')
  })

  it('codes the problems of the file as a whole', async () => {
    const first = async (csv: string) => problems(await importCsv(csv))[0]
    expect(await first('')).toEqual({ line: 1, field: null, code: 'file_empty', params: {} })
    expect(await first('name,price,colour\nA,1,red\n')).toEqual({
      line: 1,
      field: 'colour',
      code: 'column_unknown',
      params: { column: 'colour', columns: 'name, sku, barcode, price, tax_rate, category, active' }
    })
    expect(await first('name,sku\nA,B\n')).toEqual({
      line: 1,
      field: 'price',
      code: 'column_missing',
      params: { column: 'price' }
    })
    expect(await first('name,price,Price\nA,1,2\n')).toMatchObject({
      code: 'column_duplicate',
      params: { column: 'price' }
    })
    const bad = await first('name,price\n"unclosed,1\n')
    expect(bad).toMatchObject({ field: null, code: 'csv_invalid' })
    expect(bad!.params).toEqual({ line: bad!.line, detail: expect.any(String) })
  })

  it('lists codes that the renderer can rely on (no duplicates)', () => {
    expect(new Set(IMPORT_PROBLEM_CODES).size).toBe(IMPORT_PROBLEM_CODES.length)
  })
})
