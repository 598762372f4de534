/** A county's published calendar: statutory holidays off, make-up working days (调休) on. */
export type WorkingDayCalendar = { holidays: readonly string[]; workdays: readonly string[] }

export const EMPTY_CALENDAR: WorkingDayCalendar = { holidays: [], workdays: [] }

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

/** The calendar date in China (UTC+8) of an instant, which is what limits count from. */
export function chinaDate(instant: Date): string {
  return toIsoDate(new Date(instant.getTime() + 8 * 3600_000))
}
