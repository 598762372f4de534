import { asc, eq, inArray, ne, sql } from 'drizzle-orm'
import type { ServiceItem } from '../../shared/catalog'
import type { Executor } from '../db/database'
import { catalogItems } from '../db/schema'

/** Inserts the item unless its id is already in the catalog; answers whether it was new. */
export async function insertCatalogItemIfAbsent(db: Executor, item: ServiceItem): Promise<boolean> {
  const inserted = await db
    .insert(catalogItems)
    .values({ id: item.id, version: item.version, status: item.status, data: item })
    .onConflictDoNothing()
    .returning({ id: catalogItems.id })
  return inserted.length === 1
}

export async function findCatalogItem(db: Executor, id: string): Promise<ServiceItem | undefined> {
  const [row] = await db.select({ data: catalogItems.data }).from(catalogItems).where(eq(catalogItems.id, id))
  return row?.data as ServiceItem | undefined
}

/**
 * The catalog items with these ids, by id, each with whether it is among the station's
 * 进驻事项 (one query, for a push that judges many intakes); unknown ids are absent.
 */
export async function findCatalogItemsAtStation(
  db: Executor,
  stationCode: string,
  ids: readonly string[],
): Promise<Map<string, { item: ServiceItem; offered: boolean }>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .select({
      id: catalogItems.id,
      data: catalogItems.data,
      // Written out: drizzle leaves a one-table select's columns unqualified, unclear inside EXISTS.
      offered: sql<boolean>`EXISTS (SELECT 1 FROM station_items AS s WHERE s.station_code = ${stationCode} AND s.item_id = catalog_items.id)`,
    })
    .from(catalogItems)
    .where(inArray(catalogItems.id, [...ids]))
  return new Map(rows.map((row) => [row.id, { item: row.data as ServiceItem, offered: row.offered }]))
}

/** Items a station can still take in: a withdrawn (已取消) item is no longer offered. */
export async function listOfferedCatalogItems(db: Executor): Promise<ServiceItem[]> {
  const rows = await db.select({ data: catalogItems.data }).from(catalogItems).where(ne(catalogItems.status, 'withdrawn')).orderBy(asc(catalogItems.id))
  return rows.map((row) => row.data as ServiceItem)
}

/** Every implementing department (实施主体) named in the catalog, sorted. */
export async function listCatalogDepartments(db: Executor): Promise<string[]> {
  const department = sql<string>`${catalogItems.data}->>'department'`
  const rows = await db.selectDistinct({ department }).from(catalogItems).orderBy(department)
  return rows.map((row) => row.department).filter((name): name is string => typeof name === 'string' && name !== '')
}
