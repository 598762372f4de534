type IpcErrorCode =
  | 'IPC_UNTRUSTED_SENDER'
  | 'IPC_UNKNOWN_CHANNEL'
  | 'IPC_INVALID_REQUEST'
  | 'PDF_WRITE_FAILED'
  | 'KEY_STORE_UNAVAILABLE'
  | 'KEY_STORE_UNWRAP_FAILED'
  | 'BACKUP_NO_FOLDER'
  | 'BACKUP_WRITE_FAILED'

/**
 * A refusal or failure the clerk may see. Electron passes only the message of an
 * error thrown from a handler to the renderer, so the message says what to do;
 * the code is for the main-process log and for tests.
 */
export class IpcError extends Error {
  readonly code: IpcErrorCode

  constructor(code: IpcErrorCode, message: string) {
    super(message)
    this.name = 'IpcError'
    this.code = code
  }
}
