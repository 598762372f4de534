import { Dexie, type DexieOptions, type EntityTable } from 'dexie'
import type { ServiceItem } from '../../shared/catalog'
import type { AuditEntry, IntakeRecord, MetaRecord, OutboxEntry } from '../../shared/station-records'

export const DEFAULT_DB_NAME = 'bianmin-station'

/**
 * The station's IndexedDB. Each schema change is a new `version(n)` with an upgrade
 * function (and a test that opens a database of version n-1); never edit a released version.
 */
export class StationDb extends Dexie {
  // `declare` keeps TypeScript from emitting class fields that would overwrite the tables Dexie sets up.
  declare catalogItems: EntityTable<ServiceItem, 'id'>
  declare intakes: EntityTable<IntakeRecord, 'id'>
  declare outbox: EntityTable<OutboxEntry, 'seq'>
  declare meta: EntityTable<MetaRecord, 'key'>
  declare audit: EntityTable<AuditEntry, 'seq'>

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
  }
}
