import { addLimitDays, addWorkingDays, chinaDate, type LimitUnit, type WorkingDayCalendar } from '../../../shared/working-days'
import type { Executor } from '../../db/database'
import { listCalendars } from '../../repositories/calendar-repository'

/**
 * The county's working-day calendar: every published year merged into one. Read per
 * transaction rather than cached, so several server instances never disagree after
 * a year is added, and a due date always uses the calendar the stations pull.
 */
export async function loadCountyCalendar(db: Executor): Promise<WorkingDayCalendar> {
  const years = await listCalendars(db)
  return {
    holidays: years.flatMap((year) => year.holidays),
    workdays: years.flatMap((year) => year.workdays),
  }
}

/**
 * Due date of a limit counted from `now` (China's calendar day) in the limit's unit: working
 * days skip holidays and honour 调休, calendar days (自然日) count every day. No unit: working days.
 */
export async function countyDueDate(db: Executor, now: Date, limitDays: number, unit?: LimitUnit): Promise<string> {
  if (unit === 'calendarDays') return addLimitDays(chinaDate(now), limitDays, unit)
  return dueDateOn(await loadCountyCalendar(db), now, limitDays)
}

/** countyDueDate on a calendar already read, for a push that dates many intakes in one transaction. */
export function dueDateOn(calendar: WorkingDayCalendar, now: Date, limitDays: number, unit?: LimitUnit): string {
  if (unit === 'calendarDays') return addLimitDays(chinaDate(now), limitDays, unit)
  return addWorkingDays(chinaDate(now), limitDays, calendar)
}
