import type { Audience } from '../../../shared/catalog'
import type { CatalogItemRecord } from '../../db/catalog-item-record'
import type { StationDb } from '../../db/station-db'
import { matchesPinyin, normaliseQuery } from './search-key'

const byDomainThenName = (a: CatalogItemRecord, b: CatalogItemRecord): number =>
  a.domain.localeCompare(b.domain, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN')

/** The search box and the browse filters beside it; an absent filter lets every item through. */
export type CatalogFilter = {
  query: string
  domain?: string
  department?: string
  audience?: Audience
  lifeEvent?: string
}

/**
 * Whether an item matches what the clerk typed: part of its name, the start of one of its
 * codes, or its name in pinyin (full, initials or a mix, see matchesPinyin). Uses the key
 * stored with the item; no pinyin is computed here.
 */
export function matchesCatalogQuery(item: CatalogItemRecord, query: string): boolean {
  const needle = query.trim().toLowerCase()
  if (needle === '') return true
  if (item.name.toLowerCase().includes(needle)) return true
  const compact = normaliseQuery(query)
  if (compact === '') return false
  // Codes by prefix: a clerk reads a code off a form from its start; a substring like "0001" would hit every item.
  if ([item.implCode, item.baseCode, item.id].some((code) => code.toLowerCase().startsWith(compact))) return true
  return /^[a-z0-9]+$/.test(compact) && matchesPinyin(item.searchKey, compact)
}

export function isCatalogFilterEmpty(filter: CatalogFilter): boolean {
  const { query, ...browse } = filter
  return query.trim() === '' && Object.values(browse).every((value) => value === undefined)
}

export function matchesCatalogFilter(item: CatalogItemRecord, filter: CatalogFilter): boolean {
  if (filter.domain !== undefined && item.domain !== filter.domain) return false
  if (filter.department !== undefined && item.department !== filter.department) return false
  if (filter.audience !== undefined && !item.audience.includes(filter.audience)) return false
  if (filter.lifeEvent !== undefined && !item.lifeEvents.includes(filter.lifeEvent)) return false
  return matchesCatalogQuery(item, filter.query)
}

/** The values the browse filters offer, taken from the catalog itself so no filter leads to an empty list by design. */
export type CatalogFacets = { domains: string[]; departments: string[]; audiences: Audience[]; lifeEvents: string[] }

export function catalogFacets(items: readonly CatalogItemRecord[]): CatalogFacets {
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b, 'zh-CN'))
  return {
    domains: sorted(items.map((item) => item.domain)),
    departments: sorted(items.map((item) => item.department)),
    audiences: [...new Set(items.flatMap((item) => item.audience))].sort(),
    lifeEvents: sorted(items.flatMap((item) => item.lifeEvents)),
  }
}

/** The whole catalog (a county has hundreds of items, not more), sorted for display. */
export async function listCatalogItems(db: StationDb): Promise<CatalogItemRecord[]> {
  const items = await db.catalogItems.toArray()
  return items.sort(byDomainThenName)
}

/** The catalog narrowed by the search box and the browse filters. */
export async function searchCatalogItems(db: StationDb, filter: CatalogFilter): Promise<CatalogItemRecord[]> {
  return (await listCatalogItems(db)).filter((item) => matchesCatalogFilter(item, filter))
}

/** Items a new intake may be made for: only those in use (not 暂停 or 已取消). */
export async function listActiveCatalogItems(db: StationDb): Promise<CatalogItemRecord[]> {
  const items = await db.catalogItems.where('status').equals('active').toArray()
  return items.sort(byDomainThenName)
}
