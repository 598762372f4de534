import { HANDLING_LABELS } from '../../../shared/catalog'
import { ASSIST_REASON_LABELS, MATERIAL_STATUS_LABELS, PROVIDED_FORM_LABELS, SERVICE_MODE_LABELS } from '../../../shared/intake'
import type { IntakeRecord } from '../../../shared/station-records'

export type MaterialRow = { key: string; name: string; statusLabel: string; status: IntakeRecord['materials'][number]['status']; detail: string }

/** 材料 as the clerk recorded them: status, form and count, 容缺 due date. */
export function materialRows(intake: IntakeRecord): MaterialRow[] {
  return intake.materials.map((material) => {
    const detail: string[] = []
    if (material.form) detail.push(PROVIDED_FORM_LABELS[material.form])
    if (material.count !== undefined) detail.push(`${material.count}份`)
    if (material.dueDate) detail.push(`${material.dueDate}前补交`)
    return {
      key: material.materialId,
      name: material.name,
      status: material.status,
      statusLabel: MATERIAL_STATUS_LABELS[material.status],
      detail: detail.join('，'),
    }
  })
}

/** 办理方式 with the reason and, for 代办, the authorization. */
export function serviceModeText(intake: IntakeRecord): string {
  const parts = [SERVICE_MODE_LABELS[intake.serviceMode]]
  if (intake.serviceMode !== 'self' && intake.assistReason) {
    parts.push(`原因：${ASSIST_REASON_LABELS[intake.assistReason]}${intake.assistNote ? `（${intake.assistNote}）` : ''}`)
  }
  if (intake.serviceMode === 'proxy' && intake.proxyAuthorization) parts.push(`授权：${intake.proxyAuthorization}`)
  return parts.join('；')
}

export function itemText(intake: IntakeRecord): string {
  return `${intake.item.name}（${intake.item.implCode}，第${intake.item.version}版，${HANDLING_LABELS[intake.item.handling]}${intake.item.acceptOnReceipt ? '，收件即受理' : ''}）`
}

export function applicantIdText(intake: IntakeRecord): string {
  const { applicant } = intake
  return applicant.kind === 'person'
    ? `公民身份号码 ${applicant.idNumber}`
    : `统一社会信用代码 ${applicant.creditCode}，法定代表人 ${applicant.legalRepresentative}`
}
