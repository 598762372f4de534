import type { IntakeStatus } from '../../shared/intake-status'
import { pullResponseSchema, type PullChange, type PullResponse } from '../../shared/protocol'
import type { IntakeRecord } from '../../shared/station-records'
import { toCatalogItemRecord } from '../db/catalog-item-record'
import { writeMeta } from '../db/meta'
import type { StationDb } from '../db/station-db'
import { applyPulledCalendar } from './apply-pulled-calendar'
import { isParsedPullPage } from './county-client'
import { applyReportFollowUp } from '../db/report-store'

type PullPageSummary = {
  catalogItems: number
  decisions: number
  stations: number
  unknownIntakes: number
  /** Intakes and ratings another device of this station made. */
  fromOtherDevices: number
  /** Calendars, life-event bundles and 进驻事项 lists. */
  referenceData: number
  /** Intakes whose county status changed on this page, in the county's order (for the clerk's notifications). */
  statusChanges: IntakeStatusChange[]
}

export type IntakeStatusChange = { intakeId: string; intakeNo: string; itemName: string; status: IntakeStatus }

type ChangeOf<E extends PullChange['entity']> = Extract<PullChange, { entity: E }>

/**
 * Applies one pull page and stores its cursor in ONE transaction: if anything fails,
 * neither the changes nor the cursor are kept, and the next pull asks for the same page
 * again. Changes are applied in the county's order (its sequence), so the last one wins.
 * A run of consecutive catalog items, or of consecutive changes to intakes (intakes, decisions,
 * ratings: a new device's first pull is made of little else), is read and written with one
 * bulk request each instead of requests per change; the outcome is the same as applying them
 * one by one (see applyCatalogItems, applyIntakeChanges).
 */
export async function applyPullPage(db: StationDb, page: PullResponse): Promise<PullPageSummary> {
  // The engine takes any client: a page the real client did not parse itself is parsed here (once, never twice).
  const { changes, cursor } = isParsedPullPage(page) ? page : pullResponseSchema.parse(page)
  const summary: PullPageSummary = { catalogItems: 0, decisions: 0, stations: 0, unknownIntakes: 0, fromOtherDevices: 0, referenceData: 0, statusChanges: [] }
  const tables = [db.catalogItems, db.intakes, db.meta, db.calendar, db.lifeEvents, db.stationItems, db.staff]
  await db.transaction('rw', tables, async () => {
    for (let at = 0; at < changes.length;) {
      const change = changes[at]!
      if (change.entity === 'catalogItem') {
        const run = runOf(changes, at, (entity) => entity === 'catalogItem') as ChangeOf<'catalogItem'>[]
        summary.catalogItems += await applyCatalogItems(db, run)
        at += run.length
        continue
      }
      if (isIntakeChange(change)) {
        const run = runOf(changes, at, (entity) => INTAKE_ENTITIES.has(entity)) as IntakeChange[]
        await applyIntakeChanges(db, run, summary)
        at += run.length
        continue
      }
      at++
      switch (change.entity) {
        case 'station':
          await writeMeta(db, 'station', change.data)
          summary.stations++
          break
        case 'reportFollowUp':
          // The county's resolution of a 办不成事 report (counted with its decisions); the report stays as collected.
          if (await applyReportFollowUp(db, change.data)) summary.decisions++
          break
        case 'staff':
          // The whole account replaces the last copy: a disabled one stays, marked inactive, so it cannot sign in.
          await db.staff.put(change.data)
          summary.referenceData++
          break
        case 'calendar':
          // A newer version of a year replaces it (the county republished it); see apply-pulled-calendar.ts.
          if (await applyPulledCalendar(db, change.data)) summary.referenceData++
          break
        case 'lifeEvent':
          await db.lifeEvents.put(change.data)
          summary.referenceData++
          break
        case 'stationItems':
          // The list replaces the last one whole: an item the county took off must not linger.
          await db.stationItems.clear()
          await db.stationItems.bulkPut(change.data.itemIds.map((itemId) => ({ itemId })))
          summary.referenceData++
          break
      }
    }
    await writeMeta(db, 'pullCursor', cursor)
  })
  return summary
}

/** The changes from `start` on whose entity passes `take`, up to the first that does not. */
function runOf(changes: readonly PullChange[], start: number, take: (entity: PullChange['entity']) => boolean): PullChange[] {
  let end = start
  while (end < changes.length && take(changes[end]!.entity)) end++
  return changes.slice(start, end)
}

/**
 * Stores catalog items, each whole: one bulkPut, whose puts IndexedDB applies in order, so
 * of two versions of an item on a page the later wins. The search key is derived here, inside
 * the page's transaction, so search never runs pinyin.
 */
async function applyCatalogItems(db: StationDb, run: ChangeOf<'catalogItem'>[]): Promise<number> {
  await db.catalogItems.bulkPut(run.map((change) => toCatalogItemRecord(change.data)))
  return run.length
}

