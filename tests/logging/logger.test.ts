import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unzipSync, strFromU8 } from 'fflate'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createLogger, withRedaction, type LogFn } from '../../main/core/logging/logger'
import { maskPaymentCode, redactText, redactValue, REDACTED } from '../../main/core/logging/redact'
import { exportDiagnostics } from '../../main/core/logging/diagnostics'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking redacted JSON in assertions
type Deep = Record<string, any>
const TOKEN = '5cbfb079f15b150122261c8537086d77a'
const CODE = '134668918993771844'
let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qrc-log-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>)

describe('redaction', () => {
  it('drops secret keys, masks payment codes to the last 4 digits, at any depth', () => {
    const out = redactValue({
      token: TOKEN,
      verifySign: 'abcdef0123456789abcdef0123456789',
      params: { paymentBarcode: CODE, nested: [{ pin: '1234', code: 28_76_54_32_10 }] },
      transactionNo: '297553638241892410'
    }) as Deep
    expect(out.token).toBe(REDACTED)
    expect(out.verifySign).toBe(REDACTED)
    expect(out.params.paymentBarcode).toBe('…1844')
    expect(out.params.nested[0].pin).toBe(REDACTED)
    expect(out.params.nested[0].code).toBe('…3210')
    // Transaction numbers are needed to trace a payment and are not codes.
    expect(out.transactionNo).toBe('297553638241892410')
  })

  it('scrubs configured secret values anywhere in text, and key=value / JSON patterns', () => {
    const text = `body {"verifySign":"0df745088d7202a6d186596acdc82c6a","paymentBarcode":"${CODE}"} sent with ${TOKEN}; paymentBarcode=${CODE}&token=abc`
    const out = redactText(text, [TOKEN])
    expect(out).not.toContain(TOKEN)
    expect(out).not.toContain(CODE)
    expect(out).not.toContain('0df745088d7202a6d186596acdc82c6a')
    expect(out).toContain('…1844')
    expect(out).not.toContain('token=abc')
  })

  it('handles errors, cycles and odd values without throwing', () => {
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic.self = cyclic
    const err = Object.assign(new Error(`failed with ${TOKEN}`), { code: 'ECONNREFUSED' })
    const out = redactValue({ cyclic, err, big: 10n, fn: () => 1 }, [TOKEN]) as Deep
    expect(out.cyclic.self).toBe('[circular]')
    expect(out.err.message).toBe(`failed with ${REDACTED}`)
    expect(out.err.code).toBe('ECONNREFUSED')
    expect(out.big).toBe('10')
    expect(maskPaymentCode('12')).toBe('…')
  })
})

describe('file logger', () => {
  it('writes one JSON object per line with time, level and message; fields cannot overwrite them', () => {
    const log = createLogger(dir, { now: () => Date.UTC(2026, 10, 25, 12) })
    log('info', 'sale started', { saleId: 7, level: 'fake', t: 'fake' })
    log('warn', 'slow answer', { ms: 900 })
    log.close()
    expect(lines(join(dir, 'app.log'))).toEqual([
      { saleId: 7, level: 'info', t: '2026-11-25T12:00:00.000Z', msg: 'sale started' },
      { ms: 900, level: 'warn', t: '2026-11-25T12:00:00.000Z', msg: 'slow answer' }
    ])
  })

  it('redacts the token registered later, codes and verifySign, in the message and the fields', () => {
    const log = createLogger(dir)
    log.addSecret(TOKEN)
    log('info', `token is ${TOKEN}`, {
      request: { paymentBarcode: CODE, verifySign: 'ff'.repeat(16) },
      echo: `x${TOKEN}x`
    })
    log.close()
    const text = readFileSync(join(dir, 'app.log'), 'utf8')
    expect(text).not.toContain(TOKEN)
    expect(text).not.toContain(CODE)
    expect(text).not.toContain('ff'.repeat(16))
    expect(text).toContain('…1844')
  })

  it('rotates by size and keeps N files, newest first, deleting the oldest', () => {
    const log = createLogger(dir, { maxBytes: 2048, keep: 3 })
    for (let i = 0; i < 200; i++) log('info', `line ${i}`, { pad: 'x'.repeat(40) })
    log.close()
    expect(readdirSync(dir).sort()).toEqual(['app.1.log', 'app.2.log', 'app.log'])
    for (const f of log.files()) expect(readFileSync(f).length).toBeLessThanOrEqual(2048)
    // The newest line is in app.log, and the files hold consecutive lines with nothing lost in between.
    const all = [...log.files()].reverse().flatMap((f) => lines(f).map((l) => Number(String(l.msg).slice(5))))
    expect(all[all.length - 1]).toBe(199)
    expect(all).toEqual(all.map((_, i) => all[0]! + i))
  })

  it('never throws, even when the folder disappears', () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
    const log = createLogger(dir)
    log('info', 'one')
    log.close()
    rmSync(dir, { recursive: true, force: true })
    writeFileSync(dir, 'now a file')
    expect(() => log('info', 'two')).not.toThrow()
    // Reported once, not per line.
    expect(() => log('info', 'three')).not.toThrow()
    expect(quiet).toHaveBeenCalledTimes(1)
    quiet.mockRestore()
    rmSync(dir)
  })

  it('withRedaction scrubs before any sink sees the line', () => {
    const seen: unknown[] = []
    const sink: LogFn = (level, message, fields) => seen.push({ level, message, fields })
    const log = withRedaction(sink)
    log.addSecret(TOKEN)
    log('error', `oops ${TOKEN}`, { deep: { value: TOKEN } })
    expect(JSON.stringify(seen)).not.toContain(TOKEN)
    expect(log.secrets()).toEqual([TOKEN])
  })
})

describe('diagnostics zip', () => {
  it('holds logs (re-redacted), info and settings; never the ledger or the token', () => {
    const logDir = join(dir, 'logs')
    const log = createLogger(logDir)
    log('info', 'hello')
    log.close()
    // A line written before the token was known must not leak through the zip either.
    writeFileSync(join(logDir, 'app.1.log'), `{"msg":"old line with ${TOKEN}"}\n`)
    writeFileSync(join(dir, 'ledger.sqlite3'), 'SQLite format 3\0 secret sales')
    const r = exportDiagnostics({
      outDir: join(dir, 'diagnostics'),
      logFiles: log.files(),
      app: { name: 'QRC POS', version: '1.2.3', shell: 'harness', mode: 'training' },
      settings: { settings: { storeName: 'Shop' }, tokenSet: true, token: TOKEN },
      secrets: [TOKEN],
      now: Date.UTC(2026, 10, 25)
    })
    expect(r.files).toEqual(['info.json', 'logs/app.1.log', 'logs/app.log', 'settings.json'])
    const zipBytes = readFileSync(r.path)
    expect(r.bytes).toBe(zipBytes.length)
    const entries = unzipSync(zipBytes)
    const all = Object.values(entries)
      .map((u) => strFromU8(u))
      .join('\n')
    expect(all).not.toContain(TOKEN)
    expect(all).not.toContain('secret sales')
    const info = JSON.parse(strFromU8(entries['info.json']!))
    expect(info.app.version).toBe('1.2.3')
    expect(info.system).toMatchObject({ platform: process.platform, arch: process.arch, node: process.versions.node })
    expect(JSON.parse(strFromU8(entries['settings.json']!)).settings.storeName).toBe('Shop')
  })
})
