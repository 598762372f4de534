import type { ServiceItem } from '../../../shared/catalog'
import type { LifeEvent } from '../../../shared/life-event'
import type { Station } from '../../../shared/station'
import type { CatalogItemRecord } from '../../db/catalog-item-record'
import type { StationDb } from '../../db/station-db'

/** The 一件事一次办 bundles the county sent, by name. */
export async function listLifeEvents(db: StationDb): Promise<LifeEvent[]> {
  const bundles = await db.lifeEvents.toArray()
  return bundles.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
}

/** This station's 进驻事项 by item id; empty until the county has sent the list. */
export async function readStationItemIds(db: StationDb): Promise<ReadonlySet<string>> {
  return new Set(await db.stationItems.toCollection().primaryKeys())
}

/** 本站可办: with the filter on, only the station's 进驻事项 pass; with it off (or no list yet), every item. */
export function matchesStationOffer(item: Pick<CatalogItemRecord, 'id'>, offeredOnly: boolean, stationItemIds: ReadonlySet<string>): boolean {
  return !offeredOnly || stationItemIds.has(item.id)
}

/**
 * Where a resident applies for an item this station does not take in (not among its 进驻事项):
 * a township or village item at the 乡镇 centre of the station's township, anything else at
 * the county hall. Null when the station takes it in, or has no list yet.
 */
export function applyElsewhereNotice(
  item: Pick<ServiceItem, 'id' | 'levels'>,
  station: Pick<Station, 'kind' | 'township'> | undefined,
  stationItemIds: ReadonlySet<string>,
): string | null {
  if (stationItemIds.size === 0 || stationItemIds.has(item.id)) return null
  const local = item.levels.includes('5') || item.levels.includes('6')
  if (station?.kind === 'villageStation' && local) return `本站不受理此事项，请到${station.township}便民服务中心办理`
  return '本站不受理此事项，请到县政务服务中心办理'
}

/**
 * The 一件事 filter's choices: the tags the catalog's items carry, named as the county's pulled
 * bundles name them. A tag whose bundle has not arrived yet shows as its id rather than vanish.
 */
export function lifeEventOptions(tags: readonly string[], bundles: readonly LifeEvent[]): { value: string; label: string }[] {
  const names = new Map(bundles.map((bundle) => [bundle.id, bundle.name]))
  return tags.map((tag) => ({ value: tag, label: names.get(tag) ?? tag }))
}
