import { calendarVersion, type WorkingDayCalendarFile } from '../../shared/calendar'
import type { StationDb } from '../db/station-db'
import { intakeQueueFields } from '../db/intake-queue-fields'
import { loadCalendar } from '../db/load-calendar'

/**
 * Takes a year of the county's calendar from a pull page, inside the page's transaction
 * (tables `calendar` and `intakes`). The station keeps the newest version per year: the change
 * log brings a replaced year's versions in order, so this only guards against an older copy
 * arriving after a newer one. Answers whether the year was stored.
 *
 * What a replaced year changes, and what it leaves as issued:
 * - Due dates computed from now on use it (a new intake, a 容缺 补交期限's latest day, a reprint).
 * - The county's 办结期限 (`decision.dueDate`) stays: it was fixed when the county accepted the
 *   intake and is what the 受理通知书 promised the resident; the county never recomputes it either.
 * - A 容缺 material's 补交期限 stays: the clerk set it and the resident holds it in writing.
 * - The station's own reckoning for an open intake the county has not dated yet (收件即受理,
 *   即办件) is re-derived, so the intake list's due-date queues agree with what the detail page
 *   shows; the county dates it with the same newest calendar once it decides.
 */
export async function applyPulledCalendar(db: StationDb, file: WorkingDayCalendarFile): Promise<boolean> {
  const held = await db.calendar.get(file.year)
  if (held !== undefined && calendarVersion(held) > calendarVersion(file)) return false
  await db.calendar.put(file)
  await rederiveStationDueDates(db)
  return true
}

/** The queue fields of open intakes without a county due date, set afresh with the calendar as now stored. */
async function rederiveStationDueDates(db: StationDb): Promise<void> {
  const calendar = await loadCalendar(db)
  await db.intakes
    .where('openDueDate')
    .aboveOrEqual('')
    .filter((intake) => intake.decision?.dueDate === undefined)
    .modify((intake) => {
      const fields = intakeQueueFields(intake, calendar)
      if (fields.openDueDate === undefined) delete intake.openDueDate
      else intake.openDueDate = fields.openDueDate
    })
}
