import { DELIVERY_METHOD_LABELS } from '../../../shared/decision'
import { INTAKE_STATUS_LABELS, isEndStatus } from '../../../shared/intake-status'
import { SYNC_STATE_LABELS, type IntakeRecord } from '../../../shared/station-records'
import { formatDateTime } from '../../lib/format-time'

/**
 * 办理状态: the county's status once it has decided anything. Before that: 待发送 while
 * unsent, 待受理 once the county confirmed receipt, 未报送 if the county refused the mutation.
 */
export function intakeStatusLabel(intake: IntakeRecord): string {
  // A 即办件 completed at the window reads as such until the county's decision confirms (or refuses) it.
  const ended = intake.decision !== undefined && isEndStatus(intake.decision.status)
  if (intake.withdrawal && !ended) return '已撤回（待县级确认）'
  // The hand-over waits for the county's 已送达, which may come after its 办结 (当场办结 too).
  if (intake.handOver && intake.decision?.status !== 'delivered') return '已送达（待县级确认）'
  if (intake.onSiteCompletion && !ended) return '当场办结（待县级确认）'
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
  /** The record itself, for the row's actions. */
  intake: IntakeRecord
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
    intake,
  }
}

/**
 * What the clerk does with an intake the county completed. A result sent to the station
 * (站点领取, or after 当场办结) is handed over here with 出件登记; a result the county delivers
 * itself (窗口领取, 邮寄, 电子送达) is the county's to record, and its 送达 arrives by pull.
 */
/** The 办结待送达 queue's hint: which results the station hands over, which the county delivers. */
export const DELIVERY_QUEUE_HINT =
  '“站点领取”和当场办结的结果在本站出件：领取人来站时打开办件，点“出件登记”并打印送达回证。县级以其他方式送达的，由县级登记送达；登记后办件自动移出本队列。'

export function deliveryHint(intake: IntakeRecord): string {
  const method = intake.decision?.deliveryMethod
  if (method === 'station') {
    return '办理结果在本站领取：申请人（或代领人）来站时，点“出件登记”记录领取人和身份证号，并打印送达回证请领取人签字；县级确认后状态变为“已送达”。'
  }
  const how = method === undefined ? '按约定方式' : `以“${DELIVERY_METHOD_LABELS[method]}”方式`
  return `办理结果由县级${how}送达，本站无需登记出件；县级登记送达后，办件会自动移出“办结待送达”。`
}
