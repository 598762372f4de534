import type { IntakeStatus } from '../../shared/intake-status'
import { pullResponseSchema, type PullResponse } from '../../shared/protocol'
import { toCatalogItemRecord } from '../db/catalog-item-record'
import { writeMeta } from '../db/meta'
import type { StationDb } from '../db/station-db'
import { applyPulledCalendar } from '../features/calendar/apply-pulled-calendar'
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

/**
 * Applies one pull page and stores its cursor in ONE transaction: if anything fails,
 * neither the changes nor the cursor are kept, and the next pull asks for the same page
 * again. Changes are applied in the county's order (its sequence), so the last one wins.
 */
export async function applyPullPage(db: StationDb, page: PullResponse): Promise<PullPageSummary> {
  // The real client already validated the page; validate again because the engine takes any client.
  const { changes, cursor } = pullResponseSchema.parse(page)
  const summary: PullPageSummary = { catalogItems: 0, decisions: 0, stations: 0, unknownIntakes: 0, fromOtherDevices: 0, referenceData: 0, statusChanges: [] }
  const tables = [db.catalogItems, db.intakes, db.meta, db.calendar, db.lifeEvents, db.stationItems, db.staff]
  await db.transaction('rw', tables, async () => {
    for (const change of changes) {
      switch (change.entity) {
        case 'catalogItem':
          // The search key is derived here, inside the page's transaction, so search never runs pinyin.
          await db.catalogItems.put(toCatalogItemRecord(change.data))
          summary.catalogItems++
          break
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
        case 'intake':
          // This device's own intakes come back too: its local record is the one to keep
          // (it may hold a newer sync state); only an intake another device made is added.
          if ((await db.intakes.get(change.data.id)) === undefined) {
            await db.intakes.add({ ...change.data, syncState: 'synced' })
            summary.fromOtherDevices++
          }
          break
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
