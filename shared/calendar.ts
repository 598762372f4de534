import { z } from './zod'

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 yyyy-mm-dd')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`)
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
  }, '日期不存在')

const calendarYearSchema = z.number().int().min(2000).max(2100)

/** A local holiday the county observes besides the State Council's, such as 西双版纳's 傣历新年节. */
const localHolidaySchema = z.object({
  name: z.string().trim().min(1, '请填写地方节日名称').max(30, '地方节日名称不能超过30字'),
  dates: z.array(isoDate).min(1, '地方节日至少要有一天'),
})
export type LocalHoliday = z.infer<typeof localHolidaySchema>

/**
 * A year's working-day calendar as the county publishes it, from the State Council's
 * 国务院办公厅关于…年部分节假日安排的通知 plus the local holidays of the prefecture.
 */
export const workingDayCalendarSchema = z.object({
  year: calendarYearSchema,
  /** Every day off in a holiday period (weekdays and weekends), local holidays included, ISO yyyy-mm-dd. */
  holidays: z.array(isoDate),
  /** 调休 make-up working days that fall on weekends, ISO yyyy-mm-dd. */
  workdays: z.array(isoDate),
  /** Derived before the notice was published: the county operator must check it against the notice. */
  provisional: z.boolean().optional(),
  /**
   * The county's version of this year, 1 for the first published; a newer version replaces the
   * year whole. Absent in the bundled files and in changes published before versions existed (= 1).
   */
  version: z.number().int().min(1).optional(),
  /** Which of `holidays` are local holidays, by name (their dates are also in `holidays`, so older stations honour them). */
  localHolidays: z.array(localHolidaySchema).optional(),
})

export type WorkingDayCalendarFile = z.infer<typeof workingDayCalendarSchema>

/** The version a calendar file carries; files from before versions existed count as the first. */
export function calendarVersion(file: Pick<WorkingDayCalendarFile, 'version'>): number {
  return file.version ?? 1
}

/**
 * What an administrator edits (工作日历 → 编辑草稿): the statutory holidays, the 调休 working days and
 * the named local holidays apart; publishing merges the local days into `holidays`.
 */
const calendarEditSchema = z.object({
  holidays: z.array(isoDate).max(366),
  workdays: z.array(isoDate).max(366),
  localHolidays: z.array(localHolidaySchema).max(20).default([]),
  provisional: z.boolean().default(false),
})
export type CalendarEdit = z.infer<typeof calendarEditSchema>

type CalendarIssue = { path: (string | number)[]; message: string }

const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay()
}

/**
 * The rules a year's calendar must keep, worded for the administrator: every date inside the year,
 * no date listed twice (a local holiday on a statutory one included), no day both off and a 调休
 * working day, and 调休 only on a weekend (a weekday is a working day anyway). Empty when it is right.
 */
export function calendarEditIssues(year: number, edit: CalendarEdit): CalendarIssue[] {
  const issues: CalendarIssue[] = []
  const seen = new Map<string, string>()
  const offDays = new Set<string>()
  const check = (date: string, path: (string | number)[], label: string) => {
    if (!date.startsWith(`${year}-`)) {
      issues.push({ path, message: `${label} ${date} 不在 ${year} 年内` })
      return
    }
    const earlier = seen.get(date)
    if (earlier !== undefined) {
      issues.push({ path, message: earlier === label ? `${label} ${date} 重复列出` : `${date} 重复列出（${earlier}、${label}）` })
      return
    }
    seen.set(date, label)
  }
  edit.holidays.forEach((date, index) => {
    check(date, ['holidays', index], '法定节假日')
    offDays.add(date)
  })
  edit.localHolidays.forEach((holiday, holidayIndex) => {
    holiday.dates.forEach((date, index) => {
      check(date, ['localHolidays', holidayIndex, 'dates', index], `地方节日“${holiday.name}”`)
      offDays.add(date)
    })
  })
  const names = new Set<string>()
  edit.localHolidays.forEach((holiday, holidayIndex) => {
    if (names.has(holiday.name)) issues.push({ path: ['localHolidays', holidayIndex, 'name'], message: `地方节日“${holiday.name}”重复列出` })
    names.add(holiday.name)
  })
  const workdays = new Set<string>()
  edit.workdays.forEach((date, index) => {
    const path = ['workdays', index]
    if (!date.startsWith(`${year}-`)) issues.push({ path, message: `调休上班日 ${date} 不在 ${year} 年内` })
    else if (offDays.has(date)) issues.push({ path, message: `${date} 既是节假日又是调休上班日，只能选一种` })
    else if (workdays.has(date)) issues.push({ path, message: `调休上班日 ${date} 重复列出` })
    else if (weekday(date) !== 0 && weekday(date) !== 6)
      issues.push({ path, message: `${date} 是${WEEKDAY_NAMES[weekday(date)]}，本来就上班，不必列为调休上班日` })
    workdays.add(date)
  })
  return issues
}

