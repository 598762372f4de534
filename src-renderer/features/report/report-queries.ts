import type { ReportFollowUp } from '../../../shared/follow-up'
import { REPORT_STATUS_LABELS } from '../../../shared/report'
import { SYNC_STATE_LABELS, type ReportRecord } from '../../../shared/station-records'
import type { CatalogItemRecord } from '../../db/catalog-item-record'
import { readMeta } from '../../db/meta'
import { outboxSyncStates, type RecordSyncState } from '../../db/outbox-state'
import type { StationDb } from '../../db/station-db'
import { formatDateTime } from '../../lib/format-time'
import { readReports } from '../../db/report-store'

export type ReportRow = {
  id: string
  residentName: string
  itemName: string
  description: string
  staffName: string
  createdAtLabel: string
  sync: RecordSyncState
  /** Where the report stands: 待上报 / 已上报 until the county's follow-up arrives by pull, then its status. */
  followUpLabel: string
  /** The county's answer to the resident (已解决 or 无法解决), to pass on. */
  countyReply?: string
  countyUpdatedAtLabel?: string
}

/** The station's reports, newest first (device clock, for display only), with their sync state. */
export async function listReportRows(db: StationDb): Promise<ReportRow[]> {
  const reports = (await readReportsSorted(db)).reverse()
  const states = await outboxSyncStates(
    db,
    reports.map((report) => report.id),
  )
  const items = await db.catalogItems.bulkGet(reports.map((report) => report.itemId ?? ''))
  return reports.map((report, index) => {
    const sync = states.get(report.id) ?? { state: 'synced' }
    return {
      id: report.id,
      residentName: report.residentName,
      itemName: items[index]?.name ?? (report.itemId ? report.itemId : '（未指定事项）'),
      description: report.description,
      staffName: report.staffName,
      createdAtLabel: formatDateTime(report.createdAt),
      sync,
      followUpLabel: followUpLabel(sync, report.countyFollowUp),
      ...(report.countyFollowUp?.reply ? { countyReply: report.countyFollowUp.reply } : {}),
      ...(report.countyFollowUp ? { countyUpdatedAtLabel: formatDateTime(report.countyFollowUp.updatedAt) } : {}),
    }
  })
}

function followUpLabel(sync: RecordSyncState, countyFollowUp: ReportFollowUp | undefined): string {
  if (countyFollowUp !== undefined) return `县级${REPORT_STATUS_LABELS[countyFollowUp.status]}`
  if (sync.state === 'synced') return '已上报'
  if (sync.state === 'rejected') return `${SYNC_STATE_LABELS.rejected}：${sync.error?.message ?? '未说明原因'}`
  return '待上报'
}

async function readReportsSorted(db: StationDb): Promise<ReportRecord[]> {
  return (await readReports(db)).sort((a, b) => a.createdAt.localeCompare(b.createdAt))
}

/**
 * What the report form needs: every catalog item, suspended and withdrawn ones included
 * (a suspended item is a common reason a thing cannot be done), and the last clerk's name.
 */
export async function loadReportFormContext(db: StationDb): Promise<{ items: CatalogItemRecord[]; staffName: string }> {
  const [items, staffName] = await Promise.all([db.catalogItems.orderBy('name').toArray(), readMeta(db, 'staffName')])
  return { items, staffName: staffName ?? '' }
}
