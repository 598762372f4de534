const SYNC_INTERVAL_STORAGE_KEY = 'bianmin.syncIntervalMs'

/**
 * `localStorage['bianmin.syncIntervalMs']` overrides both sync intervals (reachable and
 * unreachable), so end-to-end tests can sync every second. Anything not a sane number is ignored.
 */
export function readSyncIntervalOverride(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): number | null {
  let raw: string | null
  try {
    raw = storage?.getItem(SYNC_INTERVAL_STORAGE_KEY) ?? null
  } catch {
    return null
  }
  if (raw === null || !/^\d+$/.test(raw.trim())) return null
  const value = Number(raw)
  return value >= 100 && value <= 3_600_000 ? value : null
}
