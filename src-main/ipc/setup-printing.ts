import { app, BrowserWindow, dialog, type WebContents } from 'electron'
import { writeFile } from 'node:fs/promises'
import { defaultPdfPath, toPrintResult, withPdfExtension } from '../printing-rules'
import { IpcError } from './ipc-error'
import type { MainHandlers } from './main-handlers'

/** Printing always prints the page that asked: the renderer lays out the receipt or notice first. */
export function setupPrinting(): MainHandlers<'print:page' | 'print:savePdf'> {
  return {
    'print:page': ({ silent }, event) => printPage(event.sender, silent),
    'print:savePdf': async ({ suggestedName }, event) => {
      const window = BrowserWindow.fromWebContents(event.sender)
      const options = {
        title: '保存为 PDF',
        defaultPath: defaultPdfPath(app.getPath('documents'), suggestedName),
        filters: [{ name: 'PDF 文件', extensions: ['pdf'] }],
      }
      const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options)
      if (choice.canceled || !choice.filePath) return { saved: false }
      const path = withPdfExtension(choice.filePath)
      const pdf = await event.sender.printToPDF({ pageSize: 'A4', printBackground: true })
      try {
        await writeFile(path, pdf)
      } catch {
        throw new IpcError('PDF_WRITE_FAILED', '无法保存 PDF 文件：请确认所选文件夹可以写入，且同名文件没有被其他程序打开。')
      }
      return { saved: true, path }
    },
  }
}

function printPage(contents: WebContents, silent: boolean) {
  return new Promise<ReturnType<typeof toPrintResult>>((resolve) => {
    contents.print({ silent, printBackground: true }, (success, failureReason) => resolve(toPrintResult(success, failureReason)))
  })
}
