import { and, desc, eq, lt } from 'drizzle-orm'
import type { Executor } from '../db/database'
import { deviceSyncLog, type DeviceSyncLogRow } from '../db/sync-log-schema'

type NewSyncLogRow = Omit<DeviceSyncLogRow, 'id'>

/** Appends the row, then drops what falls beyond the device's newest `keep` rows. */
export async function insertSyncLogRow(db: Executor, row: NewSyncLogRow, keep: number): Promise<void> {
  const [inserted] = await db.insert(deviceSyncLog).values(row).returning({ id: deviceSyncLog.id })
  if (!inserted || inserted.id <= keep) return
  // Ids only grow, so "older than the keep-th newest" is a plain id comparison per device.
  const [cutoff] = await db
    .select({ id: deviceSyncLog.id })
    .from(deviceSyncLog)
    .where(eq(deviceSyncLog.deviceId, row.deviceId))
    .orderBy(desc(deviceSyncLog.id))
    .offset(keep - 1)
    .limit(1)
  if (cutoff) await db.delete(deviceSyncLog).where(and(eq(deviceSyncLog.deviceId, row.deviceId), lt(deviceSyncLog.id, cutoff.id)))
}

/** The device's rows, newest first. */
export async function listSyncLogRows(db: Executor, deviceId: string, limit: number): Promise<DeviceSyncLogRow[]> {
  return db.select().from(deviceSyncLog).where(eq(deviceSyncLog.deviceId, deviceId)).orderBy(desc(deviceSyncLog.id)).limit(limit)
}
