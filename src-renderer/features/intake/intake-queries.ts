import type { IntakeRecord } from '../../../shared/station-records'
import type { CatalogItemRecord } from '../../db/catalog-item-record'
import { readMeta } from '../../db/meta'
import type { StationDb } from '../../db/station-db'
import { listActiveCatalogItems } from '../catalog/catalog-queries'

/**
 * The intakes of this station, newest first. The order is for display only (device clock);
 * nothing in sync depends on it.
 */
export async function listIntakes(db: StationDb): Promise<IntakeRecord[]> {
  return db.intakes.orderBy('createdAt').reverse().toArray()
}

/** What the 新建办件 form needs to open: the items it may be made for and the last clerk's name. */
export async function loadIntakeFormContext(db: StationDb): Promise<{ items: CatalogItemRecord[]; staffName: string }> {
  const [items, staffName] = await Promise.all([listActiveCatalogItems(db), readMeta(db, 'staffName')])
  return { items, staffName: staffName ?? '' }
}
