import { IpcError } from './ipc/ipc-error'

/** The part of Electron's safeStorage this needs; tests pass a fake. */
export type SafeStorageLike = {
  isEncryptionAvailable(): boolean
  encryptString(plainText: string): Buffer
  decryptString(encrypted: Buffer): string
}

const UNAVAILABLE_MESSAGE = '本机系统的密钥保管功能不可用，无法保护本机数据：请以本机用户身份登录 Windows 后重新打开程序，或联系技术支持'
const UNWRAP_FAILED_MESSAGE = '无法用本机系统的密钥保管功能打开本机数据（可能换了 Windows 用户或重装了系统）：请从备份恢复，或联系技术支持'

/**
 * Wraps and unwraps the station's device data key with the OS key store (DPAPI on Windows,
 * Keychain on macOS, libsecret on Linux): the wrapped key sits in IndexedDB and opens only for
 * this OS user on this machine. Keys travel as base64 on both sides of the IPC call.
 */
export function createDataKeyStore(storage: SafeStorageLike) {
  const assertAvailable = () => {
    if (!storage.isEncryptionAvailable()) throw new IpcError('KEY_STORE_UNAVAILABLE', UNAVAILABLE_MESSAGE)
  }
  return {
    wrap(dataKey: string): string {
      assertAvailable()
      return storage.encryptString(dataKey).toString('base64')
    },
    unwrap(wrapped: string): string {
      assertAvailable()
      try {
        return storage.decryptString(Buffer.from(wrapped, 'base64'))
      } catch {
        throw new IpcError('KEY_STORE_UNWRAP_FAILED', UNWRAP_FAILED_MESSAGE)
      }
    },
  }
}
