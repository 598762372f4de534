import type { ServiceItem } from '../../../shared/catalog'
import { ASSIST_REASON_LABELS, MATERIAL_STATUS_LABELS, PROVIDED_FORM_LABELS, SERVICE_MODE_LABELS, type AssistReason } from '../../../shared/intake'
import { formatBytes } from '../attachments/attachment-rules'
import { promisedLimitLabel } from '../catalog/catalog-labels'
import type { IntakeFormValues } from '../../db/intake-draft-record'
import { receivedOnlyNotice } from '../../db/intake-acceptance'
import { checklistMaterials } from './material-rules'
import { INTAKE_STEPS, type IntakeStepKey } from './intake-wizard-steps'

/**
 * 核对并提交: what the clerk reads back to the resident before submitting, built from the
 * form's values. Nothing is masked: the resident checks every digit of their own details.
 */
type ReviewRow = { label: string; value: string }
type ReviewMaterial = {
  materialId: string
  name: string
  status: string
  /** 补交期限, 材料形式, 份数, where recorded. */
  details: ReviewRow[]
  attachments: { filename: string; sizeText: string }[]
}
export type ReviewSection = {
  key: string
  title: string
  /** The step whose 修改 button leads back to where this is typed, or null (not typed by the clerk). */
  step: number | null
  rows: ReviewRow[]
  materials?: ReviewMaterial[]
}

/** A file the clerk added to a material, as the form holds it until the submit. */
type ReviewAttachment = { materialId: string; filename: string; size: number }

const NOT_FILLED = '（未填写）'
const NOT_CHOSEN = '（未选择）'
const text = (value: string | undefined) => (value === undefined || value.trim() === '' ? NOT_FILLED : value)
const stepOf = (key: IntakeStepKey) => INTAKE_STEPS.findIndex((step) => step.key === key)

export function buildIntakeReview(input: {
  values: IntakeFormValues
  item: ServiceItem | undefined
  attachments: readonly ReviewAttachment[]
  staffName: string
}): ReviewSection[] {
  const { values, item, attachments, staffName } = input
  return [
    {
      key: 'item',
      title: '办理事项',
      step: stepOf('item'),
      rows: item
        ? [
            { label: '事项名称', value: item.name },
            { label: '实施编码', value: item.implCode },
            { label: '实施部门', value: item.department },
            { label: '承诺时限', value: promisedLimitLabel(item) },
          ]
        : [{ label: '事项名称', value: '（未选择）' }],
    },
    { key: 'applicant', title: '申请人', step: stepOf('applicant'), rows: applicantRows(values) },
    { key: 'serviceMode', title: '办理方式', step: stepOf('applicant'), rows: serviceModeRows(values) },
    {
      key: 'materials',
      title: '材料清单',
      step: stepOf('materials'),
      rows: item && item.materials.length === 0 ? [{ label: '材料', value: '该事项无需提交申请材料' }] : [],
      materials: (item ? checklistMaterials(item, values.serviceMode) : []).map((material) => {
        const entry = values.materials?.[material.id] ?? {}
        const status = entry.status
        const details: ReviewRow[] = []
        if (status === 'deferred') details.push({ label: '补交期限', value: text(entry.dueDate) })
        // Form and count are kept through a change of status but belong to 已收取 only (as submitIntake sends them).
        if (status === 'provided' && entry.form !== undefined) details.push({ label: '材料形式', value: PROVIDED_FORM_LABELS[entry.form] })
        if (status === 'provided' && typeof entry.count === 'number') details.push({ label: '份数', value: `${entry.count} 份` })
        return {
          materialId: material.id,
          name: material.name,
          status: status === undefined ? NOT_CHOSEN : MATERIAL_STATUS_LABELS[status],
          details,
          attachments: attachments
            .filter((file) => file.materialId === material.id)
            .map((file) => ({ filename: file.filename, sizeText: formatBytes(file.size) })),
        }
      }),
    },
    {
      key: 'other',
      title: '备注与经办人',
      step: stepOf('materials'),
      rows: [
        { label: '备注', value: values.note?.trim() ? values.note : '（无）' },
        // The signed-in account: shown, never typed.
        { label: '经办人', value: staffName },
      ],
    },
  ]
}

/** The review's warning that the intake will be received but not accepted (required materials 缺少), or null. */
export function reviewAcceptanceNotice(values: IntakeFormValues, item: ServiceItem | undefined): string | null {
  const missing = (item ? checklistMaterials(item, values.serviceMode) : []).filter((material) => values.materials?.[material.id]?.status === 'missing')
  return receivedOnlyNotice(missing.map((material) => material.name))
}

function applicantRows(values: IntakeFormValues): ReviewRow[] {
  if (values.applicantKind === 'organisation') {
    const organisation = values.organisation ?? {}
    return [
      { label: '申请人类型', value: '单位' },
      { label: '单位名称', value: text(organisation.name) },
      { label: '统一社会信用代码', value: text(organisation.creditCode) },
      { label: '法定代表人', value: text(organisation.legalRepresentative) },
      { label: '联系电话', value: text(organisation.phone) },
      { label: '单位地址', value: text(organisation.address) },
    ]
  }
  const person = values.person ?? {}
  return [
    { label: '申请人类型', value: '个人' },
    { label: '申请人姓名', value: text(person.name) },
    { label: '公民身份号码', value: text(person.idNumber) },
    { label: '联系电话', value: text(person.phone) },
    { label: '住址', value: text(person.address) },
  ]
}

function serviceModeRows(values: IntakeFormValues): ReviewRow[] {
  const rows: ReviewRow[] = [{ label: '办理方式', value: SERVICE_MODE_LABELS[values.serviceMode] }]
  if (values.serviceMode === 'self') return rows
  const reason = values.assistReason as AssistReason | undefined
  rows.push({ label: '帮办代办原因', value: reason ? ASSIST_REASON_LABELS[reason] : NOT_FILLED })
  if (values.assistNote?.trim()) rows.push({ label: '原因补充说明', value: values.assistNote })
  if (values.serviceMode === 'proxy') {
    const agent = values.agent ?? {}
    rows.push(
      { label: '授权说明', value: text(values.proxyAuthorization) },
      { label: '代办人姓名', value: text(agent.name) },
      { label: '代办人身份证号', value: text(agent.idNumber) },
      { label: '代办人电话', value: text(agent.phone) },
      { label: '与申请人关系', value: text(agent.relationship) },
    )
  }
  return rows
}
