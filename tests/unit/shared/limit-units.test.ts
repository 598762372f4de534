import { describe, expect, it } from 'vitest'
import { serviceItemSchema } from '../../../shared/catalog'
import { itemSnapshotSchema } from '../../../shared/intake'
import { addCalendarDays, addLimitDays, addWorkingDays, limitDaysLabel } from '../../../shared/working-days'
import { catalogItem as demoItem } from '../renderer/fixtures'

// 国庆 2026 as published: 10-01…10-07 off, 09-20 and 10-10 make-up working days.
const calendar = {
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  workdays: ['2026-09-20', '2026-10-10'],
}

describe('limits in the unit their law uses', () => {
  it('counts 自然日 over weekends and holidays alike, across months and years', () => {
    expect(addCalendarDays('2026-09-30', 60)).toBe('2026-11-29')
    expect(addLimitDays('2026-09-30', 60, 'calendarDays', calendar)).toBe('2026-11-29')
    expect(addLimitDays('2026-12-15', 30, 'calendarDays', calendar)).toBe('2027-01-14')
    // 2028 is a leap year.
    expect(addLimitDays('2028-02-01', 30, 'calendarDays')).toBe('2028-03-02')
    expect(addLimitDays('2026-10-01', 0, 'calendarDays', calendar)).toBe('2026-10-01')
  })

  it('counts 工作日 with the calendar, and a missing unit as working days (older records)', () => {
    // 09-30 + 3 working days: 10-01…10-07 off, 10-08 (Thu), 10-09 (Fri), 10-10 (make-up Saturday).
    expect(addLimitDays('2026-09-30', 3, 'workingDays', calendar)).toBe('2026-10-10')
    expect(addLimitDays('2026-09-30', 3, undefined, calendar)).toBe(addWorkingDays('2026-09-30', 3, calendar))
    // The two units disagree over a holiday: the unit matters.
    expect(addLimitDays('2026-09-30', 3, 'calendarDays', calendar)).toBe('2026-10-03')
  })

  it('labels a limit in its unit', () => {
    expect(limitDaysLabel(60, 'calendarDays')).toBe('60个自然日')
    expect(limitDaysLabel(20, 'workingDays')).toBe('20个工作日')
    expect(limitDaysLabel(20, undefined)).toBe('20个工作日')
  })

  it('parses an item without a unit (old records, old stations) as working days, and refuses an unknown unit', () => {
    const { limitUnit: _unit, ...old } = demoItem
    expect(serviceItemSchema.parse(old).limitUnit).toBe('workingDays')
    expect(serviceItemSchema.safeParse({ ...demoItem, limitUnit: 'days' }).success).toBe(false)
    const snapshot = {
      id: demoItem.id,
      implCode: demoItem.implCode,
      name: demoItem.name,
      version: 1,
      department: demoItem.department,
      handling: '2',
      promisedLimitDays: 5,
      acceptOnReceipt: false,
    }
    expect(itemSnapshotSchema.parse(snapshot).limitUnit).toBeUndefined()
    expect(itemSnapshotSchema.parse({ ...snapshot, limitUnit: 'calendarDays' }).limitUnit).toBe('calendarDays')
  })

  it('takes item codes up to 40 characters, not more', () => {
    const code40 = '5328220400013'.padEnd(40, '0')
    expect(serviceItemSchema.safeParse({ ...demoItem, id: code40, implCode: code40 }).success).toBe(true)
    const refused = serviceItemSchema.safeParse({ ...demoItem, id: `${code40}1`, implCode: code40 })
    expect(refused.error?.issues[0]?.message).toContain('最多40位')
  })
})
