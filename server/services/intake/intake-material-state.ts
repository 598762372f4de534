import type { IntakeMaterial, IntakeSubmitPayload } from '../../../shared/intake'
import { currentMaterials, missingRequiredMaterials } from '../../../shared/intake-materials'
import type { Executor } from '../../db/database'
import type { IntakeRow } from '../../db/schema'
import { findCatalogItem } from '../../repositories/catalog-repository'
import { listSupplementMaterials } from '../../repositories/intake-supplement-repository'

/** The intake's materials as they stand: what was submitted, overlaid by every supplement since. */
export async function intakeMaterialsNow(db: Executor, intake: IntakeRow): Promise<IntakeMaterial[]> {
  return currentMaterials((intake.payload as IntakeSubmitPayload).materials, await listSupplementMaterials(db, intake.id))
}

/** Required materials still recorded as 缺少; whether one is required is the county catalog's word. */
export async function missingRequiredNow(db: Executor, itemId: string, materials: readonly IntakeMaterial[]): Promise<IntakeMaterial[]> {
  const item = await findCatalogItem(db, itemId)
  const necessity = new Map(item?.materials.map((material) => [material.id, material.necessity]) ?? [])
  return missingRequiredMaterials(materials, (materialId) => necessity.get(materialId))
}
