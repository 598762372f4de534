import { describe, expect, it } from 'vitest'
import { periodRange, statisticsPeriodSchema } from '../../../shared/statistics'

describe('统计期间', () => {
  it('spans a year, a quarter and a month on the calendar, February of a leap year included', () => {
    expect(periodRange('2026')).toEqual({ from: '2026-01-01', to: '2026-12-31' })
    expect(periodRange('2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' })
    expect(periodRange('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' })
    expect(periodRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' })
    expect(periodRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' })
  })

  it('refuses what is not a year, quarter or month', () => {
    for (const bad of ['2026-Q5', '2026-13', '2026-00', '26', '2026-Q2-01', '2026-4']) expect(statisticsPeriodSchema.safeParse(bad).success, bad).toBe(false)
  })
})
