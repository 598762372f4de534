import type { Platform } from '../../platform'
import type { StationDocument } from './document-model'

export type PrintOutcome = { ok: boolean; message: string }

/**
 * Prints the open document. The page's print CSS shows only the document (printed-document.css),
 * so the main process (desktop) and window.print() (browser) both print just that A4 sheet.
 */
export async function printDocument(platform: Platform, document: StationDocument): Promise<PrintOutcome> {
  const result = await platform.printPage()
  // window.print() does not say whether the clerk printed or cancelled; only the desktop knows.
  if (result.printed) return { ok: true, message: platform.kind === 'desktop' ? `${document.title}已发送到打印机` : `已打开${document.title}的打印对话框` }
  return { ok: false, message: result.error ?? '未能打印，请重试' }
}

/** Desktop only: the main process writes the PDF where the clerk chooses. */
export async function saveDocumentPdf(platform: Platform, document: StationDocument): Promise<PrintOutcome> {
  const result = await platform.savePdf(pdfFileName(document))
  if (result.saved) return { ok: true, message: `已保存到 ${result.path ?? '所选位置'}` }
  return { ok: false, message: platform.kind === 'desktop' ? '未保存 PDF' : '请在打印对话框中选择“另存为 PDF”' }
}

/**
 * e.g. 受理凭证-MHZMZ01-20261130-K3F0001.pdf, or 日报表-RB-MHZMZ01-20261130.pdf for a sheet about
 * no single intake; only characters every file system accepts (see shared/ipc.ts).
 */
export function pdfFileName(document: StationDocument): string {
  return `${document.title}-${document.intakeNo ?? document.documentNo}.pdf`.replace(/[\\/:*?"<>|]/g, '_')
}
