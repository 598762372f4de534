import type { Table } from 'dexie'
import type { IntakeRecord } from '../../shared/station-records'
import { UserError, type StationErrorCode } from '../lib/user-error'
import type { StaffAction, StaffActor } from './staff-permissions'
import type { StationDb } from './station-db'
import { writeStationMutation, type StationChange, type StationWriteContext } from './station-write'

/** Who writes (the signed-in staff member), and the clock and ids tests may fix. */
export type IntakeWriteOptions = { staff: StaffActor; now?: () => Date; newId?: () => string }

type IntakeWrite<T> = {
  /** The permission the write needs: by default 撤回/出件/补交材料's; 当场办结 and 评价 name their own. */
  action?: StaffAction
  /** Tables the change reads or writes besides `intakes`. */
  tables?: readonly Table[]
  /** Why this intake refuses the change now (read inside the transaction), or null. */
  refusal: (intake: IntakeRecord, context: StationWriteContext) => string | null | Promise<string | null>
  /** The code a refusal is thrown with, e.g. `withdraw_refused`. */
  refusedCode: StationErrorCode
  change: (intake: IntakeRecord, context: StationWriteContext) => Promise<StationChange<T>>
}

/**
 * A mutation on one intake the station already holds (撤回, 出件, 补交材料, 当场办结, 评价),
 * through the station write path: the intake is read and its refusal checked inside the same
 * transaction as the change, so two quick presses cannot both pass the check.
 *
 * Throws UserError `not_found`, `refusedCode`, what the write path throws, or what the change throws.
 */
export async function writeIntakeMutation<T>(
  db: StationDb,
  intakeId: string,
  { staff, now, newId }: IntakeWriteOptions,
  { action = 'intake.action', tables = [], refusal, refusedCode, change }: IntakeWrite<T>,
): Promise<T> {
  return writeStationMutation(db, {
    actor: staff,
    action,
    now,
    newId,
    tables: [db.intakes, ...tables],
    change: async (context) => {
      const intake = await db.intakes.get(intakeId)
      if (intake === undefined) throw new UserError('not_found', '找不到该办件，请返回办件列表重新选择')
      const refused = await refusal(intake, context)
      if (refused !== null) throw new UserError(refusedCode, refused)
      return change(intake, context)
    },
  })
}
