import { DAILY_BACKUP_KEY_META_KEY, dailyBackupKeySchema, LAST_DAILY_BACKUP_META_KEY } from '../../../shared/station-backup'
import { chinaDate } from '../../../shared/working-days'
import type { StationDb } from '../../db/station-db'
import type { BackupFolder } from '../../platform/platform'
import { createStationBackup, deriveBackupKey } from './station-backup'

/**
 * 每日自动备份 (desktop): once a station day, the whole database goes to the folder the clerk
 * chose, sealed under the key of the backup password they typed when they turned it on (kept
 * sealed at rest in `meta`; the password itself is never stored).
 */
export async function enableDailyBackup(db: StationDb, password: string): Promise<void> {
  await db.meta.put({ key: DAILY_BACKUP_KEY_META_KEY, value: dailyBackupKeySchema.parse(await deriveBackupKey(password)) })
}

export async function dailyBackupEnabled(db: StationDb): Promise<boolean> {
  return dailyBackupKeySchema.safeParse((await db.meta.get(DAILY_BACKUP_KEY_META_KEY))?.value).success
}

/** Writes today's backup unless it is written, not set up, or the folder is not chosen; the file's path or null. */
export async function runDailyBackupIfDue(db: StationDb, folder: BackupFolder, now: Date = new Date()): Promise<string | null> {
  const today = chinaDate(now)
  if ((await db.meta.get(LAST_DAILY_BACKUP_META_KEY))?.value === today) return null
  const key = dailyBackupKeySchema.safeParse((await db.meta.get(DAILY_BACKUP_KEY_META_KEY))?.value)
  if (!key.success || (await folder.current()) === null) return null
  const backup = await createStationBackup(db, key.data, now)
  const path = await folder.write(backup.fileName, backup.bytes)
  await db.meta.put({ key: LAST_DAILY_BACKUP_META_KEY, value: today })
  return path
}
