/**
 * Small JSON files that must never be half-written (settings, the PIN hash): write a temp file beside
 * the target, fsync it, rename it over the target, then fsync the folder so the rename itself survives
 * a power cut. A reader therefore sees the old file or the new one, never a mix.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import { randomBytes } from 'node:crypto'

/** Writes `text` to `file` atomically; `mode` (e.g. 0o600) applies to the new file. */
export function writeFileAtomic(file: string, text: string, mode = 0o644): void {
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`
  let fd: number | undefined
  try {
    fd = openSync(tmp, 'wx', mode)
    writeSync(fd, text)
    fsyncSync(fd)
    closeSync(fd)
    fd = undefined
    renameSync(tmp, file)
  } catch (e) {
    if (fd !== undefined) closeSync(fd)
    rmSync(tmp, { force: true })
    throw e
  }
  fsyncDir(dirname(file))
}

/** Makes a rename durable. Windows cannot open a folder for fsync; NTFS journals the rename anyway. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined
  try {
    fd = openSync(dir, 'r')
    fsyncSync(fd)
  } catch {
    // best effort (EISDIR/EPERM on Windows)
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}
