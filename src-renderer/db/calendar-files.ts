import calendar2026 from '../../resources/catalog/calendar-2026.json'
import calendar2027 from '../../resources/catalog/calendar-2027.json'
import { workingDayCalendarSchema, type WorkingDayCalendarFile } from '../../shared/calendar'
import type { WorkingDayCalendar } from '../../shared/working-days'

// The calendars shipped with the app: the last resort when the county's copy has not arrived yet.
// Static imports, not import.meta.glob: StationDb uses this module (intake-queue-hooks.ts), and it
// also runs in Node under tsx (npm run simulate, npm run bench), which has no glob. Add a line per new year.
const bundledFiles: unknown[] = [calendar2026, calendar2027]

let bundledParsed: WorkingDayCalendarFile[] | undefined

/** The bundled calendars, each checked against the shared schema (a broken file is skipped, not trusted); checked once, they never change. */
export function bundledCalendars(): WorkingDayCalendarFile[] {
  bundledParsed ??= parseCalendars(bundledFiles)
  return bundledParsed
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

/**
 * The last calendars checked, by their text: each save reads the stored years, and checking the
 * same files against the schema again and again cost more than reading them.
 */
const checked = new Map<string, WorkingDayCalendarFile | null>()
const CHECKED_LIMIT = 64

/** Calendars as stored or bundled, each checked against the shared schema; a broken one is skipped. */
export function parseCalendars(values: readonly unknown[]): WorkingDayCalendarFile[] {
  return values.flatMap((value) => {
    const text = JSON.stringify(value)
    let file = checked.get(text)
    if (file === undefined) {
      const parsed = workingDayCalendarSchema.safeParse(value)
      file = parsed.success ? parsed.data : null
      if (checked.size >= CHECKED_LIMIT) checked.clear()
      checked.set(text, file)
    }
    return file === null ? [] : [file]
  })
}
