import { ASSIST_REASON_LABELS, MATERIAL_STATUS_LABELS, SERVICE_MODE_LABELS, type MaterialStatus, type ServiceMode } from '../../../shared/intake'
import { promisedLimitLabel } from '../catalog/catalog-labels'
import type { ApplicantKind, IntakeFormValues } from '../../db/intake-draft-record'
import { intakeFieldForIssue, toIntakeDraft, type IntakeFieldName } from '../intake/intake-form'
import { applicantStepFields } from '../intake/intake-wizard-steps'
import { checklistMaterials } from '../intake/material-rules'
import type { BundleChecklist } from './bundle-checklist'
import type { BundleMaterialEntry, LifeEventIntakeDraft } from './bundle-intake'

type EntryValues = { status?: MaterialStatus; dueDate?: string }

/**
 * The 一件事一次办 form's values. The applicant and service-mode fields have the same names
 * as in 新建办件 (IntakeFormValues), so the same conversion and error mapping serve both.
 */
export type LifeEventFormValues = Pick<
  IntakeFormValues,
  'applicantKind' | 'person' | 'organisation' | 'serviceMode' | 'assistReason' | 'assistNote' | 'proxyAuthorization' | 'agent' | 'note'
> & {
  itemIds: string[]
  /** By shared entry key. */
  shared: Record<string, EntryValues | undefined>
  /** By item id, then material id. */
  own: Record<string, Record<string, EntryValues | undefined> | undefined>
}

/**
 * Every available item chosen and, as in 新建办件, every material unchosen: the clerk sets
 * each status as the resident actually hands it over (下一步 refuses while one is unset).
 */
export function initialLifeEventValues(checklist: BundleChecklist): LifeEventFormValues {
  return {
    itemIds: checklist.items.filter((entry) => entry.unavailable === null).map((entry) => entry.item.id),
    applicantKind: 'person',
    serviceMode: 'self',
    shared: Object.fromEntries(checklist.shared.map((entry) => [entry.key, {}])),
    own: Object.fromEntries(checklist.items.map((entry) => [entry.item.id, Object.fromEntries(entry.own.map((material) => [material.id, {}]))])),
  }
}

function entryOf(values: EntryValues | undefined): BundleMaterialEntry | undefined {
  if (values?.status === undefined) return undefined
  return { status: values.status, dueDate: values.status === 'deferred' && values.dueDate ? values.dueDate : undefined }
}

/** What submitLifeEventIntakes needs, from the form (missing text becomes '' so the schema names the field). */
export function toLifeEventDraft(values: LifeEventFormValues, staffName: string): LifeEventIntakeDraft {
  const common = toIntakeDraft({ ...values, staffName, materials: {} }, undefined)
  return {
    itemIds: values.itemIds,
    applicant: common.applicant,
    serviceMode: common.serviceMode,
    assistReason: common.assistReason,
    assistNote: common.assistNote,
    proxyAuthorization: common.proxyAuthorization,
    agent: common.agent,
    staffName,
    note: common.note,
    shared: Object.fromEntries(Object.entries(values.shared ?? {}).map(([key, entry]) => [key, entryOf(entry)])),
    own: Object.fromEntries(
      Object.entries(values.own ?? {}).map(([itemId, materials]) => [
        itemId,
        Object.fromEntries(Object.entries(materials ?? {}).map(([materialId, entry]) => [materialId, entryOf(entry)])),
      ]),
    ),
  }
}

/** Where a submitLifeEventIntakes issue shows in this form, or null (shown above the form). */
export function lifeEventFieldForIssue(path: readonly PropertyKey[], kind: ApplicantKind): IntakeFieldName | null {
  const [head, second, third, fourth, fifth] = path
  if (head === 'shared' && typeof second === 'string') return ['shared', second, third === 'dueDate' ? 'dueDate' : 'status']
  if (head === 'items') {
    if (third === 'materials' && typeof second === 'string' && typeof fourth === 'string')
      return ['own', second, fourth, fifth === 'dueDate' ? 'dueDate' : 'status']
    return ['itemIds']
  }
  return intakeFieldForIssue(path, kind, undefined)
}

