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
    renameWithRetry(tmp, file)
  } catch (e) {
    if (fd !== undefined) closeSync(fd)
    rmSync(tmp, { force: true })
    throw e
  }
  fsyncDir(dirname(file))
}

/**
 * On Windows a rename over a file that an antivirus or backup tool holds open fails for a moment with
 * EPERM/EBUSY/EACCES; a few short retries get through it. Other platforms never retry.
 */
export function renameWithRetry(
  from: string,
  to: string,
  options: { attempts?: number; platform?: NodeJS.Platform; rename?: (from: string, to: string) => void } = {}
): void {
  const { attempts = 5, platform = process.platform, rename = renameSync } = options
  for (let i = 1; ; i++) {
    try {
      rename(from, to)
      return
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? ''
      if (i >= attempts || platform !== 'win32' || !['EPERM', 'EBUSY', 'EACCES'].includes(code)) throw e
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20 * i)
    }
  }
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
