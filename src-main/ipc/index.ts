import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import { IPC_CHANNELS, ipcContract } from '../../shared/ipc'
import type { AppLocation } from '../app-location'
import { isTrustedSender } from '../trusted-sender'
import { createIpcDispatcher } from './dispatcher'
import { IpcError } from './ipc-error'
import { setupAppInfo } from './setup-app-info'
import { setupBackup } from './setup-backup'
import { setupDataKey } from './setup-data-key'
import { setupIdCard } from './setup-id-card'
import { setupPrinting } from './setup-printing'

/** Registers one handler per channel of shared/ipc.ts, each behind the trusted-sender and schema checks. */
export function registerIpcHandlers(location: AppLocation): void {
  const dispatch = createIpcDispatcher(
    ipcContract,
    { ...setupAppInfo(), ...setupPrinting(), ...setupDataKey(), ...setupBackup(), ...setupIdCard() },
    (event: IpcMainInvokeEvent) => isTrustedSender(event, location),
  )
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, async (event, request: unknown) => {
      try {
        return await dispatch(channel, event, request)
      } catch (error) {
        // Logged without the request: it may carry a resident's personal data.
        if (error instanceof IpcError) console.warn(`[ipc] ${channel}: ${error.code} (sender ${senderUrl(event)})`)
        else console.error(`[ipc] ${channel} failed`, error)
        throw error
      }
    })
  }
}

function senderUrl(event: IpcMainInvokeEvent): string {
  try {
    return event.senderFrame?.url ?? 'gone'
  } catch {
    return 'disposed'
  }
}
