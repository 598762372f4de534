import { and, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm'
import type { BadRatingReason, EvaluationFollowUpStatus } from '../../shared/evaluation'
import { OPEN_EVALUATION_FOLLOW_UPS, type EvaluationFollowUpStep } from '../../shared/follow-up'
import type { Executor } from '../db/database'
import { alias } from 'drizzle-orm/pg-core'
import { evaluationFollowUps } from '../db/follow-up-schema'
import { evaluations, intakes, mutations, type EvaluationRow } from '../db/schema'
import { itemOfDepartment } from './intake-department'

type NewEvaluation = typeof evaluations.$inferInsert

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

/** The same rows under another name: schema.ts types the rating, follow-up-schema.ts its history. */
const followUp = alias(evaluationFollowUps, 'follow_up')

export type EvaluationListRow = EvaluationRow & {
  intakeNo: string
  paperFormNo: string | null
  badReason: BadRatingReason | null
  followUpHistory: EvaluationFollowUpStep[]
}

type EvaluationListFilter = {
  id?: string
  stationCode?: string
  intakeId?: string
  rating?: number
  followUpStatus?: EvaluationFollowUpStatus
  /** Open 差评 past their due date on `today` (true), or every other rating (false). */
  overdue?: { overdue: boolean; today: string }
  /** A department reviewer's scope: only ratings of intakes whose item that department implements. */
  department?: string
  limit: number
}

/**
 * Ratings, newest received first, with their intake's number and the paper form's number,
 * which only the station's payload (kept with its mutation) holds.
 */
export async function listEvaluations(db: Executor, filter: EvaluationListFilter): Promise<EvaluationListRow[]> {
  const conditions: SQL[] = []
  if (filter.id) conditions.push(eq(evaluations.id, filter.id))
  if (filter.stationCode) conditions.push(eq(evaluations.stationCode, filter.stationCode))
  if (filter.intakeId) conditions.push(eq(evaluations.intakeId, filter.intakeId))
  if (filter.rating !== undefined) conditions.push(eq(evaluations.rating, filter.rating))
  if (filter.department !== undefined) conditions.push(itemOfDepartment(intakes.itemId, filter.department))
  if (filter.followUpStatus) conditions.push(eq(evaluations.followUpStatus, filter.followUpStatus))
  if (filter.overdue) {
    const overdue = and(inArray(evaluations.followUpStatus, [...OPEN_EVALUATION_FOLLOW_UPS]), lt(evaluations.followUpDue, filter.overdue.today))
    if (!overdue) throw new Error('overdue condition is empty')
    conditions.push(filter.overdue.overdue ? overdue : sql`NOT coalesce(${overdue}, false)`)
  }
  const rows = await db
    .select({
      evaluation: evaluations,
      intakeNo: intakes.intakeNo,
      paperFormNo: sql<string | null>`${mutations.payload}->>'paperFormNo'`,
      badReason: sql<BadRatingReason | null>`${mutations.payload}->>'badReason'`,
      followUpHistory: followUp.followUpHistory,
    })
    .from(evaluations)
    .innerJoin(intakes, eq(intakes.id, evaluations.intakeId))
    .innerJoin(followUp, eq(followUp.id, evaluations.id))
    .leftJoin(mutations, and(eq(mutations.stationCode, evaluations.stationCode), eq(mutations.id, evaluations.mutationId)))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(evaluations.receivedAt), desc(evaluations.id))
    .limit(filter.limit)
  return rows.map((row) => ({
    ...row.evaluation,
    intakeNo: row.intakeNo,
    paperFormNo: row.paperFormNo,
    badReason: row.badReason,
    followUpHistory: row.followUpHistory,
  }))
}

/** The 差评's follow-up, locked until the transaction ends so two operators' steps queue. */
export async function lockEvaluationFollowUp(db: Executor, id: string): Promise<typeof evaluationFollowUps.$inferSelect | undefined> {
  const [row] = await db.select().from(evaluationFollowUps).where(eq(evaluationFollowUps.id, id)).for('update')
  return row
}

export async function updateEvaluationFollowUp(
  db: Executor,
  id: string,
  update: { followUpStatus: EvaluationFollowUpStatus; followUpHistory: EvaluationFollowUpStep[] },
): Promise<void> {
  await db.update(evaluationFollowUps).set(update).where(eq(evaluationFollowUps.id, id))
}
