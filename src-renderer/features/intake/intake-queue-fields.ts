import { isEndStatus } from '../../../shared/intake-status'
import type { IntakeRecord } from '../../../shared/station-records'
import { chinaDate, type WorkingDayCalendar } from '../../../shared/working-days'
import { intakeDueDate } from './intake-due-date'

export type IntakeQueueFields = Pick<IntakeRecord, 'openDueDate' | 'residentDueDate'>

/**
 * Whether the intake still runs: the county has not ended it and the lead has not completed it
 * at the window (that waits for the county's confirmation, but nothing is due any more).
 */
export function isOpenIntake(intake: IntakeRecord): boolean {
  if (intake.onSiteCompletion !== undefined) return false
  return intake.decision === undefined || !isEndStatus(intake.decision.status)
}

/**
 * The derived fields the list's queues are indexed on. Only the date is stored, never a
 * verdict like "overdue": that depends on today, and is an index range at query time.
 *
 * - openDueDate: the county's 办结期限 once it sent one, else the station's own reckoning
 *   (收件即受理 and 即办件 count from the station's receipt); absent once the intake ended.
 * - residentDueDate: while open, the earliest of the 容缺 materials' due dates and, when the
 *   county asked for 补正, the day it asked (it is owed from then on).
 */
export function intakeQueueFields(intake: IntakeRecord, calendar: WorkingDayCalendar): IntakeQueueFields {
  if (!isOpenIntake(intake)) return {}
  const fields: IntakeQueueFields = {}
  const due = intakeDueDate(intake, calendar)
  const openDueDate = intake.decision?.dueDate ?? (due.kind === 'due' ? due.date : undefined)
  if (openDueDate !== undefined) fields.openDueDate = openDueDate

  const owed = intake.materials.flatMap((material) => (material.status === 'deferred' && material.dueDate ? [material.dueDate] : []))
  if (intake.decision?.status === 'correctionRequested') {
    const asked = intake.decision.history.findLast((event) => event.status === 'correctionRequested')
    owed.push(chinaDate(new Date(asked?.at ?? intake.decision.receivedAt)))
  }
  if (owed.length > 0) fields.residentDueDate = owed.sort()[0]
  return fields
}

/** The record with its queue fields set afresh (stale ones dropped), ready to store. */
export function withQueueFields(intake: IntakeRecord, calendar: WorkingDayCalendar): IntakeRecord {
  const { openDueDate: _due, residentDueDate: _owed, ...rest } = intake
  return { ...rest, ...intakeQueueFields(rest, calendar) }
}
