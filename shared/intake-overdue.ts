import { isEndStatus, type IntakeStatus } from './intake-status'

/**
 * 超期: the promised completion date (China calendar date, YYYY-MM-DD) has passed and the
 * intake is still open. `today` is `chinaDate(new Date())`; the server's SQL filter
 * (intake-repository `listIntakes`) applies the same rule.
 */
export function isIntakeOverdue(intake: { status: IntakeStatus; dueDate?: string | null }, today: string): boolean {
  return !!intake.dueDate && intake.dueDate < today && !isEndStatus(intake.status)
}
