import type { ServiceItem } from '../../../shared/catalog'
import type { ServiceMode } from '../../../shared/intake'
import type { ApplicantKind, IntakeFormValues, MaterialEntryValues } from '../../db/intake-draft-record'
import { idCardReadFor } from './id-card-fill'
import { checklistMaterials, defaultProvidedForm } from './material-rules'
import type { IntakeDraft } from './submit-intake'

export type IntakeFieldName = (string | number)[]

export function initialIntakeValues(staffName: string): IntakeFormValues {
  return { applicantKind: 'person', serviceMode: 'self', staffName, materials: {} }
}

/**
 * The checklist a newly chosen item starts with: no status (the clerk sets each one, having
 * seen the material), and the guide's form and 份数 ready for when it is 已收取.
 */
export function initialMaterials(item: ServiceItem): NonNullable<IntakeFormValues['materials']> {
  // The agent's ID card too, whatever the 办理方式 now: 代办 may be chosen after the item.
  return Object.fromEntries(checklistMaterials(item, 'proxy').map((material): [string, MaterialEntryValues] => [material.id, defaultProvidedForm(material)]))
}

/** What submitIntake needs, from what the form holds (missing text becomes '' so the schema names the field). */
export function toIntakeDraft(values: IntakeFormValues, item: ServiceItem | undefined): IntakeDraft {
  const person = values.person ?? {}
  const organisation = values.organisation ?? {}
  const applicant: IntakeDraft['applicant'] =
    values.applicantKind === 'organisation'
      ? {
          kind: 'organisation',
          name: organisation.name ?? '',
          creditCode: organisation.creditCode ?? '',
          legalRepresentative: organisation.legalRepresentative ?? '',
          phone: organisation.phone ?? '',
          address: organisation.address ?? '',
        }
      : { kind: 'person', name: person.name ?? '', idNumber: person.idNumber ?? '', phone: person.phone ?? '', address: person.address ?? '' }
  // A material left unchosen is not sent: submitIntake then names it ("请填写…的收取情况").
  const materials = (item ? checklistMaterials(item, values.serviceMode) : []).flatMap((material): IntakeDraft['materials'][number][] => {
    const entry = values.materials?.[material.id]
    const status = entry?.status
    if (status === undefined) return []
    if (status !== 'provided') return [{ materialId: material.id, status, dueDate: entry?.dueDate || undefined }]
    // A draft from before form and 份数 were recorded has neither: the guide's defaults then.
    const defaults = defaultProvidedForm(material)
    return [{ materialId: material.id, status, form: entry?.form ?? defaults.form, count: entry?.count ?? defaults.count }]
  })
  return {
    itemId: values.itemId ?? '',
    applicant,
    serviceMode: values.serviceMode,
    assistReason: values.assistReason,
    assistNote: values.assistNote,
    proxyAuthorization: values.proxyAuthorization,
    // Missing text becomes '' so the agent schema names the field; absent altogether unless 代办.
    agent:
      values.serviceMode === 'proxy'
        ? {
            name: values.agent?.name ?? '',
            idNumber: values.agent?.idNumber ?? '',
            phone: values.agent?.phone ?? '',
            relationship: values.agent?.relationship ?? '',
          }
        : undefined,
    materials,
    staffName: values.staffName ?? '',
    note: values.note,
    idCardRead: values.applicantKind === 'person' ? idCardReadFor(values.idCard, person.idNumber) : undefined,
  }
}

/** Where a payload issue (path as in the submit payload) shows in the form, or null if no field shows it. */
export function intakeFieldForIssue(
  path: readonly PropertyKey[],
  kind: ApplicantKind,
  item: ServiceItem | undefined,
  serviceMode?: ServiceMode,
): IntakeFieldName | null {
  const [head, second, third] = path
  switch (head) {
    case 'item':
    case 'itemId':
      return ['itemId']
    case 'applicant':
      return typeof second === 'string' && second !== 'kind' ? [kind, second] : null
    case 'materials': {
      const material = typeof second === 'number' && item ? checklistMaterials(item, serviceMode)[second] : undefined
      if (material === undefined) return item ? null : ['itemId']
      return ['materials', material.id, third === 'dueDate' || third === 'form' || third === 'count' ? third : 'status']
    }
    case 'agent':
      return typeof second === 'string' ? ['agent', second] : ['agent', 'name']
    case 'serviceMode':
    case 'assistReason':
    case 'assistNote':
    case 'proxyAuthorization':
    case 'staffName':
    case 'note':
      return [head]
    default:
      return null
  }
}
