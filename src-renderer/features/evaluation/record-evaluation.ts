import { EVALUATION_SOURCE_LABELS, newEvaluationRecordPayloadSchema, type EvaluationRecordInput, type EvaluationRecordPayload } from '../../../shared/evaluation'
import type { StaffActor } from '../../db/staff-permissions'
import type { StationDb } from '../../db/station-db'
import { writeStationMutation } from '../../db/station-write'
import { UserError } from '../../lib/user-error'
import { evaluationRefusal } from './evaluation-rules'

/** What the rating screen or the paper-form entry gives; ids and time are added here. */
export type EvaluationEntry = Pick<EvaluationRecordInput, 'intakeId' | 'rating' | 'comment' | 'badReason' | 'source' | 'enteredBy' | 'paperFormNo'>

/**
 * `staff`: the signed-in staff member. A paper form is entered by them (录入人 = their name, clerk
 * or lead only); on the resident's screen they only handed the screen over and rate nothing.
 */
export type RecordEvaluationOptions = { now?: () => Date; newId?: () => string; staff: StaffActor }

/**
 * Records the one rating of an intake (一次一评): validates it with the shared payload schema
 * and the station's rules (after the service, within the window, not rated yet), then writes
 * the rating onto the intake, its `evaluation.record` outbox mutation and its audit entry
 * through the station write path (ONE Dexie transaction). The "already rated" check reads inside that transaction, so two
 * quick presses cannot both record.
 *
 * Throws UserError `invalid_evaluation` (with per-field issues), `not_found`,
 * `evaluation_refused` or `storage_full`.
 */
export async function recordEvaluation(
  db: StationDb,
  entry: EvaluationEntry,
  options: RecordEvaluationOptions,
): Promise<EvaluationRecordPayload> {
  const enteredBy = options.staff.displayName
  return writeStationMutation(db, {
    actor: options.staff,
    action: entry.source === 'paperForm' ? 'evaluation.paper' : 'evaluation.screen',
    tables: [db.intakes],
    now: options.now,
    newId: options.newId,
    change: async ({ createdAt, newId }) => {
      const intake = await db.intakes.get(entry.intakeId)
      if (intake === undefined) throw new UserError('not_found', '找不到该办件，请返回办件列表重新选择')
      const refusal = evaluationRefusal(intake, new Date(createdAt))
      if (refusal !== null) throw new UserError('evaluation_refused', refusal)

      // A new rating: a 差评 must name its reason (contract-9), which older stored ratings may lack.
      const parsed = newEvaluationRecordPayloadSchema.safeParse({
        id: newId(),
        intakeId: intake.id,
        rating: entry.rating,
        comment: emptyToUndefined(entry.comment),
        badReason: entry.badReason,
        source: entry.source,
        // On the resident's screen nobody "enters" the rating: staff never rate for the resident.
        enteredBy: entry.source === 'paperForm' ? emptyToUndefined(enteredBy) : undefined,
        paperFormNo: entry.source === 'paperForm' ? emptyToUndefined(entry.paperFormNo) : undefined,
        createdAt,
      } satisfies EvaluationRecordInput)
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message }))
        throw new UserError('invalid_evaluation', `评价信息有误：${issues[0]!.message}`, issues)
      }
      const evaluation = parsed.data
      await db.intakes.update(intake.id, { evaluation })
      return {
        mutation: { id: newId(), type: 'evaluation.record', entityId: evaluation.id, payload: evaluation, createdAt },
        // The trail says who acted and that a rating exists; the rating itself stays out of it.
        audit: { action: 'evaluation.record', entityId: intake.id, intakeNo: intake.intakeNo, detail: EVALUATION_SOURCE_LABELS[evaluation.source] },
        result: evaluation,
      }
    },
  })
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value
}
