import type { Executor } from '../db/database'
import { reports } from '../db/schema'

export type NewReport = typeof reports.$inferInsert

/** Inserts unless the report id is taken; answers whether it was stored. */
export async function insertReportIfAbsent(db: Executor, report: NewReport): Promise<boolean> {
  const inserted = await db.insert(reports).values(report).onConflictDoNothing().returning({ id: reports.id })
  return inserted.length === 1
}
