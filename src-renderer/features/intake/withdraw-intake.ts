import { intakeWithdrawPayloadSchema, withdrawTarget, type IntakeWithdrawPayload } from '../../../shared/intake-actions'
import type { IntakeRecord } from '../../../shared/station-records'
import { writeIntakeMutation, type IntakeWriteOptions } from '../../db/intake-write'
import type { StationDb } from '../../db/station-db'
import { checkedOrThrow } from '../../lib/user-error'

/**
 * Why the applicant cannot withdraw this intake now, or null: the applicant may withdraw until
 * the case has ended (the status machine shared with the county), and the station adds what only
 * it knows: a withdrawal or on-site completion already recorded here, an intake the county never took.
 */
export function withdrawRefusal(intake: IntakeRecord): string | null {
  if (intake.withdrawal !== undefined) return '该办件已撤回（待县级确认），无需再次撤回'
  if (intake.onSiteCompletion !== undefined) return '该办件已当场办结，不能再撤回'
  if (intake.decision === undefined && intake.syncState === 'rejected') return '县级未接收该办件，无需撤回'
  const target = withdrawTarget(intake.status ?? 'submitted')
  return target.ok ? null : target.message
}

type WithdrawEntry = { intakeId: string; reason: string }

/**
 * 撤回: records the applicant's withdrawal with its reason through the station write path (the
 * withdrawal on the intake, its `intake.withdraw` outbox mutation and its audit entry in ONE
 * transaction). The county's `withdrawn` then confirms it.
 *
 * Throws UserError `not_found`, `withdraw_refused`, `invalid_withdrawal` (issue path ['reason']),
 * the write path's permission errors or `storage_full`.
 */
export async function withdrawIntake(db: StationDb, entry: WithdrawEntry, options: IntakeWriteOptions): Promise<IntakeWithdrawPayload> {
  return writeIntakeMutation(db, entry.intakeId, options, {
    refusal: withdrawRefusal,
    refusedCode: 'withdraw_refused',
    change: async (intake, { createdAt, actor, newId }) => {
      const parsed = intakeWithdrawPayloadSchema.safeParse({ intakeId: intake.id, reason: entry.reason, staffName: actor.displayName, createdAt })
      const withdrawal = checkedOrThrow(parsed, 'invalid_withdrawal', '撤回信息')
      await db.intakes.update(intake.id, { withdrawal, syncState: 'pending', lastError: undefined })
      return {
        mutation: { id: newId(), type: 'intake.withdraw', entityId: intake.id, payload: withdrawal, createdAt },
        audit: { action: 'intake.withdraw', entityId: intake.id, intakeNo: intake.intakeNo },
        result: withdrawal,
      }
    },
  })
}
