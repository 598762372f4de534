import { RESULT_LABELS } from '../../../shared/decision'
import { completeOnSiteTarget, intakeCompleteOnSitePayloadSchema, type IntakeCompleteOnSitePayload } from '../../../shared/intake-actions'
import type { IntakeRecord } from '../../../shared/station-records'
import type { StaffActor } from '../../db/staff-permissions'
import { writeIntakeMutation } from '../../db/intake-write'
import type { StationDb } from '../../db/station-db'
import { checkedOrThrow } from '../../lib/user-error'

type OnSiteCompletionEntry = {
  intakeId: string
  result: IntakeCompleteOnSitePayload['result']
  resultNote?: string
  /** The signed-in staff member: only a lead (首席事务代表) may; their name is the completion's leadName. */
  staff: StaffActor
}

type CompleteOnSiteOptions = { now?: () => Date; newId?: () => string }

/** What decides whether this staff member may complete this item at this window (besides the status). */
type OnSiteEligibility = {
  itemName: string
  /** The item is one of the station's 进驻事项 (db.stationItems). */
  isStationItem: boolean
  /** The county authorised the account as 首席事务代表 (staff record `onSiteAuthority`, absent = no). */
  onSiteAuthority: boolean
}

/**
 * DOMAIN.md: 当场办结 is for the station's 进驻事项 only, by staff the county authorised. The same
 * words the county answers with (it checks again), so a clerk hears one reason whichever side refuses.
 */
export function onSiteEligibilityRefusal(eligibility: OnSiteEligibility): string | null {
  if (!eligibility.isStationItem) return `“${eligibility.itemName}”不是本站的进驻事项，不能当场办结；请报县级办理`
  if (!eligibility.onSiteAuthority) return '只有县级授权的首席事务代表可以当场办结；请由已授权的人员登录后办理，或报县级办理'
  return null
}

/** The eligibility as this station's database holds it: its 进驻事项 and the account as the county last sent it. */
export async function loadOnSiteEligibility(db: StationDb, intake: Pick<IntakeRecord, 'item'>, staffId: string): Promise<OnSiteEligibility> {
  const [stationItem, account] = await Promise.all([db.stationItems.get(intake.item.id), db.staff.get(staffId)])
  return { itemName: intake.item.name, isStationItem: stationItem !== undefined, onSiteAuthority: account?.onSiteAuthority === true }
}

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
export async function completeOnSite(db: StationDb, entry: OnSiteCompletionEntry, options: CompleteOnSiteOptions = {}): Promise<IntakeCompleteOnSitePayload> {
  return writeIntakeMutation(
    db,
    entry.intakeId,
    { ...options, staff: entry.staff },
    {
      action: 'intake.completeOnSite',
      tables: [db.catalogItems, db.stationItems, db.staff],
      refusal: async (intake) => {
        const handling = (await db.catalogItems.get(intake.item.id))?.handling ?? intake.item.handling
        return onSiteCompletionRefusal(intake, handling) ?? onSiteEligibilityRefusal(await loadOnSiteEligibility(db, intake, entry.staff.id))
      },
      refusedCode: 'complete_refused',
      change: async (intake, { createdAt, newId }) => {
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
        const completion = checkedOrThrow(parsed, 'invalid_completion', '办结信息')
        // The status stays the county's: the completion shows as 当场办结 until its decision is pulled.
        await db.intakes.update(intake.id, { onSiteCompletion: completion, syncState: 'pending', lastError: undefined })
        return {
          mutation: { id: newId(), type: 'intake.completeOnSite', entityId: intake.id, payload: completion, createdAt },
          audit: { action: 'intake.completeOnSite', entityId: intake.id, intakeNo: intake.intakeNo, detail: `当场办结：${RESULT_LABELS[completion.result]}` },
          result: completion,
        }
      },
    },
  )
}
