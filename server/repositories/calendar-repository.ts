import { asc } from 'drizzle-orm'
import type { WorkingDayCalendarFile } from '../../shared/calendar'
import type { Executor } from '../db/database'
import { workingDayCalendars } from '../db/schema'

/** Inserts the year's calendar unless that year is already held; answers whether it was new. */
export async function insertCalendarIfAbsent(db: Executor, calendar: WorkingDayCalendarFile): Promise<boolean> {
  const inserted = await db
    .insert(workingDayCalendars)
    .values({ year: calendar.year, holidays: calendar.holidays, workdays: calendar.workdays, provisional: calendar.provisional ?? false })
    .onConflictDoNothing()
    .returning({ year: workingDayCalendars.year })
  return inserted.length === 1
}

/** Every year held, oldest first, as the protocol publishes it. */
export async function listCalendars(db: Executor): Promise<WorkingDayCalendarFile[]> {
  const rows = await db.select().from(workingDayCalendars).orderBy(asc(workingDayCalendars.year))
  return rows.map((row) => ({
    year: row.year,
    holidays: row.holidays,
    workdays: row.workdays,
    // Absent rather than false, so a final calendar reads exactly as its file.
    ...(row.provisional ? { provisional: true } : {}),
  }))
}
