import type { ServiceItem, ServiceMaterial } from '../../../shared/catalog'
import { MATERIAL_STATUS_LABELS, PROVIDED_FORM_LABELS, type MaterialStatus, type ProvidedForm, type ServiceMode } from '../../../shared/intake'

/**
 * 代办人身份证: required of every 代办 (the agent proves who acts for the applicant), whatever the
 * item's guide lists. Its id cannot clash with a guide's (they are m1, m2…; ids are per item).
 */
export const AGENT_ID_CARD_MATERIAL: ServiceMaterial = {
  id: 'agentIdCard',
  name: '代办人身份证',
  necessity: 'required',
  form: 'paper',
  originalCopies: 1,
  photocopyCopies: 1,
  source: 'government',
  issuedBy: '公安机关',
  commitmentAllowed: false,
  eLicenceReplaces: false,
  notes: '代办时须核验代办人身份证原件并留存复印件',
}

/** The checklist of an intake: the item's materials, and for 代办 the agent's ID card after them. */
export function checklistMaterials(item: Pick<ServiceItem, 'materials'>, serviceMode: ServiceMode | undefined): ServiceMaterial[] {
  return serviceMode === 'proxy' ? [...item.materials, AGENT_ID_CARD_MATERIAL] : item.materials
}

/**
 * Which receipt statuses the item's guide allows for a material, and why not otherwise:
 * 容缺后补 only for materials the guide marks 容缺后补 (non-key ones), 告知承诺 only where
 * the guide allows a commitment, 电子证照 only where an e-licence replaces it.
 */
export function materialStatusRefusal(material: ServiceMaterial, status: MaterialStatus): string | null {
  if (status === 'deferred' && material.necessity !== 'deferrable') {
    return `“${material.name}”不是可容缺后补的材料，不能选择容缺后补`
  }
  if (status === 'commitment' && !material.commitmentAllowed) {
    return `“${material.name}”不适用告知承诺制，不能以承诺替代`
  }
  if (status === 'eLicence' && !material.eLicenceReplaces) {
    return `“${material.name}”没有可替代的电子证照，请收取材料`
  }
  // 缺少 means a required material is absent and the intake cannot be accepted (intake-acceptance.ts);
  // an optional material the resident does not bring is simply not applicable.
  if (status === 'missing' && material.necessity === 'optional') {
    return `“${material.name}”是非必要材料，申请人未提交时请选择“不适用”`
  }
  return null
}

export type MaterialStatusOption = { value: MaterialStatus; label: string; disabled: boolean; title?: string }

/** All six statuses, the ones the guide does not allow shown but disabled with the reason. */
export function materialStatusOptions(material: ServiceMaterial): MaterialStatusOption[] {
  return (Object.keys(MATERIAL_STATUS_LABELS) as MaterialStatus[]).map((status) => {
    const refusal = materialStatusRefusal(material, status)
    return { value: status, label: MATERIAL_STATUS_LABELS[status], disabled: refusal !== null, title: refusal ?? undefined }
  })
}

export const MATERIAL_STATUS_PLACEHOLDER = '请选择收取情况'

/** 份数 of a received material: at least one, at most two digits (the receipt prints it as is). */
export const MIN_PROVIDED_COUNT = 1
export const MAX_PROVIDED_COUNT = 99

export const providedFormOptions = (Object.keys(PROVIDED_FORM_LABELS) as ProvidedForm[]).map((form) => ({ value: form, label: PROVIDED_FORM_LABELS[form] }))

/**
 * What a received material most likely is, from the guide: an electronic-only material is an
 * 电子件; otherwise the 原件 when the guide asks to keep originals, else the 复印件 it asks for.
 * A paper material the guide neither keeps as original nor copy is only shown: 原件, one.
 */
export function defaultProvidedForm(material: ServiceMaterial): { form: ProvidedForm; count: number } {
  if (material.form === 'electronic') return { form: 'electronic', count: 1 }
  if (material.originalCopies > 0) return { form: 'original', count: clampCount(material.originalCopies) }
  if (material.photocopyCopies > 0) return { form: 'copy', count: clampCount(material.photocopyCopies) }
  return { form: 'original', count: 1 }
}

/** Why a 份数 is refused, or null: whole numbers 1–99 only. */
export function providedCountRefusal(materialName: string, count: unknown): string | null {
  if (typeof count !== 'number' || !Number.isInteger(count) || count < MIN_PROVIDED_COUNT || count > MAX_PROVIDED_COUNT) {
    return `“${materialName}”的份数应为${MIN_PROVIDED_COUNT}至${MAX_PROVIDED_COUNT}的整数`
  }
  return null
}

function clampCount(count: number): number {
  return Math.min(MAX_PROVIDED_COUNT, Math.max(MIN_PROVIDED_COUNT, count))
}
