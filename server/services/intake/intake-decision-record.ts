import type { AdminIntake } from '../../../shared/admin'
import type { IntakeDecision } from '../../../shared/decision'
import type { IntakeRow } from '../../db/schema'
import type { IntakeDecisionUpdate } from '../../repositories/intake-repository'

/** The columns a decision is made of: a stored row, or a new one whose decision columns are still unset. */
type DecisionColumns = Pick<IntakeRow, 'id' | 'intakeNo' | 'status' | 'receivedAt' | 'history'> &
  IntakeDecisionUpdate &
  Partial<Pick<IntakeRow, 'stationReceivedAt'>>

/** The county-owned part of an intake, in the shape stations pull (entity `intakeDecision`). */
export function toIntakeDecision(row: DecisionColumns): IntakeDecision {
  const decision: IntakeDecision = {
    intakeId: row.id,
    intakeNo: row.intakeNo,
    status: row.status,
    receivedAt: row.receivedAt.toISOString(),
    history: row.history,
  }
  if (row.stationReceivedAt) decision.stationReceivedAt = row.stationReceivedAt.toISOString()
  if (row.acceptedAt) decision.acceptedAt = row.acceptedAt.toISOString()
  if (row.dueDate) decision.dueDate = row.dueDate
  if (row.correction) decision.correction = row.correction
  if (row.refusalReason) decision.refusalReason = row.refusalReason
  if (row.result) decision.result = row.result
  if (row.resultNote) decision.resultNote = row.resultNote
  if (row.completedAt) decision.completedAt = row.completedAt.toISOString()
  if (row.deliveryMethod) decision.deliveryMethod = row.deliveryMethod
  if (row.terminationReason) decision.terminationReason = row.terminationReason
  if (row.handOver) decision.handOver = row.handOver
  if (row.deliveredAt) decision.deliveredAt = row.deliveredAt.toISOString()
  return decision
}

/** `missingFiles`: the attachments its station has not uploaded yet (blob-repository findMissingFiles). */
export function toAdminIntake(row: IntakeRow, missingFiles: string[] = []): AdminIntake {
  return {
    id: row.id,
    intakeNo: row.intakeNo,
    stationCode: row.stationCode,
    status: row.status,
    receivedAt: row.receivedAt.toISOString(),
    payload: row.payload as Record<string, unknown>,
    decision: toIntakeDecision(row),
    limitUnit: row.limitUnit,
    missingFiles,
  }
}
