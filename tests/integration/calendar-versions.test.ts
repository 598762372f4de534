import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { calendarDetailResponseSchema, calendarListResponseSchema, type CalendarEdit, type SaveCalendarDraftRequest } from '../../shared/calendar'
import { errorBodySchema } from '../../shared/protocol'
import { addWorkingDays } from '../../shared/working-days'
import { countyDueDate } from '../../server/services/calendar/county-calendar'
import { ensureEnrollmentCode } from '../../server/services/stations/enrollment-service'
import { StationDb } from '../../src-renderer/db/station-db'
import { loadCalendar } from '../../src-renderer/db/load-calendar'
import { enrollDevice } from '../../src-renderer/features/setup/enroll-device'
import { applyPullPage } from '../../src-renderer/sync/apply-pull-page'
import { createCountyClient } from '../../src-renderer/sync/county-client'
import { createSyncEngine } from '../../src-renderer/sync/sync-engine'
import { bearer, operatorToken, startTestCounty, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'

// 工作日历 with versions (issue 11 §7): the county replaces a published year, the station's real
// sync engine (in Node, over fake-indexeddb) takes the new version at its next pull, and due dates
// computed afterwards use it. Validation refuses a wrong calendar in Chinese and stores nothing.
const targets = await databaseTargets()

describe.each(targets)('working-day calendar versions on $name', (target) => {
  let county: TestCounty
  let admin: string
  const dbs: StationDb[] = []

  const api = async (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
    county.server.app.inject({ method, url: `/api/v1${url}`, headers: bearer(token), ...(payload === undefined ? {} : { payload }) })

  const detail = async (year: number) => {
    const response = await api('GET', `/admin/calendars/${year}`, admin)
    expect(response.statusCode).toBe(200)
    return calendarDetailResponseSchema.parse(response.json())
  }

  /** An enrolled station database and a function that runs one full sync round on it. */
  const enrolledStation = async (stationCode: string) => {
    const db = new StationDb(`station-calendar-${target.name}-${stationCode}-${process.pid}-${Date.now()}`)
    dbs.push(db)
    const { code } = await ensureEnrollmentCode(county.server.db, stationCode, 30)
    const { token } = await enrollDevice(db, { countyUrl: county.server.url, code })
    const sync = async () => {
      const engine = createSyncEngine({ db, client: createCountyClient({ baseUrl: county.server.url, token, fetch }) })
      try {
        expect((await engine.syncNow()).ok).toBe(true)
      } finally {
        engine.stop()
      }
    }
    return { db, sync }
  }

  const expectRefused = async (edit: SaveCalendarDraftRequest, status: number, message: string) => {
    const response = await api('POST', '/admin/calendars/2027/draft', admin, edit)
    expect(response.statusCode).toBe(status)
    expect(errorBodySchema.parse(response.json()).error.message).toContain(message)
  }

  beforeAll(async () => {
    county = await startTestCounty(target)
    admin = await operatorToken(county.server)
  })
  afterAll(async () => {
    for (const db of dbs) await db.delete()
    await county?.close()
  })

  it('a replaced calendar year reaches a station', async () => {
    const station = await enrolledStation('MHZMZ01')
    await station.sync()
    // The seeded year carries 傣历新年节 (4月13日–15日) as its first version.
    const seeded = await station.db.calendar.get(2026)
    expect(seeded?.version).toBe(1)
    expect(seeded?.localHolidays).toEqual([{ name: '傣历新年节', dates: ['2026-04-13', '2026-04-14', '2026-04-15'] }])
    // Friday 2026-04-10 + 2 working days: Mon–Wed off, so Thursday and Friday.
    expect(addWorkingDays('2026-04-10', 2, await loadCalendar(station.db))).toBe('2026-04-17')

    // The county extends the holiday to 4月17日 and publishes it as version 2 of 2026.
    const before = await detail(2026)
    expect(before.published?.version).toBe(1)
    const edit: CalendarEdit = {
      ...before.published!.edit,
      localHolidays: [{ name: '傣历新年节', dates: ['2026-04-13', '2026-04-14', '2026-04-15', '2026-04-16', '2026-04-17'] }],
    }
    expect((await api('POST', '/admin/calendars/2026/draft', admin, edit)).statusCode).toBe(200)
    // Until it is published the stations keep version 1.
    await station.sync()
    expect((await station.db.calendar.get(2026))?.version).toBe(1)
    const published = await api('POST', '/admin/calendars/2026/publish', admin, { expectedVersion: 1 })
    expect(published.statusCode).toBe(200)
    const after = calendarDetailResponseSchema.parse(published.json())
    expect(after.published?.version).toBe(2)
    expect(after.draft).toBeNull()
    // The replaced version stays readable.
    expect(after.history.map((version) => version.version)).toEqual([2, 1])
    expect(after.history[1]!.edit.localHolidays[0]!.dates).toHaveLength(3)
    expect(await countyDueDate(county.server.db, new Date('2026-04-10T02:00:00Z'), 2)).toBe('2026-04-21')

    // The next pull brings version 2, and a due date computed afterwards uses it.
    await station.sync()
    const replaced = await station.db.calendar.get(2026)
    expect(replaced?.version).toBe(2)
    expect(replaced?.holidays).toEqual(expect.arrayContaining(['2026-04-16', '2026-04-17', '2026-10-01']))
    expect(addWorkingDays('2026-04-10', 2, await loadCalendar(station.db))).toBe('2026-04-21')
    // 2027 was not touched.
    expect((await station.db.calendar.get(2027))?.version).toBe(1)

    // A station enrolled later pulls both versions in order and keeps the newest.
    const later = await enrolledStation('MHZ01')
    await later.sync()
    expect((await later.db.calendar.get(2026))?.version).toBe(2)

    // An older copy arriving after the newer one is not taken.
    const cursor = '0'
    await applyPullPage(station.db, {
      changes: [{ seq: 1, entity: 'calendar', op: 'put', id: '2026', data: { ...seeded!, version: 1 } }],
      cursor,
      more: false,
    })
    expect((await station.db.calendar.get(2026))?.version).toBe(2)
  })

  it('refuses a wrong calendar in Chinese and writes nothing', async () => {
    const good = (await detail(2027)).published!.edit
    await expectRefused({ ...good, holidays: [...good.holidays, '2026-12-31'] }, 400, '2026-12-31 不在 2027 年内')
    await expectRefused({ ...good, workdays: [...good.workdays, good.holidays[0]!] }, 400, '既是节假日又是调休上班日')
    await expectRefused({ ...good, holidays: [...good.holidays, good.holidays[0]!] }, 400, '重复列出')
    await expectRefused({ ...good, localHolidays: [...good.localHolidays, { name: '测试节', dates: ['2027-04-13'] }] }, 400, '重复列出')
    await expectRefused({ ...good, holidays: ['2027-02-30'] }, 400, '日期不存在')
    const untouched = await detail(2027)
    expect(untouched.draft).toBeNull()
    expect(untouched.history).toHaveLength(1)

    // Publishing needs a draft, and the version it was reviewed against.
    const noDraft = await api('POST', '/admin/calendars/2027/publish', admin, { expectedVersion: 1 })
    expect(noDraft.statusCode).toBe(409)
    expect((await api('POST', '/admin/calendars/2027/draft', admin, { ...good, provisional: false })).statusCode).toBe(200)
    const stale = await api('POST', '/admin/calendars/2027/publish', admin, { expectedVersion: 3 })
    expect(stale.statusCode).toBe(409)
    expect(errorBodySchema.parse(stale.json()).error.message).toContain('第1版')
    expect((await detail(2027)).published?.version).toBe(1)
    expect((await api('POST', '/admin/calendars/2027/draft/discard', admin, {})).statusCode).toBe(200)
    expect((await detail(2027)).draft).toBeNull()
  })

  it('lets a department reviewer read the calendar but not change it', async () => {
    const departments = ((await api('GET', '/admin/operators', admin)).json() as { departments: string[] }).departments
    const created = await api('POST', '/admin/operators', admin, {
      username: 'calendar.reader',
      displayName: '日历只读',
      role: 'countyOperator',
      department: departments[0],
      password: 'reader-password-1',
    })
    expect(created.statusCode).toBe(200)
    const login = await county.server.app.inject({
      method: 'POST',
      url: '/api/v1/admin/login',
      payload: { username: 'calendar.reader', password: 'reader-password-1' },
    })
    const reviewer = (login.json() as { token: string }).token
    const list = await api('GET', '/admin/calendars', reviewer)
    expect(list.statusCode).toBe(200)
    expect(calendarListResponseSchema.parse(list.json()).years.find((year) => year.year === 2027)?.localHolidayNames).toEqual(['傣历新年节'])
    const edit = (await detail(2027)).published!.edit
    const refused = await api('POST', '/admin/calendars/2027/draft', reviewer, edit)
    expect(refused.statusCode).toBe(403)
    expect(errorBodySchema.parse(refused.json()).error.message).toContain('只有县级管理员')
    expect((await detail(2027)).draft).toBeNull()
  })
})
