import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { calendarEditIssues, calendarEditOf, workingDayCalendarSchema, type WorkingDayCalendarFile } from '../../shared/calendar'
import { lifeEventListSchema, type LifeEvent } from '../../shared/life-event'
import type { z } from '../../shared/zod'

const CALENDAR_FILE = /^calendar-(\d{4})\.json$/

/** The 一件事一次办 bundles, validated; undefined when the file is not there. A broken file stops the start. */
export function loadLifeEventsSeed(path: string): LifeEvent[] | undefined {
  return existsSync(path) ? readSeedFile(path, lifeEventListSchema, '一件事一次办文件') : undefined
}

/**
 * Every `calendar-<year>.json` of the folder, oldest year first; a file whose `year` is not the
 * year in its name stops the start, since that would publish a calendar under the wrong year.
 *
 * The bundled files (resources/catalog/calendar-2026.json, -2027.json) carry 西双版纳's local
 * holiday 傣历新年节 (泼水节) as 4月13日–4月15日: the prefecture's regulation gives these days off
 * each year around the Dai new year. JSON holds no comments, so the note lives here. The county
 * checks each year against the prefecture's notice and publishes a new version in 工作日历 if the
 * days differ.
 */
export function loadCalendarSeeds(dir: string): WorkingDayCalendarFile[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((file) => CALENDAR_FILE.test(file))
    .sort()
    .map((file) => {
      const path = join(dir, file)
      const calendar = readSeedFile(path, workingDayCalendarSchema, '工作日历文件')
      if (String(calendar.year) !== CALENDAR_FILE.exec(file)?.[1]) throw new Error(`工作日历文件 ${path} 的年份 ${calendar.year} 与文件名不一致`)
      const missing = (calendar.localHolidays ?? []).flatMap((holiday) => holiday.dates).find((date) => !calendar.holidays.includes(date))
      if (missing) throw new Error(`工作日历文件 ${path} 的地方节日 ${missing} 未列入 holidays`)
      // The rules the console enforces hold for the files too (a date outside the year, a day both off and 调休, …).
      const [issue] = calendarEditIssues(calendar.year, calendarEditOf(calendar))
      if (issue) throw new Error(`工作日历文件 ${path}：${issue.message}`)
      return calendar
    })
}

function readSeedFile<S extends z.ZodType>(path: string, schema: S, label: string): z.output<S> {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new Error(`${label} ${path} 不是有效的 JSON：${(error as Error).message}`, { cause: error })
  }
  const result = schema.safeParse(parsed)
  if (!result.success) {
    const issue = result.error.issues[0]
    throw new Error(`${label} ${path} 校验失败：${issue?.path.join('.')} ${issue?.message}`)
  }
  return result.data
}
