import { asc, desc, eq, lt, max } from 'drizzle-orm'
import type { ServiceItem } from '../../shared/catalog'
import type { Executor } from '../db/database'
import { catalogDrafts, catalogVersions, type CatalogDraftRow, type CatalogVersionRow } from '../db/catalog-version-schema'
import { catalogItems } from '../db/schema'

// The SQL of publishing catalog versions: the whole catalog, item upserts, versions and drafts.

/** The whole published catalog, every status, by id. */
export async function listCatalogItems(db: Executor): Promise<ServiceItem[]> {
  const rows = await db.select({ data: catalogItems.data }).from(catalogItems).orderBy(asc(catalogItems.id))
  return rows.map((row) => row.data as ServiceItem)
}

export async function upsertCatalogItem(db: Executor, item: ServiceItem, now: Date): Promise<void> {
  await db
    .insert(catalogItems)
    .values({ id: item.id, version: item.version, status: item.status, data: item, updatedAt: now })
    .onConflictDoUpdate({ target: catalogItems.id, set: { version: item.version, status: item.status, data: item, updatedAt: now } })
}

/** The highest item version: the starter catalog's version before any publish from the console. */
export async function maxCatalogItemVersion(db: Executor): Promise<number> {
  const [row] = await db.select({ version: max(catalogItems.version) }).from(catalogItems)
  return row?.version ?? 0
}

type NewCatalogVersion = Omit<CatalogVersionRow, 'publishedAt'> & { publishedAt: Date }

export async function maxPublishedCatalogVersion(db: Executor): Promise<number> {
  const [row] = await db.select({ version: max(catalogVersions.version) }).from(catalogVersions)
  return row?.version ?? 0
}

export async function insertCatalogVersion(db: Executor, version: NewCatalogVersion): Promise<CatalogVersionRow> {
  const [row] = await db.insert(catalogVersions).values(version).returning()
  if (!row) throw new Error('inserting a catalog version returned no row')
  return row
}

export async function listCatalogVersions(db: Executor): Promise<CatalogVersionRow[]> {
  return db.select().from(catalogVersions).orderBy(desc(catalogVersions.version))
}

export async function insertCatalogDraft(
  db: Executor,
  draft: { id: string; createdBy: string; createdAt: Date; fileName: string; baseVersion: number; items: ServiceItem[] },
): Promise<void> {
  await db.insert(catalogDrafts).values(draft)
}

export async function findCatalogDraft(db: Executor, id: string): Promise<CatalogDraftRow | undefined> {
  const [row] = await db.select().from(catalogDrafts).where(eq(catalogDrafts.id, id))
  return row
}

export async function deleteCatalogDraft(db: Executor, id: string): Promise<void> {
  await db.delete(catalogDrafts).where(eq(catalogDrafts.id, id))
}

export async function deleteCatalogDraftsBefore(db: Executor, before: Date): Promise<void> {
  await db.delete(catalogDrafts).where(lt(catalogDrafts.createdAt, before))
}
