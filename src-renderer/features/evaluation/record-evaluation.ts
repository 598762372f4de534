import {
  EVALUATION_SOURCE_LABELS,
  newEvaluationRecordPayloadSchema,
  type EvaluationRecordInput,
  type EvaluationRecordPayload,
} from '../../../shared/evaluation'
import type { StaffActor } from '../../db/staff-permissions'
import { writeIntakeMutation } from '../../db/intake-write'
import type { StationDb } from '../../db/station-db'
import { checkedOrThrow } from '../../lib/user-error'
import { evaluationRefusal } from './evaluation-rules'

/** What the rating screen or the paper-form entry gives; ids and time are added here. */
type EvaluationEntry = Pick<EvaluationRecordInput, 'intakeId' | 'rating' | 'comment' | 'badReason' | 'source' | 'enteredBy' | 'paperFormNo'>

/**
 * `staff`: the signed-in staff member. A paper form is entered by them (录入人 = their name, clerk
 * or lead only); on the resident's screen they only handed the screen over and rate nothing.
 */
type RecordEvaluationOptions = { now?: () => Date; newId?: () => string; staff: StaffActor }

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
export async function recordEvaluation(db: StationDb, entry: EvaluationEntry, options: RecordEvaluationOptions): Promise<EvaluationRecordPayload> {
  const enteredBy = options.staff.displayName
  return writeIntakeMutation(db, entry.intakeId, options, {
    action: entry.source === 'paperForm' ? 'evaluation.paper' : 'evaluation.screen',
    refusal: (intake, { createdAt }) => evaluationRefusal(intake, new Date(createdAt)),
    refusedCode: 'evaluation_refused',
    change: async (intake, { createdAt, newId }) => {
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
      const evaluation = checkedOrThrow(parsed, 'invalid_evaluation', '评价信息')
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
