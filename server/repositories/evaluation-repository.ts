import { and, desc, eq, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../db/database'
import { evaluations, intakes, mutations, type EvaluationRow } from '../db/schema'

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

export type EvaluationListRow = EvaluationRow & { intakeNo: string; paperFormNo: string | null }

/**
 * Ratings, newest received first, with their intake's number and the paper form's number,
 * which only the station's payload (kept with its mutation) holds.
 */
export async function listEvaluations(
  db: Executor,
  filter: { stationCode?: string; intakeId?: string; limit: number },
): Promise<EvaluationListRow[]> {
  const conditions: SQL[] = []
  if (filter.stationCode) conditions.push(eq(evaluations.stationCode, filter.stationCode))
  if (filter.intakeId) conditions.push(eq(evaluations.intakeId, filter.intakeId))
  const rows = await db
    .select({
      evaluation: evaluations,
      intakeNo: intakes.intakeNo,
      paperFormNo: sql<string | null>`${mutations.payload}->>'paperFormNo'`,
    })
    .from(evaluations)
    .innerJoin(intakes, eq(intakes.id, evaluations.intakeId))
    .leftJoin(mutations, and(eq(mutations.stationCode, evaluations.stationCode), eq(mutations.id, evaluations.mutationId)))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(evaluations.receivedAt), desc(evaluations.id))
    .limit(filter.limit)
  return rows.map((row) => ({ ...row.evaluation, intakeNo: row.intakeNo, paperFormNo: row.paperFormNo }))
}
