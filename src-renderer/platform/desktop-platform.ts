import type { DesktopApi } from '../../shared/ipc'
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
    readIdCard: () => api.readIdCard(),
  }
}
