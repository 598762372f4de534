import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addWorkingDays } from '../../shared/working-days'
import { countyDueDate, loadCountyCalendar } from '../../server/services/calendar/county-calendar'
import { decideIntake } from '../../server/services/intake/intake-decision-service'
import { bearer, enroll, itemWith, startTestCounty, submitMutation, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'

const targets = await databaseTargets()
const operator = { username: 'admin', displayName: '县级管理员', role: 'countyAdmin' } as const

describe.each(targets)('county due dates follow the published working-day calendar on $name', (target) => {
  let county: TestCounty
  beforeAll(async () => {
    county = await startTestCounty(target)
  })
  afterAll(async () => {
    await county?.close()
  })

  it('skips the National Day holiday and counts the make-up Saturday', async () => {
    // 2026-09-30 (China) + 3 working days: Oct 1–7 are off, Saturday Oct 10 is a 调休 working day.
    expect(await countyDueDate(county.server.db, new Date('2026-09-30T02:00:00Z'), 3)).toBe('2026-10-10')
    // Without the calendar the same count would land inside the holiday.
    expect(addWorkingDays('2026-09-30', 3)).toBe('2026-10-05')
    const calendar = await loadCountyCalendar(county.server.db)
    expect(calendar.holidays).toContain('2027-01-01')
  })

  it("sets an accepted intake's due date from the calendar", async () => {
    const item = itemWith((candidate) => candidate.status === 'active' && !candidate.acceptOnReceipt && candidate.promisedLimitDays >= 3)
    const { token } = await enroll(county.server, 'MHZ01')
    const mutation = submitMutation('MHZ01', item)
    const pushed = await county.server.app.inject({ method: 'POST', url: '/api/v1/push', headers: bearer(token), payload: { mutations: [mutation] } })
    expect(pushed.statusCode).toBe(200)

    const decision = await decideIntake(county.server.db, operator, mutation.entityId, { decision: 'accept' }, new Date('2026-09-30T02:00:00Z'))
    const calendar = await loadCountyCalendar(county.server.db)
    expect(decision.dueDate).toBe(addWorkingDays('2026-09-30', item.promisedLimitDays, calendar))
    expect(decision.dueDate! > '2026-10-07').toBe(true)
  })
})
