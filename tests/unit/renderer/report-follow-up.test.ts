import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { ReportFollowUp } from '../../../shared/follow-up'
import type { StationDb } from '../../../src-renderer/db/station-db'
import { recordReport } from '../../../src-renderer/features/report/record-report'
import { listReportRows } from '../../../src-renderer/features/report/report-queries'
import { readReports } from '../../../src-renderer/db/report-store'
import { applyPullPage } from '../../../src-renderer/sync/apply-pull-page'
import { page } from './fake-county-client'
import { clerk, MONDAY, freshDb, seedStation } from './fixtures'

let db: StationDb

afterEach(async () => {
  await db?.delete()
})

const followUp = (reportId: string, changes: Partial<ReportFollowUp> = {}): ReportFollowUp => ({
  reportId,
  status: 'accepted',
  reply: null,
  updatedAt: '2025-03-04T02:00:00.000Z',
  history: [{ action: 'accept', statusBefore: 'pending', statusAfter: 'accepted', at: '2025-03-04T02:00:00.000Z', by: '李四', note: '转县残联' }],
  ...changes,
})

describe('the county follow-up of a 办不成事 report on the station', () => {
  it('keeps the latest follow-up on the report and shows its status and reply in the list', async () => {
    db = freshDb()
    await seedStation(db)
    const report = await recordReport(
      db,
      { residentName: '岩罕', residentPhone: '0691-5123456', attempted: '残疾人两项补贴', happened: '本站未进驻该事项', staffName: '岩温' },
      { staff: clerk, now: () => MONDAY },
    )

    const summary = await applyPullPage(
      db,
      page(
        [
          { seq: 1, entity: 'reportFollowUp', op: 'put', id: report.id, data: followUp(report.id) },
          {
            seq: 2,
            entity: 'reportFollowUp',
            op: 'put',
            id: report.id,
            data: followUp(report.id, { status: 'resolved', reply: '补贴已发放，请查收', updatedAt: '2025-03-05T02:00:00.000Z' }),
          },
          // A report another device of the station made is not held here: left alone.
          { seq: 3, entity: 'reportFollowUp', op: 'put', id: 'a1b2c3d4-0000-4000-8000-000000000001', data: followUp('a1b2c3d4-0000-4000-8000-000000000001') },
        ],
        '3',
      ),
    )

    expect(summary.decisions).toBe(2)
    const [stored] = await readReports(db)
    expect(stored).toMatchObject({ id: report.id, residentName: '岩罕', countyFollowUp: { status: 'resolved', reply: '补贴已发放，请查收' } })
    const [row] = await listReportRows(db)
    expect(row).toMatchObject({ followUpLabel: '县级已解决', countyReply: '补贴已发放，请查收' })
    expect(row?.countyUpdatedAtLabel).toBeTruthy()
  })
})
