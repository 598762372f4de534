import { join } from 'node:path'
import type { IpcResponse } from '../shared/ipc'

/** Electron reports a print failure in English; the clerk gets a Chinese line saying what to do. */
export function toPrintResult(success: boolean, failureReason: string): IpcResponse<'print:page'> {
  if (success) return { printed: true }
  if (failureReason === 'cancelled') return { printed: false, error: '已取消打印。' }
  return { printed: false, error: `打印失败，请检查打印机是否已连接、开机并装好纸张（${failureReason}）。` }
}

export function defaultPdfPath(documentsDir: string, suggestedName: string): string {
  return join(documentsDir, suggestedName)
}

/** Some Linux save dialogs return the name as typed; a PDF without its extension would not open on double-click. */
export function withPdfExtension(path: string): string {
  return path.toLowerCase().endsWith('.pdf') ? path : `${path}.pdf`
}
