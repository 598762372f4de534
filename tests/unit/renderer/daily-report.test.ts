import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { IntakeRecord } from '../../../shared/station-records'
import type { StationDb } from '../../../src-renderer/db/station-db'
import { checkPeriod, intakesOfPeriod, loadDailyReport } from '../../../src-renderer/features/daily-report/daily-report'
import { applyPullPage } from '../../../src-renderer/sync/apply-pull-page'
import { page } from './fake-county-client'
import { freshDb } from './fixtures'
import { decision, intakeRecord } from './intake-record-fixture'

const DAY = { from: '2026-11-30', to: '2026-11-30' }
let db: StationDb | undefined

afterEach(async () => {
  await db?.delete()
  db = undefined
})

let serial = 0
/** An intake of the fixture item (帮办, 年老, one 容缺 material) made at `createdAt`, with its own id and number. */
function intake(createdAt: string, overrides: Partial<IntakeRecord> = {}): IntakeRecord {
  serial++
  return intakeRecord({
    id: `5c2b7a10-0d3e-4a55-8b1f-${String(serial).padStart(12, '0')}`,
    intakeNo: `MHMZ01-20261130-ASC${String(serial).padStart(4, '0')}`,
    createdAt,
    ...overrides,
  })
}

const otherItem = (record: IntakeRecord): IntakeRecord['item'] => ({
  ...record.item,
  id: '532822000002',
  implCode: '532822000002',
  name: '残疾人证新办',
  department: '勐海县残疾人联合会',
})
const provided = intakeRecord().materials.filter((material) => material.status === 'provided')

describe('the intakes of a China day', () => {
  it('is empty on a day with no intakes: zero counts, every service mode still listed', async () => {
    db = freshDb()
    await db.intakes.add(intake('2026-11-28T02:00:00.000Z'))
    const report = await loadDailyReport(db, 'MHMZ01', DAY)
    expect(report.total).toBe(0)
    expect(report.byItem).toEqual([])
    expect(report.byStatus).toEqual([])
    expect(report.byServiceMode.map((row) => [row.label, row.count, row.reasons.length])).toEqual([
      ['本人办理', 0, 0],
      ['帮办', 0, 0],
      ['代办', 0, 0],
    ])
    expect(report.highlights).toEqual({ deferred: 0, completedOnSite: 0, assistedOrProxy: 0, unsent: 0, rejected: 0 })
  })

  it('counts from China midnight to China midnight, whatever offset the device wrote', async () => {
    db = freshDb()
    const before = intake('2026-11-29T15:59:59.999Z') // 23:59:59.999 on the 29th in China
    const first = intake('2026-11-29T16:00:00.000Z') // 00:00 on the 30th in China
    const last = intake('2026-11-30T15:59:59.999Z') // 23:59:59.999 on the 30th
    const after = intake('2026-11-30T16:00:00.000Z') // 00:00 on 12-01
    const withOffset = intake('2026-11-30T23:30:00+08:00')
    const offsetAfter = intake('2026-12-01T00:30:00+08:00')
    const otherStation = intake('2026-11-30T02:00:00.000Z', { stationCode: 'MHMZ02', intakeNo: 'MHMZ02-20261130-ASC0001' })
    await db.intakes.bulkAdd([before, first, last, after, withOffset, offsetAfter, otherStation])

    const found = await intakesOfPeriod(db, 'MHMZ01', DAY)
    expect(found.map((record) => record.id).sort()).toEqual([first.id, last.id, withOffset.id].sort())
    expect((await loadDailyReport(db, 'MHMZ01', { from: '2026-11-29', to: '2026-11-30' })).total).toBe(4)
  })

  it('includes the intakes of the station\u2019s other devices pulled from the county', async () => {
    db = freshDb()
    await db.intakes.add(intake('2026-11-30T01:00:00.000Z'))
    const { syncState: _syncState, ...payload } = intake('2026-11-30T03:00:00.000Z', { intakeNo: 'MHMZ01-20261130-B2D0001' })
    await applyPullPage(db, page([{ seq: 1, entity: 'intake', op: 'put', id: payload.id, data: payload }], 'c1'))
    const report = await loadDailyReport(db, 'MHMZ01', DAY)
    expect(report.total).toBe(2)
    expect(report.highlights.unsent).toBe(1)
  })
})

