import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { backupFolderSettingsSchema, STATION_BACKUP_FILE_NAME } from '../shared/station-backup'
import { IpcError } from './ipc/ipc-error'

/** Daily backups kept in the chosen folder; older ones are removed after a new one is written. */
export const BACKUPS_KEPT = 14

/**
 * Where the desktop app writes its daily station backups: a folder the clerk chose in main's own
 * dialog (kept in a settings file of the app's data folder), never a path the page names, so a
 * page cannot make main write elsewhere. Files are written whole (temporary name, then renamed).
 */
export function createBackupFolder(settingsPath: string) {
  async function folder(): Promise<string | null> {
    try {
      const parsed = backupFolderSettingsSchema.safeParse(JSON.parse(await readFile(settingsPath, 'utf8')))
      return parsed.success ? parsed.data.folder : null
    } catch {
      return null
    }
  }

  return {
    folder,
    async choose(chosen: string): Promise<void> {
      await writeFile(settingsPath, JSON.stringify(backupFolderSettingsSchema.parse({ folder: chosen })))
    },
    async write(fileName: string, bytes: Uint8Array): Promise<string> {
      const target = await folder()
      if (target === null) throw new IpcError('BACKUP_NO_FOLDER', '尚未选择每日备份文件夹：请在“本机维护 → 备份本机数据”中选择')
      if (!STATION_BACKUP_FILE_NAME.test(fileName)) throw new IpcError('IPC_INVALID_REQUEST', '备份文件名不合法')
      const path = join(target, fileName)
      try {
        await mkdir(target, { recursive: true })
        await writeFile(`${path}.tmp`, bytes)
        await rename(`${path}.tmp`, path)
        const backups = (await readdir(target)).filter((name) => STATION_BACKUP_FILE_NAME.test(name)).sort()
        // Names end in the date, so within one station the sort is by day; the oldest go.
        for (const old of backups.slice(0, Math.max(0, backups.length - BACKUPS_KEPT))) await rm(join(target, old), { force: true })
      } catch {
        throw new IpcError('BACKUP_WRITE_FAILED', `无法写入备份文件夹“${target}”：请确认U盘或移动硬盘已插好、文件夹可以写入，或重新选择文件夹`)
      }
      return path
    },
  }
}
