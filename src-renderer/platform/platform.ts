import type { IdCardReadResult } from '../../shared/id-card'

/** The desktop app's OS key store (Electron safeStorage, through the preload); wraps the device data key. */
export type OsKeyStore = {
  wrap(dataKey: Uint8Array): Promise<string>
  unwrap(wrapped: string): Promise<Uint8Array>
}

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
  /** Desktop only: the OS key store that wraps the device data key (Electron safeStorage). */
  osKeyStore?: OsKeyStore
  /** Desktop only: the folder the daily backups go to, chosen in main's dialog. */
  backupFolder?: BackupFolder
}

export type BackupFolder = {
  /** The chosen folder, or null before one was chosen. */
  current(): Promise<string | null>
  /** Opens the folder dialog; the folder now chosen (the previous one if cancelled). */
  choose(): Promise<string | null>
  /** Writes one backup file into the folder; the file's path. */
  write(fileName: string, bytes: Uint8Array): Promise<string>
}
