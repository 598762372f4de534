import type { IntakeMaterial } from '../../shared/intake'

/**
 * DOMAIN.md "The lifecycle a case must be able to finish": 受理 needs every required material or
 * its lawful substitute. A material recorded 缺少 is a required one (material-rules.ts refuses
 * 缺少 for an optional material), so the intake alone says whether it can be accepted, with no
 * catalog at hand: the queues, the due date and the documents all read it the same way.
 */
function missingRequiredMaterials<M extends Pick<IntakeMaterial, 'status'>>(materials: readonly M[]): M[] {
  return materials.filter((material) => material.status === 'missing')
}

/** Received but not accepted: a required material is 缺少. The resident gets a 一次性告知书, no 受理凭证. */
export function isReceivedOnly(intake: { materials: readonly Pick<IntakeMaterial, 'status'>[] }): boolean {
  return missingRequiredMaterials(intake.materials).length > 0
}

/** What the review tells the clerk before the submit when required materials are 缺少 (null when none is). */
export function receivedOnlyNotice(missingNames: readonly string[]): string | null {
  if (missingNames.length === 0) return null
  return `必要材料${missingNames.map((name) => `“${name}”`).join('、')}缺少：本件只登记为收件，不予受理，不出具受理凭证。提交后请打印一次性告知书交申请人，补齐材料后再办理。`
}
