import { desc, eq } from 'drizzle-orm'
import type { Executor } from '../db/database'
import { reports, type ReportRow } from '../db/schema'

export type NewReport = typeof reports.$inferInsert

/** Inserts unless the report id is taken; answers whether it was stored. */
export async function insertReportIfAbsent(db: Executor, report: NewReport): Promise<boolean> {
  const inserted = await db.insert(reports).values(report).onConflictDoNothing().returning({ id: reports.id })
  return inserted.length === 1
}

/** Reports, newest received first. */
export async function listReports(db: Executor, filter: { stationCode?: string; limit: number }): Promise<ReportRow[]> {
  return db
    .select()
    .from(reports)
    .where(filter.stationCode ? eq(reports.stationCode, filter.stationCode) : undefined)
    .orderBy(desc(reports.receivedAt), desc(reports.id))
    .limit(filter.limit)
}
