import type { ServiceItem } from '../../../shared/catalog'
import type { ApplicantKind, IntakeFormValues } from '../../db/intake-draft-record'
import type { IntakeFieldName } from './intake-form'
import { checklistMaterials } from './material-rules'

/**
 * The steps of 新建办件 and the fields each one checks before the clerk may go on.
 * Plain data (no React), so the rules are unit-tested and a step or a field can be
 * added here without touching the page (e.g. a 一件事一次办 choice on the first step).
 */
export type IntakeStepKey = 'item' | 'applicant' | 'materials' | 'review'

/** What a step's field list depends on: what the clerk has chosen so far. */
type IntakeStepContext = {
  applicantKind: ApplicantKind
  serviceMode: IntakeFormValues['serviceMode']
  item: Pick<ServiceItem, 'materials'> | undefined
}

type IntakeStep = {
  key: IntakeStepKey
  title: string
  /** The fields 下一步 validates on this step (only those shown under the context). */
  fields: (context: IntakeStepContext) => IntakeFieldName[]
  /** The first name of every field path that lives on this step. */
  owns: readonly string[]
}

const PERSON_FIELDS = ['name', 'idNumber', 'phone', 'address'] as const
const ORGANISATION_FIELDS = ['name', 'creditCode', 'legalRepresentative', 'phone', 'address'] as const
/** 代办人 fields (contract-9 `agent`), on the applicant step for 代办. */
const AGENT_FIELDS = ['name', 'idNumber', 'phone', 'relationship'] as const
/** Per material: h2's checklist adds form and count next to status and dueDate; unshown ones are skipped by antd. */
const MATERIAL_FIELDS = ['status', 'dueDate', 'form', 'count'] as const

/** 申请人与办理方式: the same fields (ApplicantFields) on 新建办件 and 一件事一次办, so one list for both. */
export function applicantStepFields(applicantKind: ApplicantKind, serviceMode: IntakeFormValues['serviceMode']): IntakeFieldName[] {
  return [
    ['applicantKind'],
    ...(applicantKind === 'organisation' ? ORGANISATION_FIELDS : PERSON_FIELDS).map((field) => [applicantKind, field]),
    ['serviceMode'],
    ...(serviceMode === 'self' ? [] : [['assistReason'], ['assistNote']]),
    ...(serviceMode === 'proxy' ? [['proxyAuthorization'], ...AGENT_FIELDS.map((field) => ['agent', field])] : []),
  ]
}

export const INTAKE_STEPS: readonly IntakeStep[] = [
  { key: 'item', title: '办理事项', fields: () => [['itemId']], owns: ['itemId', 'item'] },
  {
    key: 'applicant',
    title: '申请人与办理方式',
    fields: ({ applicantKind, serviceMode }) => applicantStepFields(applicantKind, serviceMode),
    owns: ['applicantKind', 'applicant', 'person', 'organisation', 'serviceMode', 'assistReason', 'assistNote', 'proxyAuthorization', 'agent'],
  },
  {
    key: 'materials',
    title: '材料清单',
    fields: ({ item, serviceMode }) => [
      ...(item ? checklistMaterials(item, serviceMode) : []).flatMap((material) => MATERIAL_FIELDS.map((field) => ['materials', material.id, field])),
      ['note'],
    ],
    owns: ['materials', 'note'],
  },
  { key: 'review', title: '核对并提交', fields: () => [], owns: ['staffName'] },
]

export const REVIEW_STEP = INTAKE_STEPS.findIndex((step) => step.key === 'review')

/** The fields to validate when leaving step `index` forward. */
export function stepFields(index: number, context: IntakeStepContext): IntakeFieldName[] {
  return INTAKE_STEPS[index]?.fields(context) ?? []
}

/**
 * The step a form field (or a payload issue's path) lives on, to jump there when a submit
 * is refused. A field no step claims goes to the review step, where the page's own error shows.
 */
export function stepOfField(name: readonly PropertyKey[]): number {
  const head = name[0]
  const index = INTAKE_STEPS.findIndex((step) => typeof head === 'string' && step.owns.includes(head))
  return index === -1 ? REVIEW_STEP : index
}

/** Screen readers announce this with the step's heading: where the clerk is, of how many. */
export function stepHeading(index: number): string {
  const step = INTAKE_STEPS[index]
  return step ? `第 ${index + 1} 步（共 ${INTAKE_STEPS.length} 步）：${step.title}` : ''
}
