import { handOverTarget, intakeHandOverPayloadSchema, type IntakeHandOverPayload } from '../../../shared/intake-actions'
import { isEndStatus } from '../../../shared/intake-status'
import type { IntakeRecord } from '../../../shared/station-records'
import { writeIntakeMutation, type IntakeWriteOptions } from '../../db/intake-write'
import type { StationDb } from '../../db/station-db'
import { checkedOrThrow, UserError } from '../../lib/user-error'

/**
 * Why the result cannot be handed over at this station now, or null. The result is here after a
 * county 办结 with 站点领取 (the shared rule) or after 当场办结 recorded at this window: that
 * completion is queued before the hand-over, so the county applies them in that order.
 */
export function handOverRefusal(intake: IntakeRecord): string | null {
  if (intake.handOver !== undefined) return '该办件已登记出件，无需再次登记'
  const completedHere = intake.onSiteCompletion !== undefined && !(intake.decision !== undefined && isEndStatus(intake.decision.status))
  if (completedHere) return null
  const target = handOverTarget(intake.status ?? 'submitted', intake.decision?.deliveryMethod)
  return target.ok ? null : target.message
}

type HandOverEntry = {
  intakeId: string
  recipientIsApplicant: boolean
  /** The recipient; for the applicant in person, the applicant's own name and ID are taken. */
  recipientName?: string
  recipientIdNumber?: string
  relationship?: string
  /** When it was handed over (device clock); now when left out. */
  handedOverAt?: string
  note?: string
}

/**
 * 出件/送达: records who received the result (name, ID number checked, relationship when not the
 * applicant, time) through the station write path, as the `intake.handOver` mutation. The county
 * then marks the intake 已送达; until it does, the station shows the hand-over as pending.
 *
 * Throws UserError `not_found`, `hand_over_refused`, `invalid_hand_over` (issues by payload
 * field), the write path's permission errors or `storage_full`.
 */
export async function handOverIntake(db: StationDb, entry: HandOverEntry, options: IntakeWriteOptions): Promise<IntakeHandOverPayload> {
  return writeIntakeMutation(db, entry.intakeId, options, {
    refusal: handOverRefusal,
    refusedCode: 'hand_over_refused',
    change: async (intake, { createdAt, actor, newId }) => {
      const applicant = intake.applicant
      if (entry.recipientIsApplicant && applicant.kind !== 'person') {
        const message = '申请人为单位，请填写前来领取的经办人姓名、身份证号和与单位的关系'
        throw new UserError('invalid_hand_over', message, [{ path: ['recipientIsApplicant'], message }])
      }
      const inPerson = entry.recipientIsApplicant && applicant.kind === 'person'
      const parsed = intakeHandOverPayloadSchema.safeParse({
        intakeId: intake.id,
        recipientName: inPerson ? applicant.name : (entry.recipientName ?? ''),
        recipientIdNumber: inPerson ? applicant.idNumber : (entry.recipientIdNumber ?? ''),
        recipientIsApplicant: entry.recipientIsApplicant,
        relationship: entry.recipientIsApplicant || !entry.relationship?.trim() ? undefined : entry.relationship,
        handedOverAt: entry.handedOverAt ?? createdAt,
        staffName: actor.displayName,
        note: entry.note?.trim() ? entry.note : undefined,
        createdAt,
      })
      const handOver = checkedOrThrow(parsed, 'invalid_hand_over', '出件信息')
      await db.intakes.update(intake.id, { handOver, syncState: 'pending', lastError: undefined })
      return {
        mutation: { id: newId(), type: 'intake.handOver', entityId: intake.id, payload: handOver, createdAt },
        audit: {
          action: 'intake.handOver',
          entityId: intake.id,
          intakeNo: intake.intakeNo,
          detail: handOver.recipientIsApplicant ? '出件：申请人本人领取' : `出件：申请人的${handOver.relationship ?? '代领人'}领取`,
        },
        result: handOver,
      }
    },
  })
}
