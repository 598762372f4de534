import { Dexie, type DexieOptions, type EntityTable } from 'dexie'
import type { WorkingDayCalendarFile } from '../../shared/calendar'
import type { DraftFile } from '../../shared/draft-file'
import type { LifeEvent } from '../../shared/life-event'
import type { StationStaff } from '../../shared/staff'
import type { StationAttachment } from '../../shared/station-attachment'
import type { AuditEntry, IntakeRecord, MetaRecord, OutboxEntry } from '../../shared/station-records'
import type { SentMutation, SyncLogEntry } from '../../shared/sync-records'
import type { IntakeDraftRecord } from './intake-draft-record'
import { atRestMiddleware } from './at-rest-middleware'
import type { CatalogItemRecord } from './catalog-item-record'
import { DataKeyVault } from './data-key-vault'
import { installIntakeQueueHooks } from './intake-queue-hooks'
import { SHIPPED_VERSIONS } from './schema-versions/shipped-versions'

const DEFAULT_DB_NAME = 'bianmin-station'

/** One of the station's 进驻事项, by catalog item id: a row per item so "is it offered here" is one key lookup. */
type StationItemRecord = { itemId: string }

/**
 * The station's IndexedDB. Each schema change is a new file in schema-versions/ with its
 * upgrade function (and a test that opens a database of the version before); never edit a
 * shipped version.
 */
export class StationDb extends Dexie {
  // `declare` keeps TypeScript from emitting class fields that would overwrite the tables Dexie sets up.
  declare catalogItems: EntityTable<CatalogItemRecord, 'id'>
  declare intakes: EntityTable<IntakeRecord, 'id'>
  declare outbox: EntityTable<OutboxEntry, 'seq'>
  declare meta: EntityTable<MetaRecord, 'key'>
  declare audit: EntityTable<AuditEntry, 'seq'>
  declare drafts: EntityTable<IntakeDraftRecord, 'id'>
  declare calendar: EntityTable<WorkingDayCalendarFile, 'year'>
  declare lifeEvents: EntityTable<LifeEvent, 'id'>
  declare stationItems: EntityTable<StationItemRecord, 'itemId'>
  declare staff: EntityTable<StationStaff, 'id'>
  declare attachments: EntityTable<StationAttachment, 'id'>
  declare sentMutations: EntityTable<SentMutation, 'id'>
  declare syncLog: EntityTable<SyncLogEntry, 'seq'>
  declare draftFiles: EntityTable<DraftFile, 'id'>
  /** The device data key while it is in memory (db/data-key-vault.ts); the at-rest middleware seals with it. */
  readonly dataKeys: DataKeyVault = new DataKeyVault()

  /** Tests pass a fresh name (and may pass fake-indexeddb through `options`). */
  constructor(name: string = DEFAULT_DB_NAME, options?: DexieOptions) {
    super(name, options)
    // Each version as it shipped (schema-versions/). An upgrade runs while the database opens,
    // after the constructor, so `queueHooks` below is set by then.
    for (const shipped of SHIPPED_VERSIONS) {
      const declared = this.version(shipped.version).stores(shipped.stores)
      const upgrade = shipped.upgrade
      if (upgrade) declared.upgrade((transaction) => upgrade(transaction, { queueHooks }))
    }
    this.use(atRestMiddleware(this.dataKeys))
    const queueHooks = installIntakeQueueHooks(this)
  }
}
