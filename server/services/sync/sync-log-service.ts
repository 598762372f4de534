import type { DeviceSyncLogResponse, SyncLogKind, SyncLogSummary } from '../../../shared/admin'
import { AppError } from '../../app-error'
import type { Database } from '../../db/database'
import { findDevice } from '../../repositories/device-repository'
import { insertSyncLogRow, listSyncLogRows } from '../../repositories/sync-log-repository'
import type { DeviceIdentity } from '../stations/device-auth-service'

/** Newest rows kept per device: enough for weeks of a station's day, and the table stays bounded. */
const SYNC_LOG_KEEP = 500
const LIST_LIMIT = 200

type SyncLogWarn = { warn(details: object, message: string): void }

/**
 * Records one request in the device's sync log. Best effort: the log is for the operator's
 * eyes, so a failure to write it is a warning and never the request's failure.
 */
export async function recordSync(
  db: Database,
  device: DeviceIdentity,
  entry: { kind: SyncLogKind; statusCode: number; summary: SyncLogSummary },
  log: SyncLogWarn,
  now: Date = new Date(),
): Promise<void> {
  try {
    await insertSyncLogRow(db, { deviceId: device.deviceId, stationCode: device.stationCode, ...entry, at: now }, SYNC_LOG_KEEP)
  } catch (failure) {
    log.warn({ err: failure, deviceId: device.deviceId, kind: entry.kind }, 'sync log row not written')
  }
}

/**
 * Runs a device request and logs it with its summary once it succeeded. A refused request
 * stores nothing, not even a log row (the bad-input rule); the server log has those.
 */
export async function withSyncLog<T>(
  db: Database,
  device: DeviceIdentity,
  kind: SyncLogKind,
  log: SyncLogWarn,
  run: () => Promise<T>,
  summarize: (result: T) => SyncLogSummary,
): Promise<T> {
  const result = await run()
  await recordSync(db, device, { kind, statusCode: 200, summary: summarize(result) }, log)
  return result
}

export async function getDeviceSyncLog(db: Database, deviceId: string): Promise<DeviceSyncLogResponse> {
  const device = await findDevice(db, deviceId)
  if (!device) throw new AppError('not_found', '设备不存在，请刷新站点列表后重试')
  const rows = await listSyncLogRows(db, deviceId, LIST_LIMIT)
  return {
    deviceId: device.id,
    stationCode: device.stationCode,
    deviceName: device.name,
    lastSeenAt: device.lastSeenAt?.toISOString() ?? null,
    lastSyncAt: rows[0]?.at.toISOString() ?? null,
    entries: rows.map((row) => ({
      at: row.at.toISOString(),
      kind: row.kind as SyncLogKind,
      statusCode: row.statusCode,
      summary: row.summary,
    })),
  }
}
