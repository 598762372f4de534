import { eq } from 'drizzle-orm'
import type { Executor } from '../db/database'
import { evaluations, type EvaluationRow } from '../db/schema'

export type NewEvaluation = typeof evaluations.$inferInsert

/**
 * Inserts unless the intake already has a rating or the id is taken. The unique
 * index on intake_id decides, so two racing ratings of one intake cannot both stay.
 */
export async function insertEvaluationIfAbsent(db: Executor, evaluation: NewEvaluation): Promise<boolean> {
  const inserted = await db.insert(evaluations).values(evaluation).onConflictDoNothing().returning({ id: evaluations.id })
  return inserted.length === 1
}

export async function findEvaluationOfIntake(db: Executor, intakeId: string): Promise<EvaluationRow | undefined> {
  const [row] = await db.select().from(evaluations).where(eq(evaluations.intakeId, intakeId))
  return row
}
