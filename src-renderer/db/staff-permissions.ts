import { STATION_STAFF_ROLE_LABELS, type StationStaffRole } from '../../shared/staff'
import { UserError } from '../lib/user-error'

/**
 * What each station role may do: the ONE place these rules live. The UI asks `can` to decide
 * what to offer; the feature functions call `assertCan` so a screen that forgot still cannot
 * write what the role may not.
 */
export type StaffAction =
  /** 新建办件, 帮办代办 included. */
  | 'intake.submit'
  /** 办不成事反映. */
  | 'report.record'
  /** Opening the resident-facing rating screen (the resident rates; staff only hand over the screen). */
  | 'evaluation.screen'
  /** Entering a resident's paper rating form. */
  | 'evaluation.paper'
  /** Intake actions at the window (办理操作): 补正 materials, withdrawal, 送达 / 领取, the daily report. */
  | 'intake.action'
  /** 当场办结 of a 即办件 (首席事务代表). */
  | 'intake.completeOnSite'
  /** 日终同步 and its reconciliation report. */
  | 'sync.endOfDay'

/** The person acting: the signed-in account (never a typed-in name). */
export type StaffActor = { id: string; username: string; displayName: string; role: StationStaffRole; stationCode: string }

const AGENT: readonly StaffAction[] = ['intake.submit', 'report.record', 'evaluation.screen']
const CLERK: readonly StaffAction[] = [...AGENT, 'evaluation.paper', 'intake.action']
const LEAD: readonly StaffAction[] = [...CLERK, 'intake.completeOnSite', 'sync.endOfDay']

const ALLOWED: Record<StationStaffRole, ReadonlySet<StaffAction>> = { agent: new Set(AGENT), clerk: new Set(CLERK), lead: new Set(LEAD) }

const WHO_MAY: Record<StaffAction, string> = {
  'intake.submit': '本站工作人员',
  'report.record': '本站工作人员',
  'evaluation.screen': '本站工作人员',
  'evaluation.paper': '综合窗口人员或站点负责人',
  'intake.action': '综合窗口人员或站点负责人',
  'intake.completeOnSite': '本站首席事务代表（站点负责人）',
  'sync.endOfDay': '站点负责人',
}

const NOT_SIGNED_IN_MESSAGE = '请先登录：工作人员登录后才能办理'

export function can(staff: Pick<StaffActor, 'role'> | undefined, action: StaffAction): boolean {
  return staff !== undefined && ALLOWED[staff.role].has(action)
}

/** Why `staff` may not do `action`, in Chinese, or null when they may. */
export function refusalOf(staff: Pick<StaffActor, 'role'> | undefined, action: StaffAction): string | null {
  if (staff === undefined) return NOT_SIGNED_IN_MESSAGE
  if (can(staff, action)) return null
  return `${STATION_STAFF_ROLE_LABELS[staff.role]}没有此权限：只有${WHO_MAY[action]}可以办理，请由有权限的人员登录后操作`
}

/** Throws UserError `not_signed_in` or `forbidden_role` unless `staff` may do `action`. */
export function assertCan(staff: StaffActor | undefined, action: StaffAction): asserts staff is StaffActor {
  const refusal = refusalOf(staff, action)
  if (refusal !== null) throw new UserError(staff === undefined ? 'not_signed_in' : 'forbidden_role', refusal)
}

/** Who did it, as an audit entry records it (the name as shown, plus the account). */
export function auditActor(staff: StaffActor | undefined): { staffName?: string; by?: { staffId: string; username: string; role: StationStaffRole } } {
  if (staff === undefined) return {}
  return { staffName: staff.displayName, by: { staffId: staff.id, username: staff.username, role: staff.role } }
}
