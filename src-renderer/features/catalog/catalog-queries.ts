import type { Audience } from '../../../shared/catalog'
import type { CatalogItemRecord } from '../../db/catalog-item-record'
import type { StationDb } from '../../db/station-db'
import { matchesPinyin } from '../../lib/search-key'
import { prepareQuery, type PreparedQuery } from './catalog-query-index'

// One collator for every comparison: localeCompare with a locale builds one per call, slow over thousands of items.
const zhCollator = new Intl.Collator('zh-CN')

/**
 * Sorts items for display, by 主题领域 then name, in the collator's order. The few domains are
 * ranked once, so of the two collator comparisons per step only the name's is left: the same
 * order (domains the collator holds equal share a rank) at about half the cost.
 */
function sortByDomainThenName(items: CatalogItemRecord[]): CatalogItemRecord[] {
  const domains = [...new Set(items.map((item) => item.domain))].sort(zhCollator.compare)
  const rank = new Map<string, number>()
  domains.forEach((domain, index) =>
    rank.set(domain, index > 0 && zhCollator.compare(domains[index - 1]!, domain) === 0 ? rank.get(domains[index - 1]!)! : index),
  )
  return items.sort((a, b) => rank.get(a.domain)! - rank.get(b.domain)! || zhCollator.compare(a.name, b.name))
}

/** The search box and the browse filters beside it; an absent filter lets every item through. */
export type CatalogFilter = {
  query: string
  domain?: string
  department?: string
  audience?: Audience
  lifeEvent?: string
}

// The last query, prepared: matchesCatalogQuery is called once per item with the same query.
let lastPrepared: { query: string; prepared: PreparedQuery } | undefined

function preparedOnce(query: string): PreparedQuery {
  if (lastPrepared?.query !== query) lastPrepared = { query, prepared: prepareQuery(query) }
  return lastPrepared.prepared
}

/** Lower-cased name and codes and the name's pinyin run together, made once per item object. */
type ItemView = { name: string; codes: string[]; joinedPinyin: string }
const itemViews = new WeakMap<CatalogItemRecord, ItemView>()

function makeView(item: CatalogItemRecord): ItemView {
  return {
    name: item.name.toLowerCase(),
    codes: [item.implCode, item.baseCode, item.id].map((code) => code.toLowerCase()),
    joinedPinyin: item.searchKey.syllables.join(''),
  }
}

function viewOf(item: CatalogItemRecord): ItemView {
  let view = itemViews.get(item)
  if (view === undefined) {
    view = makeView(item)
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

/** The one matching rule, over an item's prepared view; the query is not empty. */
function matchesPrepared(item: CatalogItemRecord, view: ItemView, { needle, compact, pinyin }: PreparedQuery): boolean {
  if (view.name.includes(needle)) return true
  if (compact === '') return false
  // Codes by prefix: a clerk reads a code off a form from its start; a substring like "0001" would hit every item.
  for (const code of view.codes) if (code.startsWith(compact)) return true
  // A pinyin match is made of prefixes of consecutive syllables, so its letters appear in order
  // in the syllables run together: a cheap test that turns most names away before matchesPinyin.
  return pinyin && isSubsequence(compact, view.joinedPinyin) && matchesPinyin(item.searchKey, compact)
}

/**
 * Whether an item matches what the clerk typed: part of its name, the start of one of its
 * codes, or its name in pinyin (full, initials or a mix, see matchesPinyin). Uses the key
 * stored with the item; no pinyin is computed here. For one item at a time (the 办理事项
 * picker); a list searched on every keystroke uses createCatalogQueryIndex (catalog-query-index.ts).
 */
export function matchesCatalogQuery(item: CatalogItemRecord, query: string): boolean {
  const prepared = preparedOnce(query)
  if (prepared.needle === '') return true
  return matchesPrepared(item, viewOf(item), prepared)
}

export function isCatalogFilterEmpty(filter: CatalogFilter): boolean {
  const { query, ...browse } = filter
  return query.trim() === '' && Object.values(browse).every((value) => value === undefined)
}

export function matchesCatalogFilter(item: CatalogItemRecord, filter: CatalogFilter): boolean {
  return matchesCatalogBrowse(item, filter) && matchesCatalogQuery(item, filter.query)
}

/** The browse filters only (主题领域, 实施主体, 服务对象, 一件事), without the search box. */
export function matchesCatalogBrowse(item: CatalogItemRecord, filter: Omit<CatalogFilter, 'query'>): boolean {
  if (filter.domain !== undefined && item.domain !== filter.domain) return false
  if (filter.department !== undefined && item.department !== filter.department) return false
  if (filter.audience !== undefined && !item.audience.includes(filter.audience)) return false
  if (filter.lifeEvent !== undefined && !item.lifeEvents.includes(filter.lifeEvent)) return false
  return true
}

/** The values the browse filters offer, taken from the catalog itself so no filter leads to an empty list by design. */
type CatalogFacets = { domains: string[]; departments: string[]; audiences: Audience[]; lifeEvents: string[] }

export function catalogFacets(items: readonly CatalogItemRecord[]): CatalogFacets {
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b, 'zh-CN'))
  return {
    domains: sorted(items.map((item) => item.domain)),
    departments: sorted(items.map((item) => item.department)),
    audiences: [...new Set(items.flatMap((item) => item.audience))].sort(),
    lifeEvents: sorted(items.flatMap((item) => item.lifeEvents)),
  }
}

/**
 * The whole catalog, sorted for display. Read in a transaction of its own: a live query (the
 * 事项目录 page) otherwise has Dexie keep the result in its query cache and hand out a deep
 * copy, which for a catalog of tens of thousands of items cost more than reading it. The
 * read is still observed, so the page follows every change as before.
 */
export async function listCatalogItems(db: StationDb): Promise<CatalogItemRecord[]> {
  const items = await db.transaction('r', db.catalogItems, () => db.catalogItems.toArray())
  return sortByDomainThenName(items)
}

/** The catalog narrowed by the search box and the browse filters. */
export async function searchCatalogItems(db: StationDb, filter: CatalogFilter): Promise<CatalogItemRecord[]> {
  return (await listCatalogItems(db)).filter((item) => matchesCatalogFilter(item, filter))
}

/** Items a new intake may be made for: only those in use (not 暂停 or 已取消). */
export async function listActiveCatalogItems(db: StationDb): Promise<CatalogItemRecord[]> {
  const items = await db.catalogItems.where('status').equals('active').toArray()
  return sortByDomainThenName(items)
}
