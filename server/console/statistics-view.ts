import type { StatisticsPeriod } from '../../shared/statistics'

/** How the 统计分析 screen picks a period: a whole year, one of its quarters or one of its months. */
export type PeriodKind = 'year' | 'quarter' | 'month'
export type PeriodChoice = { kind: PeriodKind; year: number; quarter: number; month: number }

export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = { year: '年度', quarter: '季度', month: '月度' }

/** The period the choice names, as the API writes it (2026, 2026-Q2, 2026-04). */
export function periodOf(choice: PeriodChoice): StatisticsPeriod {
  if (choice.kind === 'year') return String(choice.year)
  if (choice.kind === 'quarter') return `${choice.year}-Q${choice.quarter}`
  return `${choice.year}-${String(choice.month).padStart(2, '0')}`
}

/** The quarter containing `today` (a China date, YYYY-MM-DD): what a county reports on most. */
export function currentQuarter(today: string): PeriodChoice {
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  return { kind: 'quarter', year, quarter: Math.ceil(month / 3), month }
}

/** The years offered: this one and the four before it. */
export function recentYears(today: string): number[] {
  const year = Number(today.slice(0, 4))
  return [0, 1, 2, 3, 4].map((back) => year - back)
}

/** A rate as a percentage with one decimal; '—' when there was nothing to divide by. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`
}
