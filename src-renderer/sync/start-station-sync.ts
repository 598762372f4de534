import type { Enrollment } from '../db/meta'
import type { StationDb } from '../db/station-db'
import { createCountyClient } from './county-client'
import { createSyncEngine, type SyncEngine } from './sync-engine'
import { readSyncIntervalOverride } from './sync-interval'
import { createFileUploader } from './upload-files'

/** The engine the app runs once the device is enrolled: real client, browser wake-ups, the test override of intervals. */
export function createStationSyncEngine(db: StationDb, enrollment: Pick<Enrollment, 'countyUrl' | 'deviceToken'>): SyncEngine {
  const override = readSyncIntervalOverride()
  return createSyncEngine({
    db,
    client: createCountyClient({ baseUrl: enrollment.countyUrl, token: enrollment.deviceToken }),
    intervalMs: override ?? undefined,
    unreachableIntervalMs: override ?? undefined,
    files: createFileUploader({ baseUrl: enrollment.countyUrl, token: enrollment.deviceToken }),
  })
}
