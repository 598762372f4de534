import type { DesktopApi } from '../../shared/ipc'
import { fromBase64, toBase64 } from '../lib/base64'
import type { Platform } from './platform'

/** Desktop mode: each call goes through the preload's `window.bianmin`, checked by main against shared/ipc.ts. */
export function createDesktopPlatform(api: DesktopApi): Platform {
  return {
    kind: 'desktop',
    getInfo: async () => {
      const info = await api.getInfo()
      return { kind: 'desktop', version: info.version, platform: info.platform }
    },
    printPage: (options) => api.printPage({ silent: options?.silent ?? false }),
    savePdf: (suggestedName) => api.savePdf({ suggestedName }),
    osKeyStore: {
      wrap: async (dataKey) => (await api.wrapDataKey({ dataKey: toBase64(dataKey) })).wrapped,
      unwrap: async (wrapped) => fromBase64((await api.unwrapDataKey({ wrapped })).dataKey),
    },
    backupFolder: {
      current: async () => (await api.backupFolder()).folder,
      choose: async () => (await api.chooseBackupFolder()).folder,
      write: async (fileName, bytes) => (await api.writeBackup({ fileName, contentBase64: toBase64(bytes) })).path,
    },
    readIdCard: () => api.readIdCard(),
  }
}
