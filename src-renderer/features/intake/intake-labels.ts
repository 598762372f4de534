import { INTAKE_STATUS_LABELS, isEndStatus } from '../../../shared/intake-status'
import { SYNC_STATE_LABELS, type IntakeRecord } from '../../../shared/station-records'
import { formatDateTime } from '../../lib/format-time'

/**
 * 办理状态: the county's status once it has decided anything. Before that: 待发送 while
 * unsent, 待受理 once the county confirmed receipt, 未报送 if the county refused the mutation.
 */
export function intakeStatusLabel(intake: IntakeRecord): string {
  // A 即办件 completed at the window reads as such until the county's decision confirms (or refuses) it.
  if (intake.onSiteCompletion && !(intake.decision && isEndStatus(intake.decision.status))) return '当场办结（待县级确认）'
  if (intake.decision) return INTAKE_STATUS_LABELS[intake.decision.status]
  if (intake.syncState === 'synced') return INTAKE_STATUS_LABELS.submitted
  if (intake.syncState === 'rejected') return '未报送'
  return '待发送'
}

/** 同步状态: 未发送, 已同步, or 被退回：<the county's reason>. */
export function syncStateLabel(intake: IntakeRecord): string {
  if (intake.syncState === 'rejected') return `${SYNC_STATE_LABELS.rejected}：${intake.lastError?.message ?? '未说明原因'}`
  return SYNC_STATE_LABELS[intake.syncState]
}

export type IntakeRow = {
  id: string
  intakeNo: string
  applicantName: string
  itemName: string
  statusLabel: string
  syncLabel: string
  syncState: IntakeRecord['syncState']
  createdAtLabel: string
  /** 办结期限 while the intake is open; empty once it ended or before the limit starts. */
  dueDate: string
  /** The earliest date the resident owes a material (容缺) or a 补正. */
  residentDueDate: string
}

export function toIntakeRow(intake: IntakeRecord): IntakeRow {
  return {
    id: intake.id,
    intakeNo: intake.intakeNo,
    applicantName: intake.applicant.name,
    itemName: intake.item.name,
    statusLabel: intakeStatusLabel(intake),
    syncLabel: syncStateLabel(intake),
    syncState: intake.syncState,
    createdAtLabel: formatDateTime(intake.createdAt),
    dueDate: intake.openDueDate ?? '',
    residentDueDate: intake.residentDueDate ?? '',
  }
}

/**
 * What the clerk does with an intake the county completed. 送达 is the county's decision
 * (PROTOCOL.md principle 3: decisions are the county's fields), so the station cannot record
 * it itself; it hands the result over and tells the county, whose 送达 then arrives by pull.
 */
export const DELIVERY_HINT =
  '送达（领取）由县级登记：办理决定（受理、补正、办结、送达）属于县级，本站不能自行登记。请通知申请人领取办理结果或按约定方式送交，并告知县级窗口登记“送达”；县级登记后，办件会自动移出“办结待送达”。'
