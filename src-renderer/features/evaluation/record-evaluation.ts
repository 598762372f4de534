import { EVALUATION_SOURCE_LABELS, newEvaluationRecordPayloadSchema, type EvaluationRecordInput, type EvaluationRecordPayload } from '../../../shared/evaluation'
import { mutationSchema } from '../../../shared/protocol'
import { outboxEntrySchema } from '../../../shared/station-records'
import type { StationDb } from '../../db/station-db'
import { isQuotaError, STORAGE_FULL_MESSAGE, UserError } from '../../lib/user-error'
import { newUuid } from '../../lib/uuid'
import { assertCan, auditActor, type StaffActor } from '../staff/permissions'
import { evaluationRefusal } from './evaluation-rules'

/** What the rating screen or the paper-form entry gives; ids and time are added here. */
export type EvaluationEntry = Pick<EvaluationRecordInput, 'intakeId' | 'rating' | 'comment' | 'badReason' | 'source' | 'enteredBy' | 'paperFormNo'>

/**
 * `staff`: the signed-in staff member. A paper form is entered by them (录入人 = their name, clerk
 * or lead only); on the resident's screen they only handed the screen over and rate nothing.
 */
export type RecordEvaluationOptions = { now?: () => Date; newId?: () => string; staff?: StaffActor }

/**
 * Records the one rating of an intake (一次一评): validates it with the shared payload schema
 * and the station's rules (after the service, within the window, not rated yet), then writes
 * the rating onto the intake, its `evaluation.record` outbox mutation and its audit entry in
 * ONE Dexie transaction. The "already rated" check reads inside that transaction, so two
 * quick presses cannot both record.
 *
 * Throws UserError `invalid_evaluation` (with per-field issues), `not_found`,
 * `evaluation_refused` or `storage_full`.
 */
export async function recordEvaluation(
  db: StationDb,
  entry: EvaluationEntry,
  options: RecordEvaluationOptions = {},
): Promise<EvaluationRecordPayload> {
  if (options.staff !== undefined) assertCan(options.staff, entry.source === 'paperForm' ? 'evaluation.paper' : 'evaluation.screen')
  const enteredBy = options.staff?.displayName ?? entry.enteredBy
  const now = (options.now ?? (() => new Date()))()
  const newId = options.newId ?? newUuid
  try {
    return await db.transaction('rw', [db.intakes, db.outbox, db.audit], async () => {
      const intake = await db.intakes.get(entry.intakeId)
      if (intake === undefined) throw new UserError('not_found', '找不到该办件，请返回办件列表重新选择')
      const refusal = evaluationRefusal(intake, now)
      if (refusal !== null) throw new UserError('evaluation_refused', refusal)

      const createdAt = now.toISOString()
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
      const mutation = mutationSchema.parse({ id: newId(), type: 'evaluation.record', entityId: evaluation.id, payload: evaluation, createdAt })

      await db.intakes.update(intake.id, { evaluation })
      await db.outbox.add(outboxEntrySchema.parse({ ...mutation, attempts: 0 }))
      // The trail says who entered a paper form and that a rating exists; the rating itself stays out of it.
      await db.audit.add({
        at: createdAt,
        action: 'evaluation.record',
        entityId: intake.id,
        intakeNo: intake.intakeNo,
        staffName: evaluation.enteredBy,
        by: auditActor(options.staff).by,
        detail: EVALUATION_SOURCE_LABELS[evaluation.source],
      })
      return evaluation
    })
  } catch (error) {
    if (isQuotaError(error)) throw new UserError('storage_full', STORAGE_FULL_MESSAGE)
    throw error
  }
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value
}
