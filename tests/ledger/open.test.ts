import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BUSY_TIMEOUT_MS, integrityCheck, openLedger } from '../../main/core/ledger/open'
import { LATEST_VERSION, MIGRATIONS, type Migration } from '../../main/core/ledger/migrations'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qrc-ledger-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

describe('openLedger', () => {
  it('creates the file with WAL, synchronous=FULL, foreign keys, a busy timeout, at the latest version', () => {
    const ledger = openLedger(join(dir, 'sub', 'ledger.sqlite3'))
    const db = ledger.db
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('synchronous', { simple: true })).toBe(2) // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS)
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
    expect(ledger.version).toBe(LATEST_VERSION)
    expect(integrityCheck(db)).toBe('ok')
    ledger.close()
    // reopening is a no-op migration
    const again = openLedger(join(dir, 'sub', 'ledger.sqlite3'))
    expect(again.version).toBe(LATEST_VERSION)
    again.close()
  })

  it('refuses a ledger from a newer version with a clear message, and leaves the file untouched', () => {
    const file = join(dir, 'ledger.sqlite3')
    const raw = new Database(file)
    raw.exec('CREATE TABLE future (x INTEGER)')
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`)
    raw.close()
    const before = sha(file)
    expect(() => openLedger(file)).toThrow(
      expect.objectContaining({
        code: 'LEDGER_UNAVAILABLE',
        details: expect.objectContaining({
          reason: 'newer-version',
          found: LATEST_VERSION + 5,
          supported: LATEST_VERSION
        }),
        message: expect.stringMatching(/newer version of QRC POS.*has not been changed/)
      })
    )
    expect(sha(file)).toBe(before)
    expect(existsSync(`${file}-wal`)).toBe(false)
  })

  it('refuses a file that is not a database as corrupt', () => {
    const file = join(dir, 'ledger.sqlite3')
    writeFileSync(file, 'this is not sqlite at all, just some bytes '.repeat(200))
    const before = sha(file)
    expect(() => openLedger(file)).toThrow(
      expect.objectContaining({ code: 'LEDGER_UNAVAILABLE', details: expect.objectContaining({ reason: 'corrupt' }) })
    )
    expect(sha(file)).toBe(before)
  })

  it('refuses a damaged ledger (integrity_check fails) before migrating or writing anything', () => {
    const file = join(dir, 'ledger.sqlite3')
    const ledger = openLedger(file)
    const insert = ledger.db.prepare(
      `INSERT INTO sales (terminal_id, created_at, updated_at, note) VALUES ('T1', 1, 1, ?)`
    )
    ledger.db.transaction(() => {
      for (let i = 0; i < 400; i++) insert.run(`note ${i} `.repeat(20))
    })()
    ledger.db.exec('CREATE INDEX sales_note ON sales(note)')
    ledger.db.pragma('wal_checkpoint(TRUNCATE)')
    ledger.db.pragma('journal_mode = DELETE')
    ledger.close()
    // Scribble over the middle of the file: index and table pages stop agreeing.
    const bytes = readFileSync(file)
    const page = 4096
    const pages = bytes.length / page
    for (let p = Math.floor(pages / 2); p < pages - 1; p += 3) bytes.fill(0x41, p * page + 200, p * page + 1200)
    writeFileSync(file, bytes)
    let caught: unknown
    try {
      openLedger(file).close()
    } catch (e) {
      caught = e
    }
    expect(caught).toMatchObject({ code: 'LEDGER_UNAVAILABLE', details: { reason: 'corrupt' } })
    expect((caught as Error).message).toMatch(/Do not delete it/)
  })

  it('runs pending migrations in one transaction: a failing one leaves the previous version intact', () => {
    const file = join(dir, 'ledger.sqlite3')
    openLedger(file, { migrations: MIGRATIONS.slice(0, 1) }).close()
    const broken: Migration = {
      version: 99,
      name: 'broken',
      up(db) {
        db.exec('CREATE TABLE half_done (x INTEGER) STRICT')
        throw new Error('boom')
      }
    }
    expect(() => openLedger(file, { migrations: [...MIGRATIONS.slice(0, 2), broken] })).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ reason: 'migration-failed' }) })
    )
    const raw = new Database(file, { readonly: true })
    expect(raw.pragma('user_version', { simple: true })).toBe(1)
    const tables = raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all()
    expect(tables).not.toContain('products') // migration 2 rolled back with the broken one
    expect(tables).not.toContain('half_done')
    raw.close()
  })

  it('refuses migration lists whose versions do not increase', () => {
    const m = MIGRATIONS[0]!
    expect(() => openLedger(join(dir, 'x.sqlite3'), { migrations: [m, m] })).toThrow()
  })
})
