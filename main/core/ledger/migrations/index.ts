/**
 * Numbered schema migrations. Each is a TypeScript module (bundled with main, no SQL files read at run
 * time). All pending migrations run in ONE transaction together with the `user_version` bump, so a crash
 * mid-upgrade leaves the previous schema intact.
 */
import type Database from 'better-sqlite3'
import { migration0001 } from './0001-ledger'
import { migration0002 } from './0002-catalog'
import { migration0010 } from './0010-history'

export interface Migration {
  version: number
  name: string
  up(db: Database.Database): void
}

/** Append only; never edit a migration that has shipped. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0010]

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version

/** Runs every migration above the file's `user_version`; returns the resulting version. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  // Versions only increase; gaps are allowed (issue 6 numbers its migrations from 10, Signal-style).
  migrations.forEach((m, i) => {
    const prev = i === 0 ? 0 : migrations[i - 1]!.version
    if (!(m.version > prev)) throw new Error(`migration ${m.name} has version ${m.version}, expected more than ${prev}`)
  })
  const current = db.pragma('user_version', { simple: true }) as number
  const pending = migrations.filter((m) => m.version > current)
  if (!pending.length) return current
  db.transaction(() => {
    for (const m of pending) {
      m.up(db)
      db.pragma(`user_version = ${m.version}`)
    }
    const broken = db.pragma('foreign_key_check') as unknown[]
    if (broken.length) throw new Error(`migration left ${broken.length} foreign key violations`)
  })()
  return pending[pending.length - 1]!.version
}
