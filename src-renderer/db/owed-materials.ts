import type { IntakeRecord } from '../../shared/station-records'

/** Something the resident still owes: an item of the county's 补正 list, or a 容缺 material. */
export type OwedMaterial = {
  /** The material id the supplement names (a 补正 item without one gets its position). */
  materialId: string
  name: string
  kind: 'correction' | 'deferred'
  /** 补正: what the county says is wrong. */
  problem?: string
  /** 容缺: the 补交期限. */
  dueDate?: string
}

/** The county's last 补正 request, while the intake waits for it: its time is what a supplement answers. */
export function openCorrectionAt(intake: IntakeRecord): string | undefined {
  if (intake.decision?.status !== 'correctionRequested') return undefined
  const asked = intake.decision.history.findLast((event) => event.status === 'correctionRequested')?.at ?? intake.decision.receivedAt
  return intake.supplements?.some((supplement) => supplement.answersCorrectionAt === asked) ? undefined : asked
}

/** Ids of the materials brought later at this station. */
function suppliedMaterialIds(intake: IntakeRecord): Set<string> {
  return new Set((intake.supplements ?? []).flatMap((supplement) => supplement.materials.map((material) => material.materialId)))
}

/** What the resident still owes, 补正 items first (they hold the case up), then 容缺 materials by due date. */
export function owedMaterials(intake: IntakeRecord): OwedMaterial[] {
  const owed: OwedMaterial[] = []
  if (openCorrectionAt(intake) !== undefined) {
    for (const [index, item] of (intake.decision?.correction ?? []).entries()) {
      owed.push({ materialId: item.materialId ?? `correction-${index + 1}`, name: item.name, kind: 'correction', problem: item.problem })
    }
  }
  const supplied = suppliedMaterialIds(intake)
  const deferred = intake.materials
    .filter((material) => material.status === 'deferred' && !supplied.has(material.materialId))
    .filter((material) => !owed.some((entry) => entry.materialId === material.materialId))
    .sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'))
  for (const material of deferred) owed.push({ materialId: material.materialId, name: material.name, kind: 'deferred', dueDate: material.dueDate })
  return owed
}
