import { BAD_RATING_RECTIFY_DAYS, badReasonIssue, isBadRating } from '../../../shared/evaluation'
import type { MutationOf } from '../../../shared/protocol'
import { countyDueDate } from '../calendar/county-calendar'
import { AppError } from '../../app-error'
import type { Executor } from '../../db/database'
import { appendChange } from '../../repositories/change-repository'
import { findEvaluationOfIntake, insertEvaluationIfAbsent } from '../../repositories/evaluation-repository'
import type { DeviceIdentity } from '../stations/device-auth-service'
import { inMutationTransaction } from '../sync/mutation-transaction'
import { lockOwnIntake } from '../intake/station-intake'

/**
 * `evaluation.record` (好差评): one rating per intake, for any intake of the station
 * the county holds, whatever its status (a resident may rate a refusal too). A 差评
 * (4 or 5) is marked 待整改 with a due date 15 working days from the county's
 * receipt. The rating changes nothing the station pulls, so no change is published.
 */
export async function recordEvaluation(
  db: Executor,
  device: DeviceIdentity,
  mutation: MutationOf<'evaluation.record'>,
  payloadHash: string,
  now = new Date(),
): Promise<'applied' | 'duplicate'> {
  const { payload } = mutation
  return inMutationTransaction(db, device, mutation, payloadHash, now, async (tx) => {
    // A 差评 names its reason; ratings stored before the reason existed stay readable, new ones must.
    const reasonIssue = badReasonIssue(payload)
    if (reasonIssue) throw new AppError('rejected', reasonIssue.message)
    // Locking the intake queues two ratings of it, so the second sees the first.
    const intake = await lockOwnIntake(tx, device, payload.intakeId)
    const bad = isBadRating(payload.rating)
    const stored = await insertEvaluationIfAbsent(tx, {
      id: payload.id,
      intakeId: intake.id,
      stationCode: device.stationCode,
      mutationId: mutation.id,
      rating: payload.rating,
      comment: payload.comment ?? null,
      source: payload.source,
      enteredBy: payload.enteredBy ?? null,
      createdAt: payload.createdAt,
      receivedAt: now,
      followUpStatus: bad ? 'pendingRectification' : null,
      followUpDue: bad ? await countyDueDate(tx, now, BAD_RATING_RECTIFY_DAYS) : null,
    })
    if (!stored) {
      const existing = await findEvaluationOfIntake(tx, intake.id)
      throw new AppError('conflict', existing ? '该办件已评价，每件只能评价一次' : '评价编号已被另一条评价使用，请在本站核对该评价')
    }
    await appendChange(tx, { stationCode: device.stationCode, entity: 'evaluation', entityId: payload.id, op: 'put', data: payload })
  })
}
