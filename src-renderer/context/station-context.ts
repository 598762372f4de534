import { createContext, useContext } from 'react'
import type { StationDb } from '../db/station-db'
import type { Platform } from '../platform'
import type { SyncEngine } from '../sync/sync-engine'

type StationContextValue = { db: StationDb; platform: Platform }

export const StationContext = createContext<StationContextValue | null>(null)

/** The database and platform for the feature components (set once in main.tsx). */
export function useStation(): StationContextValue {
  const value = useContext(StationContext)
  if (value === null) throw new Error('useStation must be used inside <StationContext>')
  return value
}

/** The running sync engine, or null before enrollment. */
export const SyncEngineContext = createContext<SyncEngine | null>(null)

export function useSyncEngine(): SyncEngine | null {
  return useContext(SyncEngineContext)
}
