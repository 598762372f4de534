import { ASSIST_REASON_LABELS, assistReasonSchema, type AssistReason } from './intake'
import { z } from './zod'

/**
 * 统计分析 for the 州/省 reports. A period is a year (`2026`), a quarter (`2026-Q2`) or a
 * month (`2026-04`), on China's calendar. Every figure counts the intakes the county
 * received in the period (their cohort): a 受理, 办结 or rating belongs to the period its
 * intake was received in, so a report once sent does not change but for late decisions.
 */
export const statisticsPeriodSchema = z.string().regex(/^\d{4}(?:-Q[1-4]|-(?:0[1-9]|1[0-2]))?$/, '统计期间应写作 2026（年）、2026-Q2（季度）或 2026-04（月）')
export type StatisticsPeriod = z.infer<typeof statisticsPeriodSchema>

export const statisticsParamsSchema = z.object({ period: statisticsPeriodSchema })

/** The first and last China day of a period. */
export function periodRange(period: StatisticsPeriod): { from: string; to: string } {
  const year = Number(period.slice(0, 4))
  const quarter = /-Q([1-4])$/.exec(period)
  const month = /-(\d{2})$/.exec(period)
  const [firstMonth, months] = quarter ? [(Number(quarter[1]) - 1) * 3 + 1, 3] : month ? [Number(month[1]), 1] : [1, 12]
  const lastDay = new Date(Date.UTC(year, firstMonth - 1 + months, 0)).getUTCDate()
  const pad = (value: number) => String(value).padStart(2, '0')
  return { from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(firstMonth + months - 1)}-${pad(lastDay)}` }
}

export const STATISTICS_ASSIST_REASONS: readonly AssistReason[] = assistReasonSchema.options

const count = z.number().int().min(0)
/** A share from 0 to 1; null when there is nothing to divide by. */
const rate = z.number().min(0).max(1).nullable()

const statisticsRowSchema = z.object({
  /** What the row groups by: a month (YYYY-MM), department, item id, township or station code; '' for the total. */
  key: z.string(),
  label: z.string(),
  /** 收件: intakes received. */
  received: count,
  /** 受理: of those, accepted (now or before ending). */
  accepted: count,
  /** 办结: completed (delivered ones included). */
  completed: count,
  /** 不予受理. */
  refused: count,
  /** 即办件 among those received, and their share. */
  onTheSpot: count,
  onTheSpotShare: rate,
  /** 办结 on or before the due date (or without one), and 按时办结率 = that / 办结. */
  completedOnTime: count,
  onTimeRate: rate,
  /** 超期: completed after the due date, or still open past it on the day computed. */
  overdue: count,
  /** 帮办代办 by reason. */
  assisted: z.object(Object.fromEntries(STATISTICS_ASSIST_REASONS.map((reason) => [reason, count])) as Record<AssistReason, typeof count>),
  assistedTotal: count,
  /** 通办: intakes of items handled across regions (通办范围 other than none). */
  crossRegion: count,
  /** 一件事: intakes taken in a 一件事一次办 bundle, and the bundles. */
  lifeEventIntakes: count,
  lifeEventBundles: count,
  /** Ratings of these intakes; 好评 = 非常满意, 满意, 基本满意; 好评率 = 好评 / rated. */
  rated: count,
  good: count,
  goodRate: rate,
  /** 差评 and those 已整改; 差评整改率 = rectified / bad. */
  bad: count,
  badRectified: count,
  badRectifiedRate: rate,
})
export type StatisticsRow = z.infer<typeof statisticsRowSchema>

export const statisticsSchema = z.object({
  period: statisticsPeriodSchema,
  from: z.iso.date(),
  to: z.iso.date(),
  /** The China day 超期 of open intakes was judged on. */
  today: z.iso.date(),
  /** The reviewer's department the figures are limited to; null for all of the county. */
  department: z.string().nullable(),
  total: statisticsRowSchema,
  byMonth: z.array(statisticsRowSchema),
  byDepartment: z.array(statisticsRowSchema),
  byItem: z.array(statisticsRowSchema),
  byTownship: z.array(statisticsRowSchema),
  byStation: z.array(statisticsRowSchema),
})
export type Statistics = z.infer<typeof statisticsSchema>

export type StatisticsBreakdown = 'byMonth' | 'byDepartment' | 'byItem' | 'byTownship' | 'byStation'

/** The breakdowns in the order screens and the workbook show them, with their sheet names. */
export const STATISTICS_BREAKDOWNS: readonly { key: StatisticsBreakdown; title: string; keyTitle: string }[] = [
  { key: 'byMonth', title: '按月份', keyTitle: '月份' },
  { key: 'byDepartment', title: '按部门', keyTitle: '部门' },
  { key: 'byItem', title: '按事项', keyTitle: '事项' },
  { key: 'byTownship', title: '按乡镇', keyTitle: '乡镇' },
  { key: 'byStation', title: '按站点', keyTitle: '站点' },
]

/** The columns of every sheet after the row's name, in order: header and how to read the row. */
export const STATISTICS_COLUMNS: readonly { title: string; value(row: StatisticsRow): number | null; percent?: boolean }[] = [
  { title: '收件', value: (row) => row.received },
  { title: '受理', value: (row) => row.accepted },
  { title: '办结', value: (row) => row.completed },
  { title: '不予受理', value: (row) => row.refused },
  { title: '即办件', value: (row) => row.onTheSpot },
  { title: '即办件占比', value: (row) => row.onTheSpotShare, percent: true },
  { title: '按时办结', value: (row) => row.completedOnTime },
  { title: '按时办结率', value: (row) => row.onTimeRate, percent: true },
  { title: '超期', value: (row) => row.overdue },
  ...STATISTICS_ASSIST_REASONS.map((reason) => ({ title: `帮办代办·${ASSIST_REASON_LABELS[reason]}`, value: (row: StatisticsRow) => row.assisted[reason] })),
  { title: '帮办代办合计', value: (row) => row.assistedTotal },
  { title: '通办', value: (row) => row.crossRegion },
  { title: '一件事办件', value: (row) => row.lifeEventIntakes },
  { title: '一件事次数', value: (row) => row.lifeEventBundles },
  { title: '评价数', value: (row) => row.rated },
  { title: '好评', value: (row) => row.good },
  { title: '好评率', value: (row) => row.goodRate, percent: true },
  { title: '差评', value: (row) => row.bad },
  { title: '差评已整改', value: (row) => row.badRectified },
  { title: '差评整改率', value: (row) => row.badRectifiedRate, percent: true },
]
