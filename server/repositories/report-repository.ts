import { and, desc, eq, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { ReportFollowUpStep } from '../../shared/follow-up'
import type { ReportStatus } from '../../shared/report'
import { countyKeysOf } from '../at-rest/key-registry'
import { openText, sealText } from '../at-rest/personal-fields'
import type { Executor } from '../db/database'
import { reportFollowUps } from '../db/follow-up-schema'
import { reports, type ReportRow } from '../db/schema'
import { itemOfDepartment } from './intake-department'

type NewReport = typeof reports.$inferInsert

/** Inserts unless the report id is taken; answers whether it was stored. The resident's phone is sealed at rest. */
export async function insertReportIfAbsent(db: Executor, report: NewReport): Promise<boolean> {
  const sealed = { ...report, residentPhone: sealText(countyKeysOf(db), report.residentPhone) }
  const inserted = await db.insert(reports).values(sealed).onConflictDoNothing().returning({ id: reports.id })
  return inserted.length === 1
}

export type ReportListRow = ReportRow & { reply: string | null; history: ReportFollowUpStep[] }

/** The same rows under another name: schema.ts types the report, follow-up-schema.ts its follow-up. */
const followUp = alias(reportFollowUps, 'follow_up')

/** Reports, newest received first, with the county's follow-up. */
/** `department`: a reviewer's scope, only reports naming an item that department implements. */
export async function listReports(
  db: Executor,
  filter: { id?: string; stationCode?: string; status?: ReportStatus; department?: string; limit: number },
): Promise<ReportListRow[]> {
  const conditions: SQL[] = []
  if (filter.id) conditions.push(eq(reports.id, filter.id))
  if (filter.stationCode) conditions.push(eq(reports.stationCode, filter.stationCode))
  if (filter.status) conditions.push(eq(reports.status, filter.status))
  if (filter.department !== undefined) conditions.push(itemOfDepartment(reports.itemId, filter.department))
  const rows = await db
    .select({ report: reports, reply: followUp.reply, history: followUp.history })
    .from(reports)
    .innerJoin(followUp, eq(followUp.id, reports.id))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(reports.receivedAt), desc(reports.id))
    .limit(filter.limit)
  const keys = countyKeysOf(db)
  return rows.map((row) => ({ ...row.report, residentPhone: openText(keys, row.report.residentPhone), reply: row.reply, history: row.history }))
}

/** The report's follow-up, locked until the transaction ends so two operators' steps queue. */
export async function lockReportFollowUp(db: Executor, id: string): Promise<typeof reportFollowUps.$inferSelect | undefined> {
  const [row] = await db.select().from(reportFollowUps).where(eq(reportFollowUps.id, id)).for('update')
  return row
}

export async function updateReportFollowUp(
  db: Executor,
  id: string,
  update: { status: ReportStatus; reply: string | null; history: ReportFollowUpStep[]; updatedAt: Date },
): Promise<void> {
  await db.update(reportFollowUps).set(update).where(eq(reportFollowUps.id, id))
}
