import { contextBridge, ipcRenderer } from 'electron'
import type { DesktopApi, IpcChannel, IpcRequest, IpcResponse } from '../shared/ipc'

// Types only from shared/: the sandboxed preload is bundled whole and must stay
// small; main validates every request against the contract anyway.
function invoke<C extends IpcChannel>(channel: C, request?: IpcRequest<C>): Promise<IpcResponse<C>> {
  return ipcRenderer.invoke(channel, request) as Promise<IpcResponse<C>>
}

// One named function per channel; the page never gets ipcRenderer or a way to name a channel itself.
const api = {
  getInfo: () => invoke('app:getInfo'),
  printPage: (request) => invoke('print:page', request),
  savePdf: (request) => invoke('print:savePdf', request),
  wrapDataKey: (request) => invoke('dataKey:wrap', request),
  unwrapDataKey: (request) => invoke('dataKey:unwrap', request),
  backupFolder: () => invoke('backup:folder'),
  chooseBackupFolder: () => invoke('backup:chooseFolder'),
  writeBackup: (request) => invoke('backup:write', request),
  readIdCard: () => invoke('idCard:read'),
} satisfies DesktopApi

contextBridge.exposeInMainWorld('bianmin', api)