describe('the counts', () => {
  it('groups by item, current status and service mode with its reasons, and counts 容缺, 当场办结, unsent and refused', async () => {
    db = freshDb()
    const base = intake('2026-11-30T01:00:00.000Z')
    const accepted = intake('2026-11-30T02:00:00.000Z', { serviceMode: 'proxy', assistReason: 'ill', proxyAuthorization: '授权委托书', syncState: 'synced' })
    const acceptedDecision = decision(accepted, [
      { status: 'submitted', at: '2026-11-30T02:10:00.000Z', by: '县政务服务中心' },
      { status: 'accepted', at: '2026-11-30T03:00:00.000Z', by: '县政务服务中心' },
    ])
    const records = [
      base,
      { ...accepted, decision: acceptedDecision, status: acceptedDecision.status },
      intake('2026-11-30T03:00:00.000Z', { item: otherItem(base), serviceMode: 'self', assistReason: undefined, materials: provided, syncState: 'synced' }),
      intake('2026-11-30T04:00:00.000Z', {
        item: otherItem(base),
        serviceMode: 'self',
        assistReason: undefined,
        materials: provided,
        syncState: 'rejected',
        lastError: { code: 'x', message: '事项已取消' },
      }),
      intake('2026-11-30T05:00:00.000Z', {
        serviceMode: 'assisted',
        assistReason: 'remote',
        materials: provided,
        syncState: 'pending',
        onSiteCompletion: { intakeId: '5c2b7a10-0d3e-4a55-8b1f-000000009999', result: 'approved', leadName: '岩罕', createdAt: '2026-11-30T05:10:00.000Z' },
      }),
    ]
    await db.intakes.bulkAdd(records)

    const report = await loadDailyReport(db, 'MHMZ01', DAY)
    expect(report.total).toBe(5)
    expect(report.byItem).toEqual([
      { implCode: '532822000001', itemName: '城乡居民基本养老保险参保登记', department: '勐海县人力资源和社会保障局', count: 3 },
      { implCode: '532822000002', itemName: '残疾人证新办', department: '勐海县残疾人联合会', count: 2 },
    ])
    expect(report.byStatus).toEqual([
      { label: '待发送', count: 1 },
      { label: '未报送', count: 1 },
      { label: '待受理', count: 1 },
      { label: '已受理', count: 1 },
      { label: '当场办结（待县级确认）', count: 1 },
    ])
    expect(report.byServiceMode).toEqual([
      { mode: 'self', label: '本人办理', count: 2, reasons: [] },
      {
        mode: 'assisted',
        label: '帮办',
        count: 2,
        reasons: [
          { reason: 'elderly', label: '年老', count: 1 },
          { reason: 'remote', label: '居住偏远', count: 1 },
        ],
      },
      { mode: 'proxy', label: '代办', count: 1, reasons: [{ reason: 'ill', label: '患病', count: 1 }] },
    ])
    expect(report.highlights).toEqual({ deferred: 2, completedOnSite: 1, assistedOrProxy: 3, unsent: 2, rejected: 1 })
  })
})

describe('the period a clerk picks', () => {
  it('refuses an impossible date, a reversed range and a range too long, in Chinese', () => {
    expect(() => checkPeriod({ from: '2026-02-30', to: '2026-02-30' })).toThrow('请选择有效的统计日期')
    expect(() => checkPeriod({ from: '', to: '2026-11-30' })).toThrow('请选择有效的统计日期')
    expect(() => checkPeriod({ from: '2026-11-30', to: '2026-11-29' })).toThrow('开始日期不能晚于结束日期')
    expect(() => checkPeriod({ from: '2026-01-01', to: '2026-12-31' })).toThrow('统计区间最长 62 天')
    expect(checkPeriod(DAY)).toEqual(DAY)
  })
})
