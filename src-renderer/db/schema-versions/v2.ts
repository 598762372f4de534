import type { ServiceItem } from '../../../shared/catalog'
import { toCatalogItemRecord, type CatalogItemRecord } from '../catalog-item-record'
import type { ShippedVersion } from './shipped-version'

/**
 * Every catalog item carries its pinyin search key. Items pulled under version 1 get theirs
 * here, in the upgrade transaction; a failure leaves the database at version 1.
 */
export const v2: ShippedVersion = {
  version: 2,
  stores: {},
  upgrade: async (transaction) => {
    await transaction
      .table<ServiceItem & Partial<Pick<CatalogItemRecord, 'searchKey'>>, string>('catalogItems')
      .toCollection()
      .modify((item) => {
        item.searchKey = toCatalogItemRecord(item).searchKey
      })
  },
}
