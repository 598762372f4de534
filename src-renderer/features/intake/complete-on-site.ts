import { RESULT_LABELS } from '../../../shared/decision'
import { completeOnSiteTarget, intakeCompleteOnSitePayloadSchema, type IntakeCompleteOnSitePayload } from '../../../shared/intake-followup'
import type { IntakeRecord } from '../../../shared/station-records'
import type { StaffActor } from '../../db/staff-permissions'
import type { StationDb } from '../../db/station-db'
import { writeStationMutation } from '../../db/station-write'
import { UserError } from '../../lib/user-error'

export type OnSiteCompletionEntry = {
  intakeId: string
  result: IntakeCompleteOnSitePayload['result']
  resultNote?: string
  /** The signed-in staff member: only a lead (首席事务代表) may; their name is the completion's leadName. */
  staff: StaffActor
}

export type CompleteOnSiteOptions = { now?: () => Date; newId?: () => string }

/**
 * Why this intake cannot be completed at the window now, or null. The status machine's rule
 * (shared with the county) decides on the county's last word; the station adds what only it
 * knows: a completion already recorded here, or an intake the county refused to take.
 */
export function onSiteCompletionRefusal(intake: IntakeRecord, handling: IntakeRecord['item']['handling']): string | null {
  if (intake.onSiteCompletion !== undefined) return '该办件已当场办结，无需再次办结'
  if (intake.syncState === 'rejected') return '县级服务器退回了该办件，不能当场办结；请核对后重新办理'
  const target = completeOnSiteTarget(intake.status ?? 'submitted', handling)
  return target.ok ? null : target.message
}

/**
 * A 即办件 completed at the window by the station lead (首席事务代表): checks the lead and the
 * status machine, then writes the completion onto the intake (pending until the county
 * confirms it), its `intake.completeOnSite` outbox mutation and its audit entry through the
 * station write path (ONE Dexie transaction). Whether the item is a 即办件 is the station's current catalog's word, as the
 * county will judge by its own catalog; the intake's snapshot stands in if the item is gone.
 *
 * Throws UserError `forbidden_role` (with the permissions module's message), `not_found`, `complete_refused`, `invalid_completion` or `storage_full`.
 */
export async function completeOnSite(
  db: StationDb,
  entry: OnSiteCompletionEntry,
  options: CompleteOnSiteOptions = {},
): Promise<IntakeCompleteOnSitePayload> {
  return writeStationMutation(db, {
    actor: entry.staff,
    action: 'intake.completeOnSite',
    tables: [db.intakes, db.catalogItems],
    now: options.now,
    newId: options.newId,
    change: async ({ createdAt, newId }) => {
      const intake = await db.intakes.get(entry.intakeId)
      if (intake === undefined) throw new UserError('not_found', '找不到该办件，请返回办件列表重新选择')
      const handling = (await db.catalogItems.get(intake.item.id))?.handling ?? intake.item.handling
      const refusal = onSiteCompletionRefusal(intake, handling)
      if (refusal !== null) throw new UserError('complete_refused', refusal)

      const parsed = intakeCompleteOnSitePayloadSchema.safeParse({
        intakeId: intake.id,
        result: entry.result,
        resultNote: entry.resultNote?.trim() ? entry.resultNote : undefined,
        leadName: entry.staff.displayName,
        // The county checks this account's 首席事务代表 authorisation; without it the completion is refused.
        staffId: entry.staff.id,
        staffUsername: entry.staff.username,
        createdAt,
      })
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message }))
        throw new UserError('invalid_completion', `办结信息有误：${issues[0]!.message}`, issues)
      }
      const completion = parsed.data
      // The status stays the county's: the completion shows as 当场办结 until its decision is pulled.
      await db.intakes.update(intake.id, { onSiteCompletion: completion, syncState: 'pending', lastError: undefined })
      return {
        mutation: { id: newId(), type: 'intake.completeOnSite', entityId: intake.id, payload: completion, createdAt },
        audit: { action: 'intake.completeOnSite', entityId: intake.id, intakeNo: intake.intakeNo, detail: `当场办结：${RESULT_LABELS[completion.result]}` },
        result: completion,
      }
    },
  })
}
