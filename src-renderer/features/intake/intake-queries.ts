import type { CatalogItemRecord } from '../../db/catalog-item-record'
import { readMeta } from '../../db/meta'
import type { StationDb } from '../../db/station-db'
import { listActiveCatalogItems } from '../catalog/catalog-queries'
import { readStationItemIds } from '../catalog/catalog-reference'

/**
 * What the 新建办件 form needs to open: the items it may be made for (the station's 进驻事项 in
 * use; the county refuses any other) and the last clerk's name.
 */
export async function loadIntakeFormContext(db: StationDb): Promise<{ items: CatalogItemRecord[]; staffName: string }> {
  const [items, offered, staffName] = await Promise.all([listActiveCatalogItems(db), readStationItemIds(db), readMeta(db, 'staffName')])
  return { items: items.filter((item) => offered.has(item.id)), staffName: staffName ?? '' }
}
