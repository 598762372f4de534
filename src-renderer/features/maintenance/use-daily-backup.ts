import { useEffect } from 'react'
import type { StationDb } from '../../db/station-db'
import type { Platform } from '../../platform'
import { runDailyBackupIfDue } from './daily-backup'

/** How often the desktop app looks whether today's backup is due (it runs once a day). */
const CHECK_INTERVAL_MS = 60 * 60 * 1000

/**
 * Runs the daily backup while the station view is open (desktop only). A failure (a folder on a
 * USB stick that is out) is retried at the next check; 本机维护 shows the last backup day.
 */
export function useDailyBackup(db: StationDb, platform: Platform): void {
  useEffect(() => {
    const folder = platform.backupFolder
    if (folder === undefined) return
    const run = () => void runDailyBackupIfDue(db, folder).catch(() => undefined)
    run()
    const timer = window.setInterval(run, CHECK_INTERVAL_MS)
    return () => window.clearInterval(timer)
  }, [db, platform])
}
