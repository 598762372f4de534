import { asc, eq } from 'drizzle-orm'
import type { IntakeMaterial } from '../../shared/intake'
import type { Executor } from '../db/database'
import { intakeSupplements } from '../db/schema'

type NewIntakeSupplement = typeof intakeSupplements.$inferInsert

export async function insertIntakeSupplement(db: Executor, supplement: NewIntakeSupplement): Promise<void> {
  await db.insert(intakeSupplements).values(supplement)
}

/** The materials of each supplement of the intake, oldest first (each later one replaces earlier entries). */
export async function listSupplementMaterials(db: Executor, intakeId: string): Promise<IntakeMaterial[][]> {
  const rows = await db
    .select({ materials: intakeSupplements.materials })
    .from(intakeSupplements)
    .where(eq(intakeSupplements.intakeId, intakeId))
    .orderBy(asc(intakeSupplements.id))
  return rows.map((row) => row.materials)
}
