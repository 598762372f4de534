import { stationAcceptanceTime } from '../../shared/acceptance-time'
import type { IntakeRecord } from '../../shared/station-records'
import { addLimitDays, chinaDate, limitDaysLabel, type LimitUnit, type WorkingDayCalendar } from '../../shared/working-days'
import { isReceivedOnly } from './intake-acceptance'

/** When the intake counts as accepted, and whose clock says so. */
type AcceptanceDate = { date: string; by: 'station' | 'county' }

/** Far enough ahead to never clamp: before the county's receipt is known, nothing bounds the receipt from above. */
const NOT_YET_RECEIVED = new Date(8.64e15)

/**
 * DOMAIN.md: acceptance is the county's, except for 收件即受理 and 即办件, where the station's
 * receipt is the acceptance: its receipt time corrected by the measured clock offset, never later
 * than the county's receipt. The county's own reckoning (`stationReceivedAt`) wins once pulled;
 * until then the station computes the same with the same function (shared/acceptance-time.ts),
 * so the 受理凭证, the queues and the console agree. The others count from the county's acceptance.
 */
export function acceptanceDate(intake: IntakeRecord): AcceptanceDate | null {
  // A required material 缺少: received only, never accepted, so no limit runs.
  if (isReceivedOnly(intake)) return null
  if (intake.item.handling === '1' || intake.item.acceptOnReceipt) {
    const countyReceivedAt = intake.decision?.receivedAt ? new Date(intake.decision.receivedAt) : NOT_YET_RECEIVED
    const at = intake.decision?.stationReceivedAt
      ? new Date(intake.decision.stationReceivedAt)
      : stationAcceptanceTime(stationReceipt(intake), { countyReceivedAt })
    return { date: chinaDate(at), by: 'station' }
  }
  if (intake.decision?.acceptedAt) return { date: chinaDate(new Date(intake.decision.acceptedAt)), by: 'county' }
  return null
}

/**
 * What the station sent about its receipt. An intake made before the receipt fields existed has
 * neither; its device time then stands (no offset), as the station always counted it.
 */
function stationReceipt(intake: IntakeRecord) {
  return { receivedAt: intake.receivedAt ?? intake.createdAt, createdAt: intake.createdAt, clockOffsetMs: intake.clockOffsetMs }
}

/** `limitLabel`: the limit in its unit as printed, e.g. "20个工作日" or "60个自然日". */
type DueDate =
  | { kind: 'due'; date: string; acceptedOn: string; limitDays: number; limitUnit: LimitUnit; limitLabel: string; basis: string }
  /** A 承诺件 the county has not accepted yet: the limit has not started. */
  | { kind: 'notStarted'; limitDays: number; limitUnit: LimitUnit; limitLabel: string; basis: string }

/**
 * 办结期限: acceptance date + the promised limit in the unit its law uses (工作日 or 自然日; an
 * intake from before units is in working days); a 即办件 is due the day it is accepted.
 */
export function intakeDueDate(intake: IntakeRecord, calendar: WorkingDayCalendar): DueDate {
  const limitDays = intake.item.handling === '1' ? 0 : intake.item.promisedLimitDays
  const limitUnit = intake.item.limitUnit ?? 'workingDays'
  const limitLabel = limitDaysLabel(limitDays, limitUnit)
  const accepted = acceptanceDate(intake)
  if (accepted === null) {
    const basis = isReceivedOnly(intake) ? '必要材料缺少，未予受理，不计办结时限' : `县级受理后起算，承诺${limitLabel}内办结`
    return { kind: 'notStarted', limitDays, limitUnit, limitLabel, basis }
  }
  const date = addLimitDays(accepted.date, limitDays, limitUnit, calendar)
  const basis =
    intake.item.handling === '1'
      ? `即办件，${accepted.date}受理，当日办结`
      : `自${accepted.date}${accepted.by === 'station' ? '收件即受理' : '县级受理'}起${limitLabel}`
  return { kind: 'due', date, acceptedOn: accepted.date, limitDays, limitUnit, limitLabel, basis }
}
