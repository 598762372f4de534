import { isEndStatus } from '../../shared/intake-status'
import type { IntakeRecord } from '../../shared/station-records'
import { chinaDate, type WorkingDayCalendar } from '../../shared/working-days'
import { intakeDueDate } from './intake-due-date'
import { openCorrectionAt, owedMaterials } from './owed-materials'

export type IntakeQueueFields = Pick<IntakeRecord, 'openDueDate' | 'residentDueDate'>

/**
 * Whether the intake still runs: the county has not ended it, and the lead has not completed it
 * at the window nor the applicant withdrawn it here (those wait for the county's confirmation,
 * but nothing is due any more).
 */
function isOpenIntake(intake: IntakeRecord): boolean {
  if (intake.onSiteCompletion !== undefined || intake.withdrawal !== undefined) return false
  return intake.decision === undefined || !isEndStatus(intake.decision.status)
}

/**
 * The derived fields the list's queues are indexed on. Only the date is stored, never a
 * verdict like "overdue": that depends on today, and is an index range at query time.
 *
 * - openDueDate: the county's 办结期限 once it sent one, else the station's own reckoning
 *   (收件即受理 and 即办件 count from the station's receipt); absent once the intake ended.
 * - residentDueDate: while open, the earliest due date of the 容缺 materials not yet brought
 *   and, when the county asked for 补正 and no supplement answered it yet, the day it asked.
 */
export function intakeQueueFields(intake: IntakeRecord, calendar: WorkingDayCalendar): IntakeQueueFields {
  if (!isOpenIntake(intake)) return {}
  const fields: IntakeQueueFields = {}
  // The station's own reckoning only when the county sent none: counting working days day by
  // day for each of 10,000 intakes of a first sync was most of this function's time.
  const openDueDate = intake.decision?.dueDate ?? stationDueDate(intake, calendar)
  if (openDueDate !== undefined) fields.openDueDate = openDueDate

  const owed = owedMaterials(intake).flatMap((material) => (material.kind === 'deferred' && material.dueDate ? [material.dueDate] : []))
  const correctionAt = openCorrectionAt(intake)
  if (correctionAt !== undefined) owed.push(chinaDate(new Date(correctionAt)))
  if (owed.length > 0) fields.residentDueDate = owed.sort()[0]
  return fields
}

function stationDueDate(intake: IntakeRecord, calendar: WorkingDayCalendar): string | undefined {
  const due = intakeDueDate(intake, calendar)
  return due.kind === 'due' ? due.date : undefined
}
