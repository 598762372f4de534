import { asc, eq } from 'drizzle-orm'
import type { Executor } from '../db/database'
import { stationItems } from '../db/schema'

/** The station's 进驻事项 by item id, in id order (an empty list: none assigned yet). */
export async function listStationItemIds(db: Executor, stationCode: string): Promise<string[]> {
  const rows = await db
    .select({ itemId: stationItems.itemId })
    .from(stationItems)
    .where(eq(stationItems.stationCode, stationCode))
    .orderBy(asc(stationItems.itemId))
  return rows.map((row) => row.itemId)
}

export async function insertStationItems(db: Executor, stationCode: string, itemIds: readonly string[]): Promise<void> {
  if (itemIds.length === 0) return
  await db
    .insert(stationItems)
    .values(itemIds.map((itemId) => ({ stationCode, itemId })))
    .onConflictDoNothing()
}
