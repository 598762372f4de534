import type { ServiceMaterial } from '../../../shared/catalog'
import { MATERIAL_STATUS_LABELS, type MaterialStatus } from '../../../shared/intake'

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

/** What the checklist starts with: required materials as received, optional ones as not applicable. */
export function defaultMaterialStatus(material: ServiceMaterial): MaterialStatus {
  return material.necessity === 'optional' ? 'notApplicable' : 'provided'
}
