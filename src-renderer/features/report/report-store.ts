import { REPORT_KEY_PREFIX, reportKey, reportRecordSchema, type ReportRecord } from '../../../shared/station-records'
import type { StationDb } from '../../db/station-db'

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
