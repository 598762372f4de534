import { MATERIAL_FORM_LABELS, MATERIAL_NECESSITY_LABELS, type ServiceItem, type ServiceMaterial } from '../../../shared/catalog'
import { limitDaysLabel } from '../../../shared/working-days'

type LimitUnitOf = { limitUnit?: ServiceItem['limitUnit'] }

/** 承诺时限 as read to a resident: 即办 for 即办件, else N个工作日 or N个自然日, as the law counts it. */
export function promisedLimitLabel(item: Pick<ServiceItem, 'handling' | 'promisedLimitDays'> & LimitUnitOf): string {
  if (item.handling === '1' || item.promisedLimitDays === 0) return '即办'
  return limitDaysLabel(item.promisedLimitDays, item.limitUnit)
}

export function legalLimitLabel(item: Pick<ServiceItem, 'legalLimitDays'> & LimitUnitOf): string {
  return item.legalLimitDays === 0 ? '即办' : limitDaysLabel(item.legalLimitDays, item.limitUnit)
}

/** The item's 咨询电话; none on record (the county has not filled it in) sends the resident to the window. */
export function consultPhoneLabel(item: Pick<ServiceItem, 'consultPhone'>): string {
  return item.consultPhone.trim() === '' ? '请咨询窗口' : item.consultPhone
}

/** 原件/复印件 counts of a material, e.g. "原件1份，复印件1份". */
export function copiesLabel(material: { originalCopies: number; photocopyCopies: number }): string {
  const parts: string[] = []
  if (material.originalCopies > 0) parts.push(`原件${material.originalCopies}份`)
  if (material.photocopyCopies > 0) parts.push(`复印件${material.photocopyCopies}份`)
  return parts.length > 0 ? parts.join('，') : '查验'
}

/** One line under a material in the checklist: necessity, form, copies, what may replace it. */
export function materialSummary(material: ServiceMaterial): string {
  const parts = [MATERIAL_NECESSITY_LABELS[material.necessity], MATERIAL_FORM_LABELS[material.form], copiesLabel(material)]
  if (material.commitmentAllowed) parts.push('可告知承诺')
  if (material.eLicenceReplaces) parts.push('可用电子证照')
  if (material.notes) parts.push(material.notes)
  return parts.join(' · ')
}
