/**
 * Electron glue for receipts and reports: the HTML that core renders is loaded into a hidden, locked-down
 * window (sandboxed, no JavaScript, no navigation, no new windows) and either printed silently to the
 * chosen printer (`webContents.print`) or turned into PDF (`printToPDF`, honouring the document's CSS
 * page size). Core never imports Electron; services get this as their `Printer`.
 */
import { BrowserWindow, type WebContents } from 'electron'
import type { Printer } from './core/reports/history-service'
import type { PaperFormat } from './core/receipts/receipt-html'

/** Microns, as `webContents.print` wants them. 80 mm rolls: a long page the printer cuts after the text. */
export function printPageSize(format: PaperFormat): 'A4' | 'Letter' | { width: number; height: number } {
  if (format === 'a4') return 'A4'
  if (format === 'letter') return 'Letter'
  return { width: 80_000, height: 297_000 }
}

/** Loads `html` in a hidden window that can do nothing but render it, runs `fn`, then destroys the window. */
async function withDocument<T>(html: string, fn: (contents: WebContents) => Promise<T>): Promise<T> {
  const win = new BrowserWindow({
    show: false,
    width: 420,
    height: 900,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false }
  })
  const contents = win.webContents
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`)
    return await fn(contents)
  } finally {
    if (!win.isDestroyed()) win.destroy()
  }
}

export function createElectronPrinter(): Printer {
  return {
    print(html, o) {
      return withDocument(
        html,
        (contents) =>
          new Promise<void>((resolve, reject) => {
            contents.print(
              {
                silent: true,
                printBackground: true,
                ...(o.printer ? { deviceName: o.printer } : {}),
                margins: { marginType: o.format === '80mm' ? 'none' : 'default' },
                pageSize: printPageSize(o.format)
              },
              (success, failureReason) =>
                success ? resolve() : reject(new Error(failureReason || 'the printer did not accept the job'))
            )
          })
      )
    },
    pdf(html) {
      return withDocument(html, async (contents) => {
        const buffer = await contents.printToPDF({ printBackground: true, preferCSSPageSize: true })
        return new Uint8Array(buffer)
      })
    }
  }
}
