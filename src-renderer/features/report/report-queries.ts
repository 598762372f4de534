import { SYNC_STATE_LABELS, type ReportRecord } from '../../../shared/station-records'
import type { CatalogItemRecord } from '../../db/catalog-item-record'
import { readMeta } from '../../db/meta'
import { outboxSyncStates, type RecordSyncState } from '../../db/outbox-state'
import type { StationDb } from '../../db/station-db'
import { formatDateTime } from '../../lib/format-time'
import { readReports } from './report-store'

export type ReportRow = {
  id: string
  residentName: string
  itemName: string
  description: string
  staffName: string
  createdAtLabel: string
  sync: RecordSyncState
  /**
   * Where the county stands. Pull does not bring the county's follow-up of reports yet, so
   * the station can only say whether the county has received it (已上报) or not (待上报).
   */
  followUpLabel: string
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
      followUpLabel: followUpLabel(sync),
    }
  })
}

function followUpLabel(sync: RecordSyncState): string {
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
