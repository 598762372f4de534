import type { MaterialNecessity } from './catalog'
import type { IntakeMaterial } from './intake'

/**
 * Where an intake's materials stand, and the two rules that follow from it (DOMAIN.md, "The
 * lifecycle a case must be able to finish"): 受理 needs every required material or its lawful
 * substitute, and a 容缺 material not supplied by its 补交期限 lets the county end the case.
 * Pure functions, so the station's wizard and the county judge the same way.
 */

/** The materials as they stand now: each supplement's entry replaces the earlier one of the same material. */
export function currentMaterials(submitted: readonly IntakeMaterial[], supplements: readonly (readonly IntakeMaterial[])[]): IntakeMaterial[] {
  const byId = new Map(submitted.map((material) => [material.materialId, material]))
  for (const materials of supplements) for (const material of materials) byId.set(material.materialId, material)
  return [...byId.values()]
}

/**
 * Required materials recorded as 缺少. 容缺 with a 补交期限, 告知承诺 and 电子证照 are lawful
 * substitutes, so only `missing` counts. A material the catalog marks 非必要 never blocks; one
 * the catalog no longer lists is treated as required (the county cannot tell otherwise).
 */
export function missingRequiredMaterials(
  materials: readonly IntakeMaterial[],
  necessityOf: (materialId: string) => MaterialNecessity | undefined,
): IntakeMaterial[] {
  return materials.filter((material) => material.status === 'missing' && necessityOf(material.materialId) !== 'optional')
}

/** The Chinese reason 受理 is refused while materials are missing, naming each one. */
export function missingMaterialsMessage(missing: readonly IntakeMaterial[]): string {
  const names = missing.map((material) => `“${material.name}”`).join('、')
  return `申请材料不齐全，缺少${names}，不能受理；请一次性告知申请人补齐，站点登记补交后再受理`
}

/** 容缺 materials whose 补交期限 (YYYY-MM-DD) is before `today` (China's calendar day) and still not supplied. */
function overdueDeferredMaterials(materials: readonly IntakeMaterial[], today: string): IntakeMaterial[] {
  return materials.filter((material) => material.status === 'deferred' && material.dueDate !== undefined && material.dueDate < today)
}

/** Why the county may not 终止办理 yet, or undefined when a 容缺 deadline has passed unmet. */
export function terminationBlock(materials: readonly IntakeMaterial[], today: string): string | undefined {
  if (overdueDeferredMaterials(materials, today).length > 0) return undefined
  const pending = materials.filter((material) => material.status === 'deferred' && material.dueDate !== undefined)
  if (pending.length === 0) return '该办件没有未补交的容缺材料（或已全部补交），不能终止办理'
  const latest = pending.map((material) => `“${material.name}”补交期限${material.dueDate}`).join('、')
  return `容缺材料尚未超过补交期限（${latest}），期限届满仍未补交的方可终止办理`
}
