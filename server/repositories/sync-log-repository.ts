import { desc, eq, sql } from 'drizzle-orm'
import type { Executor } from '../db/database'
import { deviceSyncLog, type DeviceSyncLogRow } from '../db/sync-log-schema'

type NewSyncLogRow = Omit<DeviceSyncLogRow, 'id'>

/**
 * Appends the row and drops what falls beyond the device's newest `keep` rows, in one
 * statement (every device request writes one). The DELETE sees the rows as they were
 * before this insert, so it keeps the newest `keep - 1` of those; ids only grow, so
 * "older than the cutoff" is a plain id comparison per device.
 */
export async function insertSyncLogRow(db: Executor, row: NewSyncLogRow, keep: number): Promise<void> {
  const older =
    keep > 1
      ? sql`${deviceSyncLog.id} < (SELECT ${deviceSyncLog.id} FROM ${deviceSyncLog} WHERE ${deviceSyncLog.deviceId} = ${row.deviceId} ORDER BY ${deviceSyncLog.id} DESC OFFSET ${keep - 2} LIMIT 1)`
      : sql`TRUE`
  await db.execute(sql`
    WITH inserted AS (
      INSERT INTO ${deviceSyncLog} (device_id, station_code, kind, status_code, summary, at)
      VALUES (${row.deviceId}, ${row.stationCode}, ${row.kind}, ${row.statusCode}, ${JSON.stringify(row.summary)}::jsonb, ${row.at.toISOString()}::timestamptz)
    )
    DELETE FROM ${deviceSyncLog} WHERE ${deviceSyncLog.deviceId} = ${row.deviceId} AND ${older}`)
}

/** The device's rows, newest first. */
export async function listSyncLogRows(db: Executor, deviceId: string, limit: number): Promise<DeviceSyncLogRow[]> {
  return db.select().from(deviceSyncLog).where(eq(deviceSyncLog.deviceId, deviceId)).orderBy(desc(deviceSyncLog.id)).limit(limit)
}
