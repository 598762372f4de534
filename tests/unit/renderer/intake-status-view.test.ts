import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { WorkingDayCalendarFile } from '../../../shared/calendar'
import type { StationDb } from '../../../src-renderer/db/station-db'
import { bundledCalendars, mergeCalendars } from '../../../src-renderer/db/calendar-files'
import { loadCalendar } from '../../../src-renderer/db/load-calendar'
import { intakeDueDate } from '../../../src-renderer/db/intake-due-date'
import { intakeTimeline } from '../../../src-renderer/features/intake/intake-timeline'
import { freshDb } from './fixtures'
import { BEFORE_NATIONAL_DAY, decision, intakeRecord } from './intake-record-fixture'

const calendar = mergeCalendars(bundledCalendars(), [])
let db: StationDb | undefined

afterEach(async () => {
  await db?.delete()
  db = undefined
})

describe('the working-day calendar', () => {
  it('comes with the bundled years, and a year the county sent replaces the bundled copy', async () => {
    expect(bundledCalendars().map((file) => file.year)).toEqual(expect.arrayContaining([2026, 2027]))
    expect(calendar.holidays).toContain('2026-10-01')
    expect(calendar.workdays).toContain('2026-10-10')

    const pulled: WorkingDayCalendarFile = { year: 2026, holidays: ['2026-12-24'], workdays: [] }
    const merged = mergeCalendars(bundledCalendars(), [pulled])
    expect(merged.holidays).toContain('2026-12-24')
    expect(merged.holidays).not.toContain('2026-10-01')
    expect(merged.holidays).toContain('2027-01-01')
  })

  it('is read from the pulled table over the bundled files', async () => {
    db = freshDb()
    expect(await loadCalendar(db)).toEqual(calendar)
    await db.calendar.put({ year: 2026, holidays: ['2026-12-24'], workdays: [] })
    const loaded = await loadCalendar(db)
    expect(loaded.holidays).toContain('2026-12-24')
    expect(loaded.holidays).not.toContain('2026-10-01')
  })
})

describe('the due date', () => {
  it('counts working days from the station\u2019s receipt for a 收件即受理 item, skipping the holiday and keeping the make-up day', () => {
    // 09-30 + 5: 10-01..07 off, 10-08 Thu, 10-09 Fri, 10-10 Sat (调休 working day), 10-12 Mon, 10-13 Tue.
    expect(intakeDueDate(intakeRecord(), calendar)).toEqual({
      kind: 'due',
      date: '2026-10-13',
      acceptedOn: '2026-09-30',
      limitDays: 5,
      limitUnit: 'workingDays',
      limitLabel: '5个工作日',
      basis: '自2026-09-30收件即受理起5个工作日',
    })
  })

  it('is the same day for a 即办件', () => {
    const intake = intakeRecord()
    const onTheSpot = intakeRecord({ item: { ...intake.item, handling: '1', promisedLimitDays: 0, acceptOnReceipt: false } })
    expect(intakeDueDate(onTheSpot, calendar)).toMatchObject({ kind: 'due', date: '2026-09-30', basis: '即办件，2026-09-30受理，当日办结' })
  })

  it('waits for the county\u2019s acceptance when the county accepts, then counts from the county\u2019s day', () => {
    const base = intakeRecord()
    const countyAccepts = intakeRecord({ item: { ...base.item, acceptOnReceipt: false } })
    expect(intakeDueDate(countyAccepts, calendar)).toEqual({
      kind: 'notStarted',
      limitDays: 5,
      limitUnit: 'workingDays',
      limitLabel: '5个工作日',
      basis: '县级受理后起算，承诺5个工作日内办结',
    })

    // Accepted 2026-10-08 at 17:30 UTC, which is already 10-09 in China.
    const acceptedAt = '2026-10-08T17:30:00.000Z'
    const accepted = {
      ...countyAccepts,
      decision: decision(
        countyAccepts,
        [
          { status: 'submitted' as const, at: BEFORE_NATIONAL_DAY, by: '玉香' },
          { status: 'accepted' as const, at: acceptedAt, by: '李审核' },
        ],
        { acceptedAt },
      ),
    }
    // 10-09 + 5: 10-10 (Sat, make-up), 10-12, 10-13, 10-14, 10-15.
    expect(intakeDueDate(accepted, calendar)).toMatchObject({ kind: 'due', date: '2026-10-15', acceptedOn: '2026-10-09' })
  })
})

describe('the timeline', () => {
  it('shows an unsent intake as made here and waiting to be sent', () => {
    const events = intakeTimeline(intakeRecord())
    expect(events.map((event) => event.label)).toEqual(['本机登记', '待发送至县级'])
    expect(events[0]).toMatchObject({ at: BEFORE_NATIONAL_DAY, clock: 'device', by: '玉香', note: '办件编号 MHMZ01-20260930-ASC0001' })
  })

  it('lists the county\u2019s decisions with time, operator and note, and what a 补正 asks for', () => {
    const intake = intakeRecord({ syncState: 'synced' })
    const history = [
      { status: 'submitted' as const, at: '2026-09-30T03:00:00.000Z', by: '玉香' },
      { status: 'correctionRequested' as const, at: '2026-10-08T02:00:00.000Z', by: '李审核', note: '户口簿复印件不清晰' },
      { status: 'accepted' as const, at: '2026-10-09T02:00:00.000Z', by: '李审核' },
      { status: 'completed' as const, at: '2026-10-12T02:00:00.000Z', by: '李审核', note: '已参保' },
    ]
    const correction = [{ materialId: 'm2', name: '户口簿', problem: '复印件须清晰完整' }]
    const events = intakeTimeline({ ...intake, decision: decision(intake, history, { correction, result: 'approved' }) })
    expect(events.map((event) => [event.label, event.by, event.note])).toEqual([
      ['本机登记', '玉香', '办件编号 MHMZ01-20260930-ASC0001'],
      ['县级已收件', '玉香', undefined],
      ['要求补正', '李审核', '户口簿复印件不清晰；需补正：户口簿（复印件须清晰完整）'],
      ['已受理', '李审核', undefined],
      ['已办结', '李审核', '办理结果：准予；已参保'],
    ])
    expect(events.slice(1).every((event) => event.clock === 'county')).toBe(true)
  })

  it('says why the county refused the intake', () => {
    const events = intakeTimeline(intakeRecord({ syncState: 'rejected', lastError: { code: 'rejected', message: '事项不在本县事项目录中' } }))
    expect(events.at(-1)).toMatchObject({ label: '县级退回', note: '事项不在本县事项目录中', tone: 'error' })
  })
})
