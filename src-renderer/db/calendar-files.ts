import calendar2026 from '../../resources/catalog/calendar-2026.json'
import calendar2027 from '../../resources/catalog/calendar-2027.json'
import { workingDayCalendarSchema, type WorkingDayCalendarFile } from '../../shared/calendar'
import type { WorkingDayCalendar } from '../../shared/working-days'

// The calendars shipped with the app: the last resort when the county's copy has not arrived yet.
// Static imports, not import.meta.glob: StationDb uses this module (intake-queue-hooks.ts), and it
// also runs in Node under tsx (npm run simulate, npm run bench), which has no glob. Add a line per new year.
const bundledFiles: unknown[] = [calendar2026, calendar2027]

/** The bundled calendars, each checked against the shared schema (a broken file is skipped, not trusted). */
export function bundledCalendars(): WorkingDayCalendarFile[] {
  return parseCalendars(bundledFiles)
}

/**
 * One working-day calendar from yearly files: a year the county sent (pulled) replaces the
 * bundled copy of that year, since the county's copy is the published one (DOMAIN.md).
 */
export function mergeCalendars(bundled: readonly WorkingDayCalendarFile[], pulled: readonly WorkingDayCalendarFile[]): WorkingDayCalendar {
  const byYear = new Map<number, WorkingDayCalendarFile>()
  for (const file of [...bundled, ...pulled]) byYear.set(file.year, file)
  const years = [...byYear.values()]
  return { holidays: years.flatMap((file) => file.holidays), workdays: years.flatMap((file) => file.workdays) }
}

/** Calendars as stored or bundled, each checked against the shared schema; a broken one is skipped. */
export function parseCalendars(values: readonly unknown[]): WorkingDayCalendarFile[] {
  return values.flatMap((value) => {
    const parsed = workingDayCalendarSchema.safeParse(value)
    return parsed.success ? [parsed.data] : []
  })
}
