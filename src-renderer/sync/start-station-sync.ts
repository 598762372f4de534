import type { Enrollment } from '../db/meta'
import type { StationDb } from '../db/station-db'
import { createCountyClient } from './county-client'
import { createSyncEngine, type SyncEngine } from './sync-engine'
import { readSyncIntervalOverride } from './sync-interval'
import { createFileUploader } from './upload-files'

const SYNC_PAUSED_MESSAGE = '同步已暂停：本机数据已加密，工作人员登录后自动继续'

/**
 * The engine the app runs once the device is enrolled: real client, browser wake-ups, the test
 * override of intervals. A token still sealed (data key locked) pauses it, as does the key itself.
 */
export function createStationSyncEngine(db: StationDb, enrollment: Pick<Enrollment, 'countyUrl' | 'deviceToken'>): SyncEngine {
  const override = readSyncIntervalOverride()
  const token = enrollment.deviceToken ?? ''
  return createSyncEngine({
    db,
    client: createCountyClient({ baseUrl: enrollment.countyUrl, token }),
    intervalMs: override ?? undefined,
    unreachableIntervalMs: override ?? undefined,
    files: createFileUploader({ baseUrl: enrollment.countyUrl, token }),
    pausedReason: () => (enrollment.deviceToken === null || db.dataKeys.state === 'locked' ? SYNC_PAUSED_MESSAGE : null),
  })
}
