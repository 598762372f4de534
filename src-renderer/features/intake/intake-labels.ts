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
  }
}
