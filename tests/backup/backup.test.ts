import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync, copyFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openLedger, type Ledger } from '../../main/core/ledger/open'
import { LATEST_VERSION } from '../../main/core/ledger/migrations'
import {
  applyPendingRestore,
  backupName,
  checkLedgerFile,
  createBackupService,
  parseBackupName,
  PENDING_SUFFIX
} from '../../main/core/backup/backup'
import { createBackupScheduler, DAY_MS } from '../../main/core/backup/scheduler'
import {
  guardHandlers,
  guardStorage,
  isCorrupt,
  isDiskFull,
  storageFailure
} from '../../main/core/backup/ledger-errors'
import { PosError } from '../../main/core/errors'
import type { Clock } from '../../main/core/clock'

let dir: string
let now: number
let ledger: Ledger | undefined
const clock: Clock = { now: () => now, sleep: async () => {} }
const ledgerFile = () => join(dir, 'ledger.sqlite3')

const addSale = (l: Ledger, note: string) =>
  l.db.prepare(`INSERT INTO sales (terminal_id, note, created_at, updated_at) VALUES ('T1', ?, 1, 1)`).run(note)
const notes = (l: Ledger) =>
  (l.db.prepare('SELECT note FROM sales ORDER BY id').all() as { note: string }[]).map((r) => r.note)

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qrc-backup-'))
  now = Date.UTC(2026, 10, 25, 21, 30)
  ledger = openLedger(ledgerFile())
})
afterEach(() => {
  ledger?.close()
  rmSync(dir, { recursive: true, force: true })
})

function service() {
  return createBackupService({
    dataDir: dir,
    ledgerFile: ledgerFile(),
    db: () => (ledger?.db.open ? ledger.db : null),
    clock
  })
}

async function rejection(p: Promise<unknown> | (() => unknown)): Promise<PosError> {
  const e = await (typeof p === 'function' ? Promise.resolve().then(p) : p).then(
    () => null,
    (err: unknown) => err
  )
  expect(e).toBeInstanceOf(PosError)
  return e as PosError
}

describe('backup names', () => {
  it('encode UTC time to the millisecond and the reason, and parse back', () => {
    const name = backupName(Date.UTC(2026, 0, 2, 3, 4, 5, 6), 'close-of-day')
    expect(name).toBe('ledger-20260102-030405006-close-of-day.sqlite')
    expect(parseBackupName(name)).toEqual({ createdAt: Date.UTC(2026, 0, 2, 3, 4, 5, 6), reason: 'close-of-day' })
    for (const other of ['ledger.sqlite3', 'ledger-20260102-030405006-manual.sqlite.partial', '../x.sqlite']) {
      expect(parseBackupName(other)).toBeNull()
    }
  })
})

