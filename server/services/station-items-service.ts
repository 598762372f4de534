import type { Transaction } from '../db/database'
import { appendChange } from '../repositories/change-repository'
import { insertStationItems, listStationItemIds } from '../repositories/station-item-repository'

/**
 * The station's 进驻事项, assigning `initial()` first when it has none yet; runs inside a change
 * transaction. A station that already has a list keeps it: the seed must not undo what the
 * county set since. The assignment is published to that station only.
 */
export async function ensureStationItems(tx: Transaction, stationCode: string, initial: () => string[]): Promise<string[]> {
  const held = await listStationItemIds(tx, stationCode)
  if (held.length > 0) return held
  const itemIds = [...new Set(initial())].sort()
  if (itemIds.length === 0) return []
  await insertStationItems(tx, stationCode, itemIds)
  await appendChange(tx, { stationCode, entity: 'stationItems', entityId: stationCode, op: 'put', data: { stationCode, itemIds } })
  return itemIds
}