/** The published file of an edit: local holidays merged into `holidays` (sorted), named in `localHolidays`. */
export function publishedCalendarOf(year: number, version: number, edit: CalendarEdit): WorkingDayCalendarFile {
  const localDates = edit.localHolidays.flatMap((holiday) => holiday.dates)
  return {
    year,
    holidays: [...new Set([...edit.holidays, ...localDates])].sort(),
    workdays: [...edit.workdays].sort(),
    ...(edit.provisional ? { provisional: true } : {}),
    version,
    localHolidays: edit.localHolidays.map((holiday) => ({ name: holiday.name, dates: [...holiday.dates].sort() })),
  }
}

/** The edit form of a published file: the local holidays taken back out of `holidays`. */
export function calendarEditOf(file: WorkingDayCalendarFile): CalendarEdit {
  const localHolidays = file.localHolidays ?? []
  const localDates = new Set(localHolidays.flatMap((holiday) => holiday.dates))
  return {
    holidays: file.holidays.filter((date) => !localDates.has(date)),
    workdays: file.workdays,
    localHolidays,
    provisional: file.provisional ?? false,
  }
}

// ---- console API (工作日历) ----

export const calendarYearParamsSchema = z.object({
  year: z.coerce.number().int('年份应为整数').min(2000, '年份应在2000至2100之间').max(2100, '年份应在2000至2100之间'),
})

/** One published version of a year, as kept in the history. */
const calendarVersionSchema = z.object({
  year: z.number().int(),
  version: z.number().int(),
  edit: calendarEditSchema,
  publishedAt: z.iso.datetime({ offset: true }),
  /** Who published it; null for a version loaded from the resource files at start. */
  publishedBy: z.string().nullable(),
})
export type CalendarVersion = z.infer<typeof calendarVersionSchema>

const calendarDraftSchema = z.object({
  year: z.number().int(),
  /** The published version this draft was started from (null for a year never published). */
  baseVersion: z.number().int().nullable(),
  edit: calendarEditSchema,
  updatedAt: z.iso.datetime({ offset: true }),
  updatedBy: z.string(),
})

const calendarYearSummarySchema = z.object({
  year: z.number().int(),
  /** The version stations hold (or receive at their next pull); null while only a draft exists. */
  version: z.number().int().nullable(),
  publishedAt: z.iso.datetime({ offset: true }).nullable(),
  provisional: z.boolean(),
  localHolidayNames: z.array(z.string()),
  hasDraft: z.boolean(),
})

export const calendarListResponseSchema = z.object({ years: z.array(calendarYearSummarySchema) })
export type CalendarListResponse = z.infer<typeof calendarListResponseSchema>

export const calendarDetailResponseSchema = z.object({
  year: z.number().int(),
  /** The current version; null while the year was never published. */
  published: calendarVersionSchema.nullable(),
  draft: calendarDraftSchema.nullable(),
  /** Every published version, newest first (the current one included). */
  history: z.array(calendarVersionSchema),
})
export type CalendarDetailResponse = z.infer<typeof calendarDetailResponseSchema>

export const saveCalendarDraftRequestSchema = calendarEditSchema
export type SaveCalendarDraftRequest = z.input<typeof saveCalendarDraftRequestSchema>

/**
 * `POST /admin/calendars/:year/publish`: the version the administrator reviewed the draft against
 * (null for a new year). If someone published in between, the answer is 409 rather than a silent overwrite.
 */
export const publishCalendarRequestSchema = z.object({ expectedVersion: z.number().int().min(1).nullable() })