describe('backup and restore', () => {
  it('round trip: back up while open, keep selling, restore, and the restored ledger holds exactly the backup', async () => {
    addSale(ledger!, 'before backup')
    const backups = service()
    const entry = await backups.backupNow('manual')
    expect(entry).toMatchObject({ reason: 'manual', createdAt: now })
    expect(entry.bytes).toBeGreaterThan(0)
    // A standalone file: no -wal/-shm left beside it.
    expect(readdirSync(backups.dir)).toEqual([entry.name])
    addSale(ledger!, 'after backup')

    now += 60_000
    const result = await backups.restore(entry.name)
    expect(result).toMatchObject({ restored: entry.name, restartRequired: true, applied: false })
    expect(result.safetyCopy).toMatch(/before-restore/)
    expect(existsSync(ledgerFile() + PENDING_SUFFIX)).toBe(true)
    // The live ledger is untouched until the app restarts.
    expect(notes(ledger!)).toEqual(['before backup', 'after backup'])

    ledger!.close()
    const applied = applyPendingRestore(ledgerFile(), now)
    expect(applied?.replaced).toBe(`${ledgerFile()}.replaced-${now}`)
    expect(existsSync(ledgerFile() + PENDING_SUFFIX)).toBe(false)
    ledger = openLedger(ledgerFile())
    expect(notes(ledger)).toEqual(['before backup'])
    // Nothing is lost: the replaced ledger is kept, and so is the safety backup.
    const replaced = new Database(applied!.replaced!, { readonly: true })
    expect(replaced.prepare('SELECT count(*) AS n FROM sales').get()).toEqual({ n: 2 })
    replaced.close()
    expect(backups.list().map((b) => b.reason)).toEqual(['before-restore', 'manual'])
    expect(applyPendingRestore(ledgerFile(), now)).toBeNull()
  })

  it('with a closeLedger hook the restore is applied at once', async () => {
    addSale(ledger!, 'kept')
    const backups = createBackupService({
      dataDir: dir,
      ledgerFile: ledgerFile(),
      db: () => (ledger?.db.open ? ledger.db : null),
      closeLedger: () => ledger!.close(),
      clock
    })
    const entry = await backups.backupNow()
    addSale(ledger!, 'dropped')
    now += 1000
    expect((await backups.restore(entry.name)).applied).toBe(true)
    ledger = openLedger(ledgerFile())
    expect(notes(ledger)).toEqual(['kept'])
  })

  it('backs up from the file when the ledger is not open, and says so when there is no ledger at all', async () => {
    addSale(ledger!, 'x')
    ledger!.close()
    const offline = createBackupService({ dataDir: dir, ledgerFile: ledgerFile(), clock })
    const entry = await offline.backupNow('daily')
    expect(checkLedgerFile(join(offline.dir, entry.name)).version).toBe(LATEST_VERSION)
    const empty = mkdtempSync(join(tmpdir(), 'qrc-backup-empty-'))
    const none = createBackupService({ dataDir: empty, ledgerFile: join(empty, 'ledger.sqlite3'), clock })
    expect((await rejection(none.backupNow())).code).toBe('NOT_FOUND')
    rmSync(empty, { recursive: true })
    ledger = undefined
  })

  it('refuses a corrupt backup, a non-database, a newer version and a plain SQLite file, changing nothing', async () => {
    addSale(ledger!, 'live')
    const backups = service()
    const good = await backups.backupNow()
    const mk = (reason: 'manual' | 'daily', offset: number) => join(backups.dir, backupName(now - offset, reason))

    const corrupt = mk('manual', 1000)
    const bytes = readFileSync(join(backups.dir, good.name))
    // Scribble over the pages after the header: the header still says SQLite, the b-trees are garbage.
    bytes.fill(0x5a, 4096 + 100, Math.min(bytes.length, 4096 * 4))
    writeFileSync(corrupt, bytes)

    const notDb = mk('manual', 2000)
    writeFileSync(notDb, 'this is not a database, just text pretending '.repeat(200))

    const newer = mk('manual', 3000)
    copyFileSync(join(backups.dir, good.name), newer)
    const n = new Database(newer)
    n.pragma(`user_version = ${LATEST_VERSION + 1}`)
    n.close()

    const plain = mk('daily', 4000)
    const p = new Database(plain)
    p.exec('CREATE TABLE t (x)')
    p.close()

    const expected: [string, string, RegExp][] = [
      [corrupt, 'corrupt', /damaged/],
      [notDb, 'not-a-database', /not a database/],
      [newer, 'newer-version', /newer version of QRC POS/],
      [plain, 'not-a-ledger', /not a QRC POS ledger/]
    ]
    for (const [file, problem, message] of expected) {
      const name = file.slice(backups.dir.length + 1)
      const e = await rejection(backups.restore(name))
      expect(e.code, name).toBe('CONFLICT')
      expect(e.details).toMatchObject({ problem })
      expect(e.message).toMatch(message)
      expect(existsSync(ledgerFile() + PENDING_SUFFIX)).toBe(false)
    }
    expect((await rejection(backups.restore('../ledger.sqlite3'))).code).toBe('BAD_INPUT')
    expect((await rejection(backups.restore(backupName(now - 9999, 'manual')))).code).toBe('NOT_FOUND')
    // No safety copies were made for refused restores, and the live ledger is as it was.
    expect(backups.list().filter((b) => b.reason === 'before-restore')).toEqual([])
    expect(notes(ledger!)).toEqual(['live'])
  })

  it('keeps 30 days, and always the newest 7 whatever their age', async () => {
    const backups = service()
    const start = now
    for (let day = 0; day < 40; day++) {
      now = start + day * DAY_MS
      await backups.backupNow('daily')
    }
    const deleted = backups.prune()
    expect(deleted).toHaveLength(9)
    expect(backups.list()).toHaveLength(31)
    expect(Math.min(...backups.list().map((b) => b.createdAt))).toBe(now - 30 * DAY_MS)
    // A long closure: everything is older than 30 days, the newest 7 stay.
    now += 200 * DAY_MS
    backups.prune()
    expect(backups.list()).toHaveLength(7)
  })
})

