import { reportRecordPayloadSchema, type ReportRecordInput } from '../../../shared/report'
import type { ReportRecord } from '../../../shared/station-records'
import { readMeta, writeMeta } from '../../db/meta'
import type { StaffActor } from '../../db/staff-permissions'
import type { StationDb } from '../../db/station-db'
import { writeStationMutation } from '../../db/station-write'
import { UserError, type FieldIssue } from '../../lib/user-error'
import { putReport } from '../../db/report-store'

/** What the 办不成事反映 form holds. */
export type ReportEntry = {
  residentName: string
  residentPhone: string
  /** The catalog item concerned, if the matter is one. */
  itemId?: string
  /** What the resident tried to get done. */
  attempted: string
  /** What happened: why it could not be done. */
  happened: string
  staffName: string
}

/** `staff`: the signed-in staff member, who becomes the report's 经办人. */
type RecordReportOptions = { now?: () => Date; newId?: () => string; staff: StaffActor }

/**
 * The payload has one description; the form asks for what was tried and what happened
 * separately so the clerk asks both, and they are joined here under their own headings.
 */
function reportDescription(attempted: string, happened: string): string {
  const parts = [attempted.trim() && `想办的事：${attempted.trim()}`, happened.trim() && `遇到的问题：${happened.trim()}`]
  return parts.filter(Boolean).join('\n')
}

/**
 * Records a 办不成事 report: validates it with the shared payload schema (name, phone checked,
 * what happened), then writes the report, its `report.record` outbox mutation and its audit
 * entry through the station write path (ONE Dexie transaction), or nothing.
 *
 * Throws UserError `invalid_report` (issues with the form's field names), `not_enrolled`,
 * `not_signed_in`, `forbidden_role` or `storage_full`.
 */
export async function recordReport(db: StationDb, entry: ReportEntry, options: RecordReportOptions): Promise<ReportRecord> {
  const staffName = options.staff.displayName
  const issues: FieldIssue[] = []
  if (entry.attempted.trim() === '') issues.push({ path: ['attempted'], message: '请填写群众想办的事' })
  if (entry.happened.trim() === '') issues.push({ path: ['happened'], message: '请说明办不成的情况和原因' })
  return writeStationMutation(db, {
    actor: options.staff,
    action: 'report.record',
    tables: [db.meta, db.catalogItems],
    now: options.now,
    newId: options.newId,
    change: async ({ createdAt, newId }) => {
      const station = await readMeta(db, 'station')
      if (station === undefined) throw new UserError('not_enrolled', '本设备尚未注册到县级服务器，不能上报')
      const itemId = entry.itemId?.trim() ? entry.itemId.trim() : undefined
      if (itemId !== undefined && (await db.catalogItems.get(itemId)) === undefined) {
        issues.push({ path: ['itemId'], message: '所选事项不在本站事项目录中，请重新选择或不选' })
      }
      const parsed = reportRecordPayloadSchema.safeParse({
        id: newId(),
        stationCode: station.code,
        residentName: entry.residentName,
        residentPhone: entry.residentPhone,
        itemId,
        description: reportDescription(entry.attempted, entry.happened),
        staffName,
        createdAt,
      } satisfies ReportRecordInput)
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          // The description is the form's two fields joined; its length error belongs to 遇到的问题.
          const path = issue.path[0] === 'description' ? ['happened'] : issue.path
          if (!issues.some((known) => known.path[0] === path[0])) issues.push({ path, message: issue.message })
        }
      }
      if (!parsed.success || issues.length > 0) throw new UserError('invalid_report', `反映信息有误：${issues[0]!.message}`, issues)
      const report = parsed.data
      await putReport(db, report)
      await writeMeta(db, 'staffName', report.staffName)
      return {
        mutation: { id: newId(), type: 'report.record', entityId: report.id, payload: report, createdAt },
        audit: { action: 'report.record', entityId: report.id },
        result: report,
      }
    },
  })
}
