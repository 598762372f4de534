import type { IdCardReadResult } from '../../shared/id-card'

/** What the renderer may ask of the machine it runs on; the only way it reaches the desktop. */
export type PlatformInfo = { kind: PlatformKind; version: string; platform: string }

export type PlatformKind = 'desktop' | 'browser'

export type Platform = {
  kind: PlatformKind
  getInfo(): Promise<PlatformInfo>
  /** Prints the current page (受理凭证, 一次性告知书…). */
  printPage(options?: { silent?: boolean }): Promise<{ printed: boolean; error?: string }>
  /** Saves the current page as a PDF; in a browser the print dialog's "另存为 PDF" does it. */
  savePdf(suggestedName: string): Promise<{ saved: boolean; path?: string }>
  /** One read on the desktop's ID card reader (standard SDK through main); a browser has none. */
  readIdCard(): Promise<IdCardReadResult>
}
