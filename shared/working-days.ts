/** A county's published calendar: statutory holidays off, make-up working days (调休) on. */
export type WorkingDayCalendar = { holidays: readonly string[]; workdays: readonly string[] }

const EMPTY_CALENDAR: WorkingDayCalendar = { holidays: [], workdays: [] }

const toIsoDate = (date: Date): string => date.toISOString().slice(0, 10)

export function isWorkingDay(isoDate: string, calendar: WorkingDayCalendar): boolean {
  if (calendar.workdays.includes(isoDate)) return true
  if (calendar.holidays.includes(isoDate)) return false
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay()
  return weekday !== 0 && weekday !== 6
}

/** Due date = start date + N working days (a limit of 0 is due the same day). Dates are ISO yyyy-mm-dd. */
export function addWorkingDays(startIsoDate: string, days: number, calendar: WorkingDayCalendar = EMPTY_CALENDAR): string {
  const cursor = new Date(`${startIsoDate}T00:00:00Z`)
  let remaining = days
  while (remaining > 0) {
    cursor.setUTCDate(cursor.getUTCDate() + 1)
    if (isWorkingDay(toIsoDate(cursor), calendar)) remaining--
  }
  return toIsoDate(cursor)
}

/** The unit a limit counts in (shared/catalog.ts `limitUnitSchema`); absent means working days. */
export type LimitUnit = 'workingDays' | 'calendarDays'

/** Due date = start date + N calendar days (日/自然日: every day counts, holidays too). */
export function addCalendarDays(startIsoDate: string, days: number): string {
  const cursor = new Date(`${startIsoDate}T00:00:00Z`)
  cursor.setUTCDate(cursor.getUTCDate() + days)
  return toIsoDate(cursor)
}

/**
 * Due date of a limit in the unit its law uses: working days skip weekends and holidays and
 * honour 调休; calendar days count every day (the last day is not moved off a holiday: the
 * limits we carry in 自然日 are the authority's own, and the law names no such roll-over).
 */
export function addLimitDays(startIsoDate: string, days: number, unit: LimitUnit | undefined, calendar: WorkingDayCalendar = EMPTY_CALENDAR): string {
  return unit === 'calendarDays' ? addCalendarDays(startIsoDate, days) : addWorkingDays(startIsoDate, days, calendar)
}

const LIMIT_UNIT_WORDS: Record<LimitUnit, string> = { workingDays: '个工作日', calendarDays: '个自然日' }

/** "20个工作日" / "60个自然日", as the 受理凭证, the guide and the console print a limit. */
export function limitDaysLabel(days: number, unit: LimitUnit | undefined): string {
  return `${days}${LIMIT_UNIT_WORDS[unit ?? 'workingDays']}`
}

/** The calendar date in China (UTC+8) of an instant, which is what limits count from. */
export function chinaDate(instant: Date): string {
  return toIsoDate(new Date(instant.getTime() + 8 * 3600_000))
}