/** The steps of the sitting's form; the last is the review. */
export const LIFE_EVENT_STEPS = ['选择事项', '申请人与办理方式', '材料清单', '核对并提交'] as const

/** What a step's field list depends on: what the clerk has chosen so far. */
type LifeEventStepContext = { applicantKind: ApplicantKind; serviceMode: ServiceMode; checklist: BundleChecklist }

/** The fields 下一步 checks on each step (the review has none). */
export function lifeEventStepFields(step: number, { applicantKind, serviceMode, checklist }: LifeEventStepContext): IntakeFieldName[] {
  if (step === 0) return [['itemIds']]
  if (step === 1) return applicantStepFields(applicantKind, serviceMode)
  if (step !== 2) return []
  // 材料清单: every status shown (and the 补交期限 of a 容缺后补 one) is set before the review.
  return [
    ...checklist.shared.flatMap((entry): IntakeFieldName[] => [
      ['shared', entry.key, 'status'],
      ['shared', entry.key, 'dueDate'],
    ]),
    ...checklist.items
      .filter((entry) => entry.included)
      .flatMap(({ item, own }) =>
        own.flatMap((material): IntakeFieldName[] => [
          ['own', item.id, material.id, 'status'],
          ['own', item.id, material.id, 'dueDate'],
        ]),
      ),
  ]
}

/** Which step shows a field: 0 选择事项, 1 申请人与办理方式, 2 材料清单. */
export function lifeEventStepOf(name: IntakeFieldName): number {
  const [head] = name
  if (head === 'itemIds') return 0
  if (head === 'shared' || head === 'own' || head === 'note') return 2
  return 1
}

type LifeEventReviewIntake = {
  itemId: string
  itemName: string
  department: string
  limit: string
  materials: { name: string; status: string; shared: boolean }[]
}

type LifeEventReview = { applicant: { label: string; value: string }[]; intakes: LifeEventReviewIntake[] }

/** 核对并提交: the applicant once, then every intake that will be made, with each material as it will be recorded. */
export function buildLifeEventReview(checklist: BundleChecklist, values: LifeEventFormValues): LifeEventReview {
  const draft = toLifeEventDraft(values, '')
  const { applicant } = draft
  const rows =
    applicant.kind === 'person'
      ? [
          { label: '申请人', value: applicant.name },
          { label: '公民身份号码', value: applicant.idNumber },
          { label: '联系电话', value: applicant.phone },
          { label: '住址', value: applicant.address },
        ]
      : [
          { label: '单位名称', value: applicant.name },
          { label: '统一社会信用代码', value: applicant.creditCode },
          { label: '法定代表人', value: applicant.legalRepresentative },
          { label: '联系电话', value: applicant.phone },
          { label: '单位地址', value: applicant.address },
        ]
  const mode = [
    SERVICE_MODE_LABELS[draft.serviceMode],
    draft.serviceMode !== 'self' && draft.assistReason ? ASSIST_REASON_LABELS[draft.assistReason] : undefined,
  ]
    .filter(Boolean)
    .join('，')
  rows.push({ label: '办理方式', value: mode })
  const included = new Set(values.itemIds)
  const intakes = checklist.items
    .filter((entry) => included.has(entry.item.id))
    .map(({ item, sharedKeyOf }) => ({
      itemId: item.id,
      itemName: item.name,
      department: item.department,
      limit: promisedLimitLabel(item),
      materials: checklistMaterials(item, draft.serviceMode).map((material) => {
        const sharedKey = sharedKeyOf[material.id]
        const shared = sharedKey === undefined ? undefined : checklist.shared.find((entry) => entry.key === sharedKey)
        const entry = shared ? draft.shared[shared.key] : draft.own[item.id]?.[material.id]
        // An unset status has no default (itemDrafts leaves it out, and submitting names it).
        const status = entry?.status
        const label = status === undefined ? '未填写' : MATERIAL_STATUS_LABELS[status] + (entry?.dueDate ? `（${entry.dueDate}前补交）` : '')
        return { name: material.name, status: label, shared: shared !== undefined }
      }),
    }))
  return { applicant: rows, intakes }
}
