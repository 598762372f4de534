import { MATERIAL_FORM_LABELS, MATERIAL_NECESSITY_LABELS, type ServiceItem, type ServiceMaterial } from '../../../shared/catalog'

/** 承诺时限 as read to a resident: 即办 for 即办件, else N个工作日. */
export function promisedLimitLabel(item: Pick<ServiceItem, 'handling' | 'promisedLimitDays'>): string {
  if (item.handling === '1' || item.promisedLimitDays === 0) return '即办'
  return `${item.promisedLimitDays}个工作日`
}

export function legalLimitLabel(item: Pick<ServiceItem, 'legalLimitDays'>): string {
  return item.legalLimitDays === 0 ? '即办' : `${item.legalLimitDays}个工作日`
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