const INTAKE_ENTITIES: ReadonlySet<PullChange['entity']> = new Set(['intake', 'intakeDecision', 'evaluation'])
type IntakeChange = ChangeOf<'intake'> | ChangeOf<'intakeDecision'> | ChangeOf<'evaluation'>
const isIntakeChange = (change: PullChange): change is IntakeChange => INTAKE_ENTITIES.has(change.entity)

/**
 * Applies a run of intake changes in order to the intakes as read in one go, then writes the
 * changed ones: those new to this station in one bulkAdd, the stored ones in one bulkPut (Dexie's
 * hooks see each as one by one would: a new intake is created, a stored one updated). Which are
 * stored is asked of the primary key index first, so only those are read and opened: a new
 * device's first sync, all new intakes, reads none (and an add, unlike a put, makes Dexie's hooks
 * read nothing either). Per change, as before:
 * - an intake: this device's own intakes come back too, and its local record is the one to
 *   keep (it may hold a newer sync state), so only an intake not stored yet is added (of one
 *   intake twice, the first);
 * - a decision: only the county-owned fields change, the payload the station collected stays;
 *   a decision for an intake this station does not have is counted, not stored;
 * - a rating another device took is added to an intake that has none.
 */
async function applyIntakeChanges(db: StationDb, run: IntakeChange[], summary: PullPageSummary): Promise<void> {
  const ids = [...new Set(run.map((change) => (change.entity === 'intake' ? change.data.id : change.data.intakeId)))]
  const storedIds = await storedIntakeIds(db, ids)
  const stored = await db.intakes.bulkGet(ids.filter((id) => storedIds.has(id)))
  const intakes = new Map<string, IntakeRecord>()
  for (const intake of stored) if (intake !== undefined) intakes.set(intake.id, intake)
  const existing = new Set(intakes.keys())
  const changed = new Set<string>()
  for (const change of run) {
    switch (change.entity) {
      case 'intake':
        if (!intakes.has(change.data.id)) {
          intakes.set(change.data.id, { ...change.data, syncState: 'synced' })
          changed.add(change.data.id)
          summary.fromOtherDevices++
        }
        break
      case 'intakeDecision': {
        const before = intakes.get(change.data.intakeId)
        if (before === undefined) {
          summary.unknownIntakes++
          break
        }
        intakes.set(before.id, { ...before, decision: change.data, status: change.data.status })
        changed.add(before.id)
        summary.decisions++
        if (before.status !== change.data.status) {
          summary.statusChanges.push({ intakeId: before.id, intakeNo: before.intakeNo, itemName: before.item.name, status: change.data.status })
        }
        break
      }
      case 'evaluation': {
        const intake = intakes.get(change.data.intakeId)
        if (intake !== undefined && intake.evaluation === undefined) {
          intakes.set(intake.id, { ...intake, evaluation: change.data })
          changed.add(intake.id)
          summary.fromOtherDevices++
        }
        break
      }
    }
  }
  const added = [...changed].filter((id) => !existing.has(id)).map((id) => intakes.get(id)!)
  const updated = [...changed].filter((id) => existing.has(id)).map((id) => intakes.get(id)!)
  await Promise.all([added.length > 0 ? db.intakes.bulkAdd(added) : undefined, updated.length > 0 ? db.intakes.bulkPut(updated) : undefined])
}

/**
 * Past this many stored intakes per id asked, the ids are counted one by one instead of
 * reading every primary key: a key read in bulk costs the page about a microsecond, a
 * request of its own (a count) tens of microseconds on each side of IndexedDB.
 */
const STORED_KEYS_PER_ID = 20

/**
 * Which of `ids` the station holds, by their primary keys alone (never a row, so nothing is
 * opened). A table no larger than STORED_KEYS_PER_ID keys per id asked (a new device's first
 * sync, a small station) has its keys read in one request; a larger one gets one count per id,
 * issued together, so the page waits once. Reading every key of a station with 100,000 intakes
 * for each page of a pull had been most of a pull's time (ids are random, so even the range
 * between the lowest and the highest is nearly the whole table); counting 10,000 ids of a first
 * sync, one request each, was a sixth of the page's work.
 */
async function storedIntakeIds(db: StationDb, ids: readonly string[]): Promise<Set<string>> {
  const stored = await db.intakes.count()
  if (stored === 0) return new Set()
  if (stored <= ids.length * STORED_KEYS_PER_ID) {
    const keys = new Set(await db.intakes.toCollection().primaryKeys())
    return new Set(ids.filter((id) => keys.has(id)))
  }
  const counts = await Promise.all(ids.map((id) => db.intakes.where(':id').equals(id).count()))
  return new Set(ids.filter((_, index) => counts[index]! > 0))
}
