import { Dexie, type DexieOptions, type EntityTable } from 'dexie'
import type { ServiceItem } from '../../shared/catalog'
import type { AuditEntry, IntakeRecord, MetaRecord, OutboxEntry } from '../../shared/station-records'
import type { IntakeDraftRecord } from '../features/intake/intake-draft'
import { toCatalogItemRecord, type CatalogItemRecord } from './catalog-item-record'

export const DEFAULT_DB_NAME = 'bianmin-station'

/**
 * The station's IndexedDB. Each schema change is a new `version(n)` with an upgrade
 * function (and a test that opens a database of version n-1); never edit a released version.
 */
export class StationDb extends Dexie {
  // `declare` keeps TypeScript from emitting class fields that would overwrite the tables Dexie sets up.
  declare catalogItems: EntityTable<CatalogItemRecord, 'id'>
  declare intakes: EntityTable<IntakeRecord, 'id'>
  declare outbox: EntityTable<OutboxEntry, 'seq'>
  declare meta: EntityTable<MetaRecord, 'key'>
  declare audit: EntityTable<AuditEntry, 'seq'>
  declare drafts: EntityTable<IntakeDraftRecord, 'id'>

  /** Tests pass a fresh name (and may pass fake-indexeddb through `options`). */
  constructor(name: string = DEFAULT_DB_NAME, options?: DexieOptions) {
    super(name, options)
    this.version(1).stores({
      catalogItems: 'id, name, domain, status',
      intakes: 'id, &intakeNo, createdAt, status, syncState',
      outbox: '++seq, &id, entityId',
      meta: 'key',
      audit: '++seq, at, action',
    })
    // Version 2: every catalog item carries its pinyin search key. Items pulled under version 1
    // get theirs here, in the upgrade transaction; a failure leaves the database at version 1.
    this.version(2)
      .stores({})
      .upgrade(async (transaction) => {
        await transaction
          .table<ServiceItem & Partial<Pick<CatalogItemRecord, 'searchKey'>>, string>('catalogItems')
          .toCollection()
          .modify((item) => {
            item.searchKey = toCatalogItemRecord(item).searchKey
          })
      })
    // Version 3: unfinished forms (drafts) survive a closed window or a reload. A new, empty table: nothing to convert.
    this.version(3).stores({ drafts: 'id' })
  }
}
