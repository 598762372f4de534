import type { Operator } from '../../../shared/admin'
import { periodRange, type Statistics, type StatisticsPeriod, type StatisticsRow } from '../../../shared/statistics'
import { chinaDate } from '../../../shared/working-days'
import type { Database } from '../../db/database'
import { countIntakeStatistics, type StatisticsCounts, type StatisticsGroup } from '../../repositories/statistics-repository'
import { intakeDepartmentScope } from '../operators/operator-scope'

/**
 * 统计分析 of a period for the operator: everything for an administrator, a reviewer's
 * department only (the inbox's scoping). The database counts; this adds the rates.
 */
export async function readStatistics(db: Database, operator: Operator, period: StatisticsPeriod, now = new Date()): Promise<Statistics> {
  const { from, to } = periodRange(period)
  const today = chinaDate(now)
  const department = intakeDepartmentScope(operator)
  const filter = { from, to, today, ...(department === undefined ? {} : { department }) }
  const read = async (group: StatisticsGroup) => (await countIntakeStatistics(db, group, filter)).map(statisticsRow)
  const [total, byMonth, byDepartment, byItem, byTownship, byStation] = await Promise.all(
    (['all', 'month', 'department', 'item', 'township', 'station'] as const).map(read),
  )
  return {
    period,
    from,
    to,
    today,
    department: department ?? null,
    total: total?.[0] ?? statisticsRow(EMPTY),
    byMonth: byMonth ?? [],
    byDepartment: byDepartment ?? [],
    byItem: byItem ?? [],
    byTownship: byTownship ?? [],
    byStation: byStation ?? [],
  }
}

const EMPTY: StatisticsCounts = {
  key: '',
  label: '合计',
  received: 0,
  accepted: 0,
  completed: 0,
  refused: 0,
  onTheSpot: 0,
  completedOnTime: 0,
  overdue: 0,
  assistedElderly: 0,
  assistedDisabled: 0,
  assistedIll: 0,
  assistedRemote: 0,
  assistedOther: 0,
  crossRegion: 0,
  lifeEventIntakes: 0,
  lifeEventBundles: 0,
  rated: 0,
  good: 0,
  bad: 0,
  badRectified: 0,
}

/** part / whole, or null when there is no whole (a rate of nothing is not 0%). */
const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole)

function statisticsRow(counts: StatisticsCounts): StatisticsRow {
  const assisted = {
    elderly: counts.assistedElderly,
    disabled: counts.assistedDisabled,
    ill: counts.assistedIll,
    remote: counts.assistedRemote,
    other: counts.assistedOther,
  }
  return {
    key: counts.key,
    label: counts.label,
    received: counts.received,
    accepted: counts.accepted,
    completed: counts.completed,
    refused: counts.refused,
    onTheSpot: counts.onTheSpot,
    onTheSpotShare: share(counts.onTheSpot, counts.received),
    completedOnTime: counts.completedOnTime,
    onTimeRate: share(counts.completedOnTime, counts.completed),
    overdue: counts.overdue,
    assisted,
    assistedTotal: Object.values(assisted).reduce((sum, value) => sum + value, 0),
    crossRegion: counts.crossRegion,
    lifeEventIntakes: counts.lifeEventIntakes,
    lifeEventBundles: counts.lifeEventBundles,
    rated: counts.rated,
    good: counts.good,
    goodRate: share(counts.good, counts.rated),
    bad: counts.bad,
    badRectified: counts.badRectified,
    badRectifiedRate: share(counts.badRectified, counts.bad),
  }
}
