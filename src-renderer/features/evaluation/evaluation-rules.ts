import { BAD_RATING_REASON_LABELS, badReasonIssue, EVALUATION_WINDOW_DAYS, type BadRatingReason } from '../../../shared/evaluation'
import { isEndStatus } from '../../../shared/intake-status'
import type { IntakeRecord } from '../../../shared/station-records'
import { chinaDate } from '../../../shared/working-days'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * When the service of an intake ended, or null while it is still running. A service ends in
 * any end state of the status machine (办结, 送达, 不予受理, 撤回): a resident may rate a refusal
 * or the handling of a withdrawal too. A 即办件 completed at the window ends there and then,
 * before the county's confirmation arrives, so the resident can rate on the spot (一次一评).
 */
function serviceEndedAt(intake: IntakeRecord): string | null {
  const decision = intake.decision
  if (decision !== undefined && isEndStatus(decision.status)) {
    if (decision.completedAt !== undefined) return decision.completedAt
    const ended = decision.history.find((event) => isEndStatus(event.status))
    return ended?.at ?? decision.receivedAt
  }
  return intake.onSiteCompletion?.createdAt ?? null
}

/**
 * Why this intake cannot be rated now (in Chinese), or null when it can. 一次一评 (DOMAIN.md): once
 * per intake, either at the window right after the sitting (the day the intake was taken, while
 * the resident is still at the station) or after the service ended, within the window for late ratings.
 */
export function evaluationRefusal(intake: IntakeRecord, now: Date): string | null {
  if (intake.evaluation !== undefined) return '该办件已评价，每件只能评价一次'
  if (chinaDate(new Date(intake.createdAt)) === chinaDate(now)) return null
  const endedAt = serviceEndedAt(intake)
  if (endedAt === null) return '该办件尚未办结：群众可在办件当天于窗口评价，或在办结（或不予受理、撤回）后评价'
  const deadline = new Date(endedAt).getTime() + EVALUATION_WINDOW_DAYS * DAY_MS
  if (now.getTime() > deadline) return `已超过评价期限：办结后${EVALUATION_WINDOW_DAYS}天内可以评价`
  return null
}

/** The common reasons of a 差评, in the order the resident reads them ('other' last). */
export const BAD_REASON_OPTIONS = (Object.keys(BAD_RATING_REASON_LABELS) as BadRatingReason[]).map((reason) => ({
  value: reason,
  label: BAD_RATING_REASON_LABELS[reason],
}))

/** Why this rating cannot be submitted yet (a 差评 without its reason, 其他原因 without words), or null. */
export function ratingEntryRefusal(entry: { rating: number; badReason?: BadRatingReason; comment?: string }): string | null {
  return badReasonIssue({ ...entry, comment: entry.comment?.trim() || undefined })?.message ?? null
}
