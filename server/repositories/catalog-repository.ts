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

/** The catalog items with these ids, by id; unknown ids are absent. */
export async function findCatalogItems(db: Executor, ids: readonly string[]): Promise<Map<string, ServiceItem>> {
  if (ids.length === 0) return new Map()
  const rows = await db.select({ id: catalogItems.id, data: catalogItems.data }).from(catalogItems).where(inArray(catalogItems.id, [...ids]))
  return new Map(rows.map((row) => [row.id, row.data as ServiceItem]))
}

/** Items a station can still take in: a withdrawn (已取消) item is no longer offered. */
export async function listOfferedCatalogItems(db: Executor): Promise<ServiceItem[]> {
  const rows = await db
    .select({ data: catalogItems.data })
    .from(catalogItems)
    .where(ne(catalogItems.status, 'withdrawn'))
    .orderBy(asc(catalogItems.id))
  return rows.map((row) => row.data as ServiceItem)
}

/** Every implementing department (实施主体) named in the catalog, sorted. */
export async function listCatalogDepartments(db: Executor): Promise<string[]> {
  const department = sql<string>`${catalogItems.data}->>'department'`
  const rows = await db.selectDistinct({ department }).from(catalogItems).orderBy(department)
  return rows.map((row) => row.department).filter((name): name is string => typeof name === 'string' && name !== '')
}
