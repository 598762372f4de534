import { app, BrowserWindow, dialog } from 'electron'
import { join } from 'node:path'
import { createBackupFolder } from '../backup-folder'
import type { MainHandlers } from './main-handlers'

/** The daily station backup: main's folder dialog and the write into that folder (logic in backup-folder.ts). */
export function setupBackup(): MainHandlers<'backup:folder' | 'backup:chooseFolder' | 'backup:write'> {
  const backups = createBackupFolder(join(app.getPath('userData'), 'backup-folder.json'))
  return {
    'backup:folder': async () => ({ folder: await backups.folder() }),
    'backup:chooseFolder': async (_request, event) => {
      const window = BrowserWindow.fromWebContents(event.sender)
      const options = { title: '选择每日备份文件夹（建议U盘或另一块硬盘）', properties: ['openDirectory' as const, 'createDirectory' as const] }
      const choice = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
      const folder = choice.canceled ? undefined : choice.filePaths[0]
      if (folder === undefined) return { folder: await backups.folder() }
      await backups.choose(folder)
      return { folder }
    },
    'backup:write': async ({ fileName, contentBase64 }) => ({ path: await backups.write(fileName, Buffer.from(contentBase64, 'base64')) }),
  }
}
