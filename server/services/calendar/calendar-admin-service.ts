import type { Operator } from '../../../shared/admin'
import {
  calendarEditIssues,
  calendarEditOf,
  calendarVersion,
  publishedCalendarOf,
  type CalendarDetailResponse,
  type CalendarEdit,
  type CalendarListResponse,
  type CalendarVersion,
} from '../../../shared/calendar'
import { AppError } from '../../app-error'
import type { Database, Executor } from '../../db/database'
import {
  deleteCalendarDraft,
  findCalendar,
  findCalendarDraft,
  listCalendarDraftYears,
  listCalendars,
  listCalendarVersions,
  publishCalendarVersion,
  saveCalendarDraft,
  type CalendarVersionRow,
} from '../../repositories/calendar-repository'
import { appendChange } from '../../repositories/change-repository'
import { inChangeTransaction } from '../sync/change-transaction'
import { requireCountyAdmin } from '../operators/operator-scope'

type CalendarAdminLog = { info(details: object, message: string): void }

/**
 * 工作日历: every year the county holds, with its current version and whether a draft waits.
 * Any operator may read (a reviewer's due dates come from it); only an administrator edits and publishes.
 */
export async function listCalendarYears(db: Database): Promise<CalendarListResponse> {
  const [calendars, draftYears] = await Promise.all([listCalendars(db), listCalendarDraftYears(db)])
  const versions = await Promise.all(calendars.map((calendar) => listCalendarVersions(db, calendar.year)))
  const published = calendars.map((calendar, index) => ({
    year: calendar.year,
    version: calendarVersion(calendar),
    publishedAt: versions[index]?.[0]?.publishedAt.toISOString() ?? null,
    provisional: calendar.provisional ?? false,
    localHolidayNames: (calendar.localHolidays ?? []).map((holiday) => holiday.name),
    hasDraft: draftYears.includes(calendar.year),
  }))
  const draftOnly = draftYears
    .filter((year) => !calendars.some((calendar) => calendar.year === year))
    .map((year) => ({ year, version: null, publishedAt: null, provisional: false, localHolidayNames: [], hasDraft: true }))
  return { years: [...published, ...draftOnly].sort((a, b) => a.year - b.year) }
}

/** One year: the current version, the draft if any, and every version published before. */
export async function calendarDetail(db: Executor, year: number): Promise<CalendarDetailResponse> {
  const [history, draft] = await Promise.all([listCalendarVersions(db, year), findCalendarDraft(db, year)])
  const versions = history.map(toVersion)
  return {
    year,
    published: versions[0] ?? null,
    draft: draft ? { year, baseVersion: draft.baseVersion, edit: draft.edit, updatedAt: draft.updatedAt.toISOString(), updatedBy: draft.updatedBy } : null,
    history: versions,
  }
}

/**
 * Saves the administrator's edit of a year as its draft. A wrong calendar (a date outside the
 * year, a day both off and 调休, a date twice) is refused as a whole with the first problem in
 * Chinese, and nothing is stored. The draft remembers which version it was started from.
 */
export async function saveDraft(db: Database, operator: Operator, year: number, edit: CalendarEdit, log: CalendarAdminLog): Promise<CalendarDetailResponse> {
  requireCountyAdmin(operator, '编辑工作日历')
  refuseIssues(year, edit)
  const detail = await db.transaction(async (tx) => {
    const current = await findCalendar(tx, year)
    const existing = await findCalendarDraft(tx, year)
    // A draft keeps the version it was started from, so publishing can tell whether someone published since.
    const baseVersion = existing ? existing.baseVersion : current ? calendarVersion(current) : null
    await saveCalendarDraft(tx, { year, baseVersion, edit: normalised(edit), updatedBy: operator.username })
    return calendarDetail(tx, year)
  })
  log.info({ year, by: operator.username }, 'calendar draft saved')
  return detail
}

/** 放弃草稿: the draft is deleted; the published version is untouched. */
export async function discardDraft(db: Database, operator: Operator, year: number, log: CalendarAdminLog): Promise<CalendarDetailResponse> {
  requireCountyAdmin(operator, '编辑工作日历')
  if (!(await findCalendarDraft(db, year))) throw new AppError('not_found', `${year}年没有草稿`)
  await deleteCalendarDraft(db, year)
  log.info({ year, by: operator.username }, 'calendar draft discarded')
  return calendarDetail(db, year)
}

/**
 * 发布: the draft becomes the year's next version (1 for a new year). The version, the year's
 * current calendar and its change reach the stations together, in one transaction under the
 * change-log lock: each station takes the newer version at its next pull. The older versions
 * stay in the history. `expectedVersion` is the version the administrator reviewed against:
 * if another administrator published in between, the answer is 409 and nothing changes.
 */
export async function publishDraft(
  db: Database,
  operator: Operator,
  year: number,
  expectedVersion: number | null,
  log: CalendarAdminLog,
): Promise<CalendarDetailResponse> {
  requireCountyAdmin(operator, '发布工作日历')
  const published = await inChangeTransaction(db, async (tx) => {
    const draft = await findCalendarDraft(tx, year)
    if (!draft) throw new AppError('conflict', `${year}年没有待发布的草稿，请先保存草稿`)
    const current = await findCalendar(tx, year)
    const currentVersion = current ? calendarVersion(current) : null
    if (currentVersion !== expectedVersion) {
      throw new AppError(
        'conflict',
        currentVersion === null ? `${year}年尚未发布过，请刷新后重试` : `${year}年已有他人发布的第${currentVersion}版，请刷新后核对草稿再发布`,
      )
    }
    // Re-checked here: the rules may be stricter than when the draft was saved.
    refuseIssues(year, draft.edit)
    const file = publishedCalendarOf(year, (currentVersion ?? 0) + 1, draft.edit)
    await publishCalendarVersion(tx, file, operator.username)
    await appendChange(tx, { stationCode: null, entity: 'calendar', entityId: String(year), op: 'put', data: file })
    await deleteCalendarDraft(tx, year)
    return file
  })
  log.info({ year, version: published.version, by: operator.username }, 'calendar published')
  return calendarDetail(db, year)
}

function refuseIssues(year: number, edit: CalendarEdit): void {
  const [issue] = calendarEditIssues(year, edit)
  if (issue) throw new AppError('bad_request', issue.message, { path: issue.path.join('.') })
}

/** Dates sorted, so a draft and its published version read the same whatever order they were typed in. */
function normalised(edit: CalendarEdit): CalendarEdit {
  return {
    holidays: [...edit.holidays].sort(),
    workdays: [...edit.workdays].sort(),
    localHolidays: edit.localHolidays.map((holiday) => ({ name: holiday.name, dates: [...holiday.dates].sort() })),
    provisional: edit.provisional,
  }
}

function toVersion(row: CalendarVersionRow): CalendarVersion {
  return {
    year: row.file.year,
    version: calendarVersion(row.file),
    edit: calendarEditOf(row.file),
    publishedAt: row.publishedAt.toISOString(),
    publishedBy: row.publishedBy,
  }
}
