import { Dexie, type DexieOptions, type EntityTable } from 'dexie'
import type { WorkingDayCalendarFile } from '../../shared/calendar'
import type { ServiceItem } from '../../shared/catalog'
import type { DraftFile } from '../../shared/draft-file'
import type { LifeEvent } from '../../shared/life-event'
import type { StationStaff } from '../../shared/staff'
import type { StationAttachment } from '../../shared/station-attachment'
import type { AuditEntry, IntakeRecord, MetaRecord, OutboxEntry } from '../../shared/station-records'
import type { SentMutation, SyncLogEntry } from '../../shared/sync-records'
import type { IntakeDraftRecord } from './intake-draft-record'
import { atRestMiddleware } from './at-rest-middleware'
import { toCatalogItemRecord, type CatalogItemRecord } from './catalog-item-record'
import { DataKeyVault } from './data-key-vault'
import { installIntakeQueueHooks } from './intake-queue-hooks'

export const DEFAULT_DB_NAME = 'bianmin-station'

/** One of the station's 进驻事项, by catalog item id: a row per item so "is it offered here" is one key lookup. */
export type StationItemRecord = { itemId: string }

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
    // Version 4: the reference data the county now sends through pull (working-day calendar per
    // year, 一件事一次办 bundles, this station's 进驻事项). New, empty tables, nothing to convert:
    // a station of version 3 never stored a page holding these changes (its protocol schema
    // refused such a page, cursor included), so its next pull from the stored cursor brings them.
    this.version(4).stores({ calendar: 'year', lifeEvents: 'id', stationItems: 'itemId' })
    // Version 5: attachments (the files themselves, by SHA-256, with their tus upload state).
    // A new, empty table: intakes of version 4 carry no attachments, so nothing to convert.
    this.version(5).stores({ attachments: 'id, sha256, intakeId, state' })
    // Version 6: what the county confirmed (a mutation leaves the outbox then, so 日终对账 lists
    // the day from here) and one row per sync round. New, empty tables: mutations confirmed
    // before this version are not in the log, so they are simply not listed at reconciliation.
    this.version(6).stores({ sentMutations: 'id, day, entityId', syncLog: '++seq' })
    // Version 7: the station's staff accounts as the county sends them (with their PBKDF2 hash,
    // for signing in offline). A new, empty table: an older station's pull refused pages holding
    // `staff` changes (cursor included), so its next pull from the stored cursor brings them.
    this.version(7).stores({ staff: 'id, username' })
    // Version 8: the intake list's queues are index ranges (features/intake/intake-queues.ts):
    // newest first within a sync state or a status, and the derived due dates each intake now
    // carries (kept by intake-queue-hooks.ts on every write), set here for the stored intakes.
    this.version(8)
      .stores({
        intakes:
          'id, &intakeNo, createdAt, status, syncState, openDueDate, residentDueDate, [syncState+createdAt], [status+createdAt]',
      })
      .upgrade(async (transaction) => {
        queueHooks.setPulledCalendars(await transaction.table('calendar').toArray())
        await transaction
          .table<IntakeRecord, string>('intakes')
          .toCollection()
          .modify((intake) => {
            delete intake.openDueDate
            delete intake.residentDueDate
            Object.assign(intake, queueHooks.queueFieldsOf(intake))
          })
      })
    // Version 9: files added to an unfinished form are kept with its draft (a reload used to lose
    // them). A new, empty table: before this version such files lived only in memory, so there is
    // nothing to convert.
    this.version(9).stores({ draftFiles: 'id, draftId' })
    // Version 12 (10 and 11 are other branches' numbers): personal data is sealed at rest by the
    // at-rest middleware, and intakes are found by ID number through a keyed hash, the multi-entry
    // index `idNumberHashes`. No upgrade function: the hashes need the data key, which no upgrade
    // transaction has, so existing rows are sealed and hashed when the key is first created or
    // unlocked (db/seal-existing-rows.ts).
    this.version(12).stores({
      intakes:
        'id, &intakeNo, createdAt, status, syncState, openDueDate, residentDueDate, [syncState+createdAt], [status+createdAt], *idNumberHashes',
    })
    this.use(atRestMiddleware(this.dataKeys))
    const queueHooks = installIntakeQueueHooks(this)
  }
}
