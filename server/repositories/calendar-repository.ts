import { asc, desc, eq } from 'drizzle-orm'
import { calendarVersion, type CalendarEdit, type LocalHoliday, type WorkingDayCalendarFile } from '../../shared/calendar'
import type { Executor } from '../db/database'
import { workingDayCalendarDrafts, workingDayCalendars, workingDayCalendarVersions } from '../db/schema'

/**
 * Inserts the year's calendar unless that year is already held; answers whether it was new.
 * A new year is also its first version in the history. Run it in a transaction.
 */
export async function insertCalendarIfAbsent(db: Executor, calendar: WorkingDayCalendarFile): Promise<boolean> {
  const row = rowOf(calendar)
  const inserted = await db.insert(workingDayCalendars).values(row).onConflictDoNothing().returning({ year: workingDayCalendars.year })
  if (inserted.length !== 1) return false
  await db
    .insert(workingDayCalendarVersions)
    .values({ ...row, publishedBy: null })
    .onConflictDoNothing()
  return true
}

/** Every year held, oldest first, as the protocol publishes it (the current version of each). */
export async function listCalendars(db: Executor): Promise<WorkingDayCalendarFile[]> {
  const rows = await db.select().from(workingDayCalendars).orderBy(asc(workingDayCalendars.year))
  return rows.map(fileOf)
}

/** The year's current version as published, or undefined when the year was never published. */
export async function findCalendar(db: Executor, year: number): Promise<WorkingDayCalendarFile | undefined> {
  const [row] = await db.select().from(workingDayCalendars).where(eq(workingDayCalendars.year, year))
  return row ? fileOf(row) : undefined
}

export type CalendarVersionRow = { file: WorkingDayCalendarFile; publishedBy: string | null; publishedAt: Date }

/** Every published version of the year, newest first. */
export async function listCalendarVersions(db: Executor, year: number): Promise<CalendarVersionRow[]> {
  const rows = await db
    .select()
    .from(workingDayCalendarVersions)
    .where(eq(workingDayCalendarVersions.year, year))
    .orderBy(desc(workingDayCalendarVersions.version))
  return rows.map((row) => ({ file: fileOf(row), publishedBy: row.publishedBy, publishedAt: row.publishedAt }))
}

/**
 * Publishes a new version of the year: kept in the history and made the year's current calendar.
 * The caller holds the change-log lock (inChangeTransaction), so versions of a year never race.
 */
export async function publishCalendarVersion(db: Executor, calendar: WorkingDayCalendarFile, publishedBy: string): Promise<void> {
  const row = rowOf(calendar)
  await db.insert(workingDayCalendarVersions).values({ ...row, publishedBy })
  await db
    .insert(workingDayCalendars)
    .values(row)
    .onConflictDoUpdate({
      target: workingDayCalendars.year,
      set: {
        holidays: row.holidays,
        workdays: row.workdays,
        provisional: row.provisional,
        version: row.version,
        localHolidays: row.localHolidays,
        updatedAt: new Date(),
      },
    })
}

type CalendarDraftRow = { year: number; baseVersion: number | null; edit: CalendarEdit; updatedBy: string; updatedAt: Date }

export async function findCalendarDraft(db: Executor, year: number): Promise<CalendarDraftRow | undefined> {
  const [row] = await db.select().from(workingDayCalendarDrafts).where(eq(workingDayCalendarDrafts.year, year))
  if (!row) return undefined
  return {
    year: row.year,
    baseVersion: row.baseVersion,
    edit: { holidays: row.holidays, workdays: row.workdays, localHolidays: row.localHolidays, provisional: row.provisional },
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt,
  }
}

/** The years that have a draft. */
export async function listCalendarDraftYears(db: Executor): Promise<number[]> {
  const rows = await db.select({ year: workingDayCalendarDrafts.year }).from(workingDayCalendarDrafts)
  return rows.map((row) => row.year)
}

/** Stores the year's draft whole, replacing an earlier one. */
export async function saveCalendarDraft(
  db: Executor,
  draft: { year: number; baseVersion: number | null; edit: CalendarEdit; updatedBy: string },
): Promise<void> {
  const values = {
    baseVersion: draft.baseVersion,
    holidays: draft.edit.holidays,
    workdays: draft.edit.workdays,
    localHolidays: draft.edit.localHolidays,
    provisional: draft.edit.provisional,
    updatedBy: draft.updatedBy,
    updatedAt: new Date(),
  }
  await db
    .insert(workingDayCalendarDrafts)
    .values({ year: draft.year, ...values })
    .onConflictDoUpdate({ target: workingDayCalendarDrafts.year, set: values })
}

export async function deleteCalendarDraft(db: Executor, year: number): Promise<void> {
  await db.delete(workingDayCalendarDrafts).where(eq(workingDayCalendarDrafts.year, year))
}

type CalendarColumns = { year: number; holidays: string[]; workdays: string[]; provisional: boolean; version: number; localHolidays: LocalHoliday[] }

function rowOf(calendar: WorkingDayCalendarFile): CalendarColumns {
  return {
    year: calendar.year,
    holidays: calendar.holidays,
    workdays: calendar.workdays,
    provisional: calendar.provisional ?? false,
    version: calendarVersion(calendar),
    localHolidays: calendar.localHolidays ?? [],
  }
}

function fileOf(row: CalendarColumns): WorkingDayCalendarFile {
  return {
    year: row.year,
    holidays: row.holidays,
    workdays: row.workdays,
    // Absent rather than false, so a final calendar reads exactly as its file.
    ...(row.provisional ? { provisional: true } : {}),
    version: row.version,
    ...(row.localHolidays.length > 0 ? { localHolidays: row.localHolidays } : {}),
  }
}
