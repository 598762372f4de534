import { describe, expect, it } from 'vitest'
import { addWorkingDays, chinaDate, isWorkingDay } from '../../../shared/working-days'

const calendar = { holidays: ['2026-10-01', '2026-10-02', '2026-10-05'], workdays: ['2026-10-10'] }

describe('working days', () => {
  it('skips weekends', () => {
    // 2026-11-27 is a Friday.
    expect(addWorkingDays('2026-11-27', 1)).toBe('2026-11-30')
    expect(addWorkingDays('2026-11-27', 0)).toBe('2026-11-27')
    expect(addWorkingDays('2026-11-23', 5)).toBe('2026-11-30')
  })
  it('skips holidays and counts make-up working days', () => {
    expect(isWorkingDay('2026-10-01', calendar)).toBe(false)
    expect(isWorkingDay('2026-10-10', calendar)).toBe(true)
    // 09-30 (Wed) + 2: 10-01, 10-02 holidays, 10-03/04 weekend, 10-05 holiday → 10-06, 10-07.
    expect(addWorkingDays('2026-09-30', 2, calendar)).toBe('2026-10-07')
  })
  it('dates an instant in China time', () => {
    expect(chinaDate(new Date('2026-11-27T17:00:00Z'))).toBe('2026-11-28')
  })
})
