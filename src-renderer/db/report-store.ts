import type { ReportFollowUp } from '../../shared/follow-up'
import { REPORT_KEY_PREFIX, reportKey, reportRecordSchema, type ReportRecord } from '../../shared/station-records'
import type { StationDb } from './station-db'

/**
 * Where the station keeps its 办不成事 reports: rows of the `meta` table keyed `report:<id>`,
 * because the database has no `reports` table yet. Everything else reaches them through
 * these two functions, so moving them to a table of their own changes this file only.
 */
export async function putReport(db: StationDb, report: ReportRecord): Promise<void> {
  await db.meta.put({ key: reportKey(report.id), value: reportRecordSchema.parse(report) })
}

/** Every report of this station; a row that no longer matches the schema is skipped, not shown half. */
export async function readReports(db: StationDb): Promise<ReportRecord[]> {
  const rows = await db.meta.where('key').startsWith(REPORT_KEY_PREFIX).toArray()
  return rows.flatMap((row) => {
    const parsed = reportRecordSchema.safeParse(row.value)
    return parsed.success ? [parsed.data] : []
  })
}

/**
 * Keeps the county's follow-up on the station's own report; a report this device does not
 * hold (another device of the station made it) is left alone. Answers whether it applied.
 */
export async function applyReportFollowUp(db: StationDb, followUp: ReportFollowUp): Promise<boolean> {
  const row = await db.meta.get(reportKey(followUp.reportId))
  const parsed = reportRecordSchema.safeParse(row?.value)
  if (!parsed.success) return false
  await putReport(db, { ...parsed.data, countyFollowUp: followUp })
  return true
}
