import { intakeWithdrawPayloadSchema, withdrawTarget, type IntakeWithdrawPayload } from '../../../shared/intake-followup'
import type { IntakeRecord } from '../../../shared/station-records'
import type { StaffActor } from '../../db/staff-permissions'
import type { StationDb } from '../../db/station-db'
import { writeStationMutation } from '../../db/station-write'
import { UserError } from '../../lib/user-error'

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

export type WithdrawEntry = { intakeId: string; reason: string }
export type WithdrawOptions = { staff: StaffActor; now?: () => Date; newId?: () => string }

/**
 * 撤回: records the applicant's withdrawal with its reason through the station write path (the
 * withdrawal on the intake, its `intake.withdraw` outbox mutation and its audit entry in ONE
 * transaction). The county's `withdrawn` then confirms it.
 *
 * Throws UserError `not_found`, `withdraw_refused`, `invalid_withdrawal` (issue path ['reason']),
 * the write path's permission errors or `storage_full`.
 */
export async function withdrawIntake(db: StationDb, entry: WithdrawEntry, options: WithdrawOptions): Promise<IntakeWithdrawPayload> {
  return writeStationMutation(db, {
    actor: options.staff,
    action: 'intake.followUp',
    tables: [db.intakes],
    now: options.now,
    newId: options.newId,
    change: async ({ createdAt, actor, newId }) => {
      const intake = await db.intakes.get(entry.intakeId)
      if (intake === undefined) throw new UserError('not_found', '找不到该办件，请返回办件列表重新选择')
      const refusal = withdrawRefusal(intake)
      if (refusal !== null) throw new UserError('withdraw_refused', refusal)
      const parsed = intakeWithdrawPayloadSchema.safeParse({ intakeId: intake.id, reason: entry.reason, staffName: actor.displayName, createdAt })
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message }))
        throw new UserError('invalid_withdrawal', `撤回信息有误：${issues[0]!.message}`, issues)
      }
      const withdrawal = parsed.data
      await db.intakes.update(intake.id, { withdrawal, syncState: 'pending', lastError: undefined })
      return {
        mutation: { id: newId(), type: 'intake.withdraw', entityId: intake.id, payload: withdrawal, createdAt },
        audit: { action: 'intake.withdraw', entityId: intake.id, intakeNo: intake.intakeNo },
        result: withdrawal,
      }
    },
  })
}