describe('backup scheduler', () => {
  it('backs up when the newest backup is a day old, not before; close of day always backs up', async () => {
    const backups = service()
    const scheduler = createBackupScheduler({ backups, clock })
    expect(await scheduler.check()).toMatchObject({ reason: 'daily' })
    now += DAY_MS - 1
    expect(await scheduler.check()).toBeNull()
    now += 1
    expect(await scheduler.check()).toMatchObject({ reason: 'daily' })
    now += 1000
    expect(await scheduler.closeOfDay()).toMatchObject({ reason: 'close-of-day' })
    expect(backups.list().map((b) => b.reason)).toEqual(['close-of-day', 'daily', 'daily'])
  })

  it('runs on the clock: the first check after one interval, then every interval, until stopped', async () => {
    const sleeps: (() => void)[] = []
    const manual: Clock = { now: () => now, sleep: () => new Promise<void>((r) => sleeps.push(r)) }
    const backups = service()
    const scheduler = createBackupScheduler({ backups, clock: manual, checkEveryMs: 60_000 })
    scheduler.start()
    await new Promise((r) => setTimeout(r, 10))
    expect(backups.list()).toHaveLength(0)
    sleeps.shift()!()
    await new Promise((r) => setTimeout(r, 50))
    expect(backups.list()).toHaveLength(1)
    await scheduler.stop()
  })

  it('a failing backup is logged, not thrown', async () => {
    ledger!.close()
    rmSync(ledgerFile())
    const logged: string[] = []
    const scheduler = createBackupScheduler({ backups: service(), clock, log: (_l, m) => logged.push(m) })
    expect(await scheduler.check()).toBeNull()
    expect(logged).toEqual(['scheduled backup failed'])
    ledger = undefined
  })
})

describe('storage failure helpers', () => {
  const err = (code: string) => Object.assign(new Error(code), { code })

  it('recognise disk full and corruption, and explain what to do', () => {
    expect(isDiskFull(err('SQLITE_FULL'))).toBe(true)
    expect(isDiskFull(err('ENOSPC'))).toBe(true)
    expect(isCorrupt(err('SQLITE_CORRUPT_INDEX'))).toBe(true)
    expect(isCorrupt(err('SQLITE_NOTADB'))).toBe(true)
    expect(isDiskFull(err('SQLITE_CONSTRAINT'))).toBe(false)
    const full = storageFailure(err('SQLITE_FULL'), '/data/ledger.sqlite3')!
    expect(full.code).toBe('LEDGER_UNAVAILABLE')
    expect(full.details).toEqual({ reason: 'disk-full', code: 'SQLITE_FULL', file: '/data/ledger.sqlite3' })
    expect(full.message).toMatch(/NOT saved.*Free some space/)
    expect(storageFailure(err('SQLITE_CORRUPT'))!.message).toMatch(/restore the latest backup/)
    expect(storageFailure(err('SQLITE_READONLY'))!.details).toMatchObject({ reason: 'read-only' })
    expect(storageFailure(err('SQLITE_IOERR_WRITE'))!.details).toMatchObject({ reason: 'io' })
    expect(storageFailure(err('SQLITE_CONSTRAINT_CHECK'))).toBeNull()
  })

  it('guardStorage rethrows storage failures as LEDGER_UNAVAILABLE and others unchanged', () => {
    expect(() =>
      guardStorage(() => {
        throw err('SQLITE_FULL')
      })
    ).toThrow(PosError)
    const other = err('SQLITE_CONSTRAINT')
    expect(() =>
      guardStorage(() => {
        throw other
      })
    ).toThrow(other)
    expect(guardStorage(() => 42)).toBe(42)
  })

  it('a real full disk: SQLite reports SQLITE_FULL when the page limit is hit, and nothing is half-written', () => {
    const db = new Database(join(dir, 'tiny.sqlite3'))
    db.exec('CREATE TABLE t (x TEXT)')
    db.pragma('max_page_count = 8')
    const insert = db.prepare('INSERT INTO t VALUES (?)')
    let failure: PosError | null = null
    try {
      guardStorage(() =>
        db.transaction(() => {
          for (let i = 0; i < 100; i++) insert.run('x'.repeat(1000))
        })()
      )
    } catch (e) {
      failure = e as PosError
    }
    expect(failure?.details).toMatchObject({ reason: 'disk-full', code: 'SQLITE_FULL' })
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 })
    db.close()
  })
})

describe('guardHandlers', () => {
  it('turns SQLite storage failures of any handler into LEDGER_UNAVAILABLE and passes everything else through', async () => {
    const seen: string[] = []
    const handlers = guardHandlers(
      {
        'a:full': () => {
          throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })
        },
        'a:enospc': () => {
          throw Object.assign(new Error('no space'), { code: 'ENOSPC' })
        },
        'a:ok': (x: unknown) => ({ x })
      },
      '/data/ledger.sqlite3',
      (channel, e) => seen.push(`${channel} ${e.code}`)
    )
    const full = await rejection(() => handlers['a:full']())
    expect(full.code).toBe('LEDGER_UNAVAILABLE')
    expect(full.details).toMatchObject({ reason: 'disk-full', file: '/data/ledger.sqlite3' })
    // Not SQLite: not the ledger's failure, so not relabelled.
    await expect(Promise.resolve().then(() => handlers['a:enospc']())).rejects.toMatchObject({ code: 'ENOSPC' })
    expect(await handlers['a:ok'](1)).toEqual({ x: 1 })
    expect(seen).toEqual(['a:full LEDGER_UNAVAILABLE'])
  })
})
