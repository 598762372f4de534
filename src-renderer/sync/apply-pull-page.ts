import type { IntakeStatus } from '../../shared/intake-status'
import { pullResponseSchema, type PullChange, type PullResponse } from '../../shared/protocol'
import { toCatalogItemRecord } from '../db/catalog-item-record'
import { writeMeta } from '../db/meta'
import type { StationDb } from '../db/station-db'
import { applyReportFollowUp } from '../features/report/report-store'

export type PullPageSummary = {
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
 * A run of consecutive catalog items or intakes (a new device's first pull is made of
 * little else) is written with one bulk request instead of one request per change; the
 * outcome is the same as applying them one by one (see applyCatalogItems, applyIntakes).
 */
export async function applyPullPage(db: StationDb, page: PullResponse): Promise<PullPageSummary> {
  // The real client already validated the page; validate again because the engine takes any client.
  const { changes, cursor } = pullResponseSchema.parse(page)
  const summary: PullPageSummary = { catalogItems: 0, decisions: 0, stations: 0, unknownIntakes: 0, fromOtherDevices: 0, referenceData: 0, statusChanges: [] }
  const tables = [db.catalogItems, db.intakes, db.meta, db.calendar, db.lifeEvents, db.stationItems, db.staff]
  await db.transaction('rw', tables, async () => {
    for (let at = 0; at < changes.length; ) {
      const change = changes[at]!
      if (change.entity === 'catalogItem' || change.entity === 'intake') {
        const run = runOf(changes, at, change.entity)
        if (change.entity === 'catalogItem') summary.catalogItems += await applyCatalogItems(db, run as ChangeOf<'catalogItem'>[])
        else summary.fromOtherDevices += await applyIntakes(db, run as ChangeOf<'intake'>[])
        at += run.length
        continue
      }
      at++
      switch (change.entity) {
        case 'station':
          await writeMeta(db, 'station', change.data)
          summary.stations++
          break
        case 'intakeDecision': {
          // Only the county-owned fields change; the payload the station collected stays as it was.
          const before = await db.intakes.get(change.data.intakeId)
          const updated = await db.intakes.update(change.data.intakeId, { decision: change.data, status: change.data.status })
          if (updated === 0) summary.unknownIntakes++
          else summary.decisions++
          if (before !== undefined && before.status !== change.data.status) {
            summary.statusChanges.push({ intakeId: before.id, intakeNo: before.intakeNo, itemName: before.item.name, status: change.data.status })
          }
          break
        }
        case 'evaluation': {
          const intake = await db.intakes.get(change.data.intakeId)
          if (intake !== undefined && intake.evaluation === undefined) {
            await db.intakes.update(intake.id, { evaluation: change.data })
            summary.fromOtherDevices++
          }
          break
        }
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
          await db.calendar.put(change.data)
          summary.referenceData++
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

/** The changes of one entity from `start` on, up to the first change of another. */
function runOf(changes: readonly PullChange[], start: number, entity: PullChange['entity']): PullChange[] {
  let end = start
  while (end < changes.length && changes[end]!.entity === entity) end++
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

/**
 * Adds the intakes another device made. This device's own intakes come back too: its local
 * record is the one to keep (it may hold a newer sync state), so only an intake not stored
 * yet is added, and of one intake twice on a page the first is (as one by one, the second
 * would find the first). One key-only read to learn which are new (keys only: stored intakes
 * are sealed, and opening each just to see that it exists would cost), one bulkAdd to store them.
 */
async function applyIntakes(db: StationDb, run: ChangeOf<'intake'>[]): Promise<number> {
  const known = new Set<string>(await db.intakes.where(':id').anyOf(run.map((change) => change.data.id)).primaryKeys())
  const fresh = run.filter((change) => {
    if (known.has(change.data.id)) return false
    known.add(change.data.id)
    return true
  })
  if (fresh.length > 0) await db.intakes.bulkAdd(fresh.map((change) => ({ ...change.data, syncState: 'synced' as const })))
  return fresh.length
}
