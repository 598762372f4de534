import { useEffect, useMemo, useSyncExternalStore } from 'react'
import type { Enrollment } from '../db/meta'
import type { StationDb } from '../db/station-db'
import { createStationSyncEngine } from '../sync/start-station-sync'
import type { SyncEngine, SyncStatus } from '../sync/sync-engine'

/** One engine per enrollment (address + token), started while the component is mounted. */
export function useStationSyncEngine(db: StationDb, enrollment: Enrollment): SyncEngine {
  const { countyUrl, deviceToken } = enrollment
  const engine = useMemo(() => createStationSyncEngine(db, { countyUrl, deviceToken }), [db, countyUrl, deviceToken])
  useEffect(() => {
    engine.start()
    // A sign-in unlocks the data key: a paused engine goes on at once.
    const detach = db.dataKeys.subscribe(() => {
      if (db.dataKeys.state === 'unlocked') void engine.syncNow()
    })
    return () => {
      detach()
      engine.stop()
    }
  }, [db, engine])
  return engine
}

export function useSyncStatus(engine: SyncEngine): SyncStatus {
  return useSyncExternalStore(engine.subscribe, engine.getStatus)
}
