import type { ServiceItem } from '../../shared/catalog'
import { catalogSearchKey, type CatalogSearchKey } from '../lib/search-key'

/**
 * A catalog item as the station stores it: the county's item plus its search key, derived
 * from the name and written in the same put, so the two can never disagree. The table is
 * typed with this record, so a write that forgets the key does not compile.
 */
export type CatalogItemRecord = ServiceItem & { searchKey: CatalogSearchKey }

export function toCatalogItemRecord(item: ServiceItem): CatalogItemRecord {
  return { ...item, searchKey: catalogSearchKey(item.name) }
}
