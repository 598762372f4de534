import { EVALUATION_WINDOW_DAYS } from '../../../shared/evaluation'
import { isEndStatus } from '../../../shared/intake-status'
import type { IntakeRecord } from '../../../shared/station-records'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * When the service of an intake ended, or null while it is still running. A service ends in
 * any end state of the status machine (办结, 送达, 不予受理, 撤回): a resident may rate a refusal
 * or the handling of a withdrawal too. A 即办件 completed at the window ends there and then,
 * before the county's confirmation arrives, so the resident can rate on the spot (一次一评).
 */
export function serviceEndedAt(intake: IntakeRecord): string | null {
  const decision = intake.decision
  if (decision !== undefined && isEndStatus(decision.status)) {
    if (decision.completedAt !== undefined) return decision.completedAt
    const ended = decision.history.find((event) => isEndStatus(event.status))
    return ended?.at ?? decision.receivedAt
  }
  return intake.onSiteCompletion?.createdAt ?? null
}

/** Why this intake cannot be rated now (in Chinese), or null when it can. */
export function evaluationRefusal(intake: IntakeRecord, now: Date): string | null {
  if (intake.evaluation !== undefined) return '该办件已评价，每件只能评价一次'
  const endedAt = serviceEndedAt(intake)
  if (endedAt === null) return '该办件尚未办结，办结（或不予受理、撤回）后才能评价'
  const deadline = new Date(endedAt).getTime() + EVALUATION_WINDOW_DAYS * DAY_MS
  if (now.getTime() > deadline) return `已超过评价期限：办结后${EVALUATION_WINDOW_DAYS}天内可以评价`
  return null
}
