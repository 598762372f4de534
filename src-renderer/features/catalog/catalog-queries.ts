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

/** What the clerk typed, prepared once per keystroke rather than once per item. */
type PreparedQuery = { needle: string; compact: string; pinyin: boolean }
let lastPrepared: { query: string; prepared: PreparedQuery } | undefined

function prepareQuery(query: string): PreparedQuery {
  if (lastPrepared?.query === query) return lastPrepared.prepared
  const compact = normaliseQuery(query)
  const prepared = { needle: query.trim().toLowerCase(), compact, pinyin: /^[a-z0-9]+$/.test(compact) }
  lastPrepared = { query, prepared }
  return prepared
}

/** Lower-cased name and codes and the name's pinyin run together, made once per item object. */
type ItemView = { name: string; codes: string[]; joinedPinyin: string }
const itemViews = new WeakMap<CatalogItemRecord, ItemView>()

function viewOf(item: CatalogItemRecord): ItemView {
  let view = itemViews.get(item)
  if (view === undefined) {
    view = {
      name: item.name.toLowerCase(),
      codes: [item.implCode, item.baseCode, item.id].map((code) => code.toLowerCase()),
      joinedPinyin: item.searchKey.syllables.join(''),
    }
    itemViews.set(item, view)
  }
  return view
}

/** Whether every character of `needle` appears in `text` in order (not necessarily together). */
function isSubsequence(needle: string, text: string): boolean {
  let at = 0
  for (let index = 0; index < text.length && at < needle.length; index++) {
    if (text.charCodeAt(index) === needle.charCodeAt(at)) at++
  }
  return at === needle.length
}

/**
 * Whether an item matches what the clerk typed: part of its name, the start of one of its
 * codes, or its name in pinyin (full, initials or a mix, see matchesPinyin). Uses the key
 * stored with the item; no pinyin is computed here. Runs for every item on every keystroke,
 * so the query is prepared once and each item's lower-cased text is kept beside it.
 */
export function matchesCatalogQuery(item: CatalogItemRecord, query: string): boolean {
  const { needle, compact, pinyin } = prepareQuery(query)
  if (needle === '') return true
  const view = viewOf(item)
  if (view.name.includes(needle)) return true
  if (compact === '') return false
  // Codes by prefix: a clerk reads a code off a form from its start; a substring like "0001" would hit every item.
  if (view.codes.some((code) => code.startsWith(compact))) return true
  // A pinyin match is made of prefixes of consecutive syllables, so its letters appear in order
  // in the syllables run together: a cheap test that turns most names away before matchesPinyin.
  return pinyin && isSubsequence(compact, view.joinedPinyin) && matchesPinyin(item.searchKey, compact)
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
