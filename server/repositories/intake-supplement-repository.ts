import type { Executor } from '../db/database'
import { intakeSupplements } from '../db/schema'

export type NewIntakeSupplement = typeof intakeSupplements.$inferInsert

export async function insertIntakeSupplement(db: Executor, supplement: NewIntakeSupplement): Promise<void> {
  await db.insert(intakeSupplements).values(supplement)
}
