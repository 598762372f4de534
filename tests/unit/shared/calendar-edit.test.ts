import { describe, expect, it } from 'vitest'
import { calendarEditIssues, calendarEditOf, publishedCalendarOf, type CalendarEdit } from '../../../shared/calendar'

const edit: CalendarEdit = {
  holidays: ['2026-10-01', '2026-10-02'],
  workdays: ['2026-10-10'],
  localHolidays: [{ name: '傣历新年节', dates: ['2026-04-13', '2026-04-14', '2026-04-15'] }],
  provisional: false,
}
const messages = (changed: Partial<CalendarEdit>) => calendarEditIssues(2026, { ...edit, ...changed }).map((issue) => issue.message)

describe('a year’s calendar edit', () => {
  it('accepts a right calendar', () => {
    expect(calendarEditIssues(2026, edit)).toEqual([])
  })

  it('names each wrong date in Chinese, with where it is', () => {
    expect(messages({ holidays: ['2027-01-01'] })).toEqual(['法定节假日 2027-01-01 不在 2026 年内'])
    expect(calendarEditIssues(2026, { ...edit, workdays: ['2026-10-01'] })).toEqual([
      { path: ['workdays', 0], message: '2026-10-01 既是节假日又是调休上班日，只能选一种' },
    ])
    expect(messages({ workdays: ['2026-04-14'] })).toEqual(['2026-04-14 既是节假日又是调休上班日，只能选一种'])
    expect(messages({ holidays: ['2026-10-01', '2026-10-01'] })).toEqual(['法定节假日 2026-10-01 重复列出'])
    expect(messages({ holidays: ['2026-04-13'] })).toEqual(['2026-04-13 重复列出（法定节假日、地方节日“傣历新年节”）'])
    expect(messages({ workdays: ['2026-10-10', '2026-10-10'] })).toEqual(['调休上班日 2026-10-10 重复列出'])
    // Thursday 2026-10-08 is a working day anyway.
    expect(messages({ workdays: ['2026-10-08'] })).toEqual(['2026-10-08 是星期四，本来就上班，不必列为调休上班日'])
    expect(messages({ localHolidays: [...edit.localHolidays, { name: '傣历新年节', dates: ['2026-04-16'] }] })).toEqual(['地方节日“傣历新年节”重复列出'])
  })

  it('publishes local holidays among the days off and reads them back apart', () => {
    const file = publishedCalendarOf(2026, 2, edit)
    expect(file.holidays).toEqual(['2026-04-13', '2026-04-14', '2026-04-15', '2026-10-01', '2026-10-02'])
    expect(file.version).toBe(2)
    expect(calendarEditOf(file)).toEqual(edit)
  })
})
