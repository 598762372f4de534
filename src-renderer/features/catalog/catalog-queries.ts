import type { ServiceItem } from '../../../shared/catalog'
import type { StationDb } from '../../db/station-db'

const byDomainThenName = (a: ServiceItem, b: ServiceItem): number =>
  a.domain.localeCompare(b.domain, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN')

/** Whether an item matches what the clerk typed: part of its name or of one of its codes. */
export function matchesCatalogQuery(item: ServiceItem, query: string): boolean {
  const needle = query.trim().toLowerCase()
  if (needle === '') return true
  return [item.name, item.id, item.implCode, item.baseCode].some((text) => text.toLowerCase().includes(needle))
}

/** The whole catalog (a county has hundreds of items, not more), filtered by the search box. */
export async function searchCatalogItems(db: StationDb, query: string): Promise<ServiceItem[]> {
  const items = await db.catalogItems.toArray()
  return items.filter((item) => matchesCatalogQuery(item, query)).sort(byDomainThenName)
}

/** Items a new intake may be made for: only those in use (not 暂停 or 已取消). */
export async function listActiveCatalogItems(db: StationDb): Promise<ServiceItem[]> {
  const items = await db.catalogItems.where('status').equals('active').toArray()
  return items.sort(byDomainThenName)
}
