/** The station roles of issue 4 item 9 (代办员, 综合窗口, 站点负责人). */
export type StationStaffRole = 'agent' | 'clerk' | 'lead'

/**
 * Who is acting. The station has no staff accounts yet (issue 4 item 9): today the name is
 * typed in and the role is what that person declares on the form. Once accounts exist, the
 * signed-in account fills this in and nothing else changes.
 */
export type StationStaff = { name: string; role: StationStaffRole | undefined }

/** Only a station lead (首席事务代表) may complete a 即办件 at the window. The one place this rule lives. */
export function canCompleteOnSite(staff: StationStaff): boolean {
  return staff.role === 'lead' && staff.name.trim() !== ''
}

export const NOT_A_LEAD_MESSAGE = '只有本站首席事务代表可以当场办结即办件，请由首席事务代表本人操作'
