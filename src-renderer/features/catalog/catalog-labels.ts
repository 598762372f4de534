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

/**
 * 一件事一次办 bundles by the id items carry in `lifeEvents`, named as in the county's bundle list
 * (resources/catalog/menghai-life-events.json). The pull does not carry the bundles yet, so the
 * station names the known ones itself; an id not listed here shows as it is.
 */
export const LIFE_EVENT_LABELS: Readonly<Record<string, string>> = {
  birth: '新生儿出生一件事',
  business: '企业开办一件事',
  property: '不动产登记一件事',
  businessChange: '企业信息变更一件事',
  medicalSettlement: '医疗费用结算一件事',
}

export function lifeEventLabel(lifeEventId: string): string {
  return LIFE_EVENT_LABELS[lifeEventId] ?? lifeEventId
}
