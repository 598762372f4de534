import { and, asc, count, eq, notInArray } from 'drizzle-orm'
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

/** Makes the station's rows exactly `itemIds`: rows not listed go, missing ones come. */
export async function replaceStationItems(db: Executor, stationCode: string, itemIds: readonly string[]): Promise<void> {
  const gone =
    itemIds.length === 0
      ? eq(stationItems.stationCode, stationCode)
      : and(eq(stationItems.stationCode, stationCode), notInArray(stationItems.itemId, [...itemIds]))
  await db.delete(stationItems).where(gone)
  await insertStationItems(db, stationCode, itemIds)
}

/** How many 进驻事项 each station has (stations with none are absent). */
export async function countStationItems(db: Executor): Promise<Map<string, number>> {
  const rows = await db.select({ stationCode: stationItems.stationCode, items: count() }).from(stationItems).groupBy(stationItems.stationCode)
  return new Map(rows.map((row) => [row.stationCode, Number(row.items)]))
}
