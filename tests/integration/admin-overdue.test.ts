import type { InjectOptions } from 'fastify'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminIntakeListResponseSchema } from '../../shared/admin'
import { isIntakeOverdue } from '../../shared/intake-overdue'
import { chinaDate } from '../../shared/working-days'
import { intakes } from '../../server/db/schema'
import { bearer, enroll, itemWith, operatorToken, startTestCounty, submitMutation, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'

const targets = await databaseTargets()

describe.each(targets)('county console 超期 filter on $name', (target) => {
  let county: TestCounty
  let token: string
  let stationToken: string
  const inject = (options: InjectOptions) => county.server.app.inject(options)
  const submit = async () => {
    const mutation = submitMutation(
      'MHZ01',
      itemWith((item) => !item.acceptOnReceipt),
    )
    const response = await inject({ method: 'POST', url: '/api/v1/push', headers: bearer(stationToken), payload: { mutations: [mutation] } })
    expect(response.json().results[0].status).toBe('applied')
    return mutation.entityId
  }
  const overdueIds = async (query = '') => {
    const response = await inject({ method: 'GET', url: `/api/v1/admin/intakes?overdue=true${query}`, headers: bearer(token) })
    expect(response.statusCode).toBe(200)
    return adminIntakeListResponseSchema.parse(response.json()).intakes.map((intake) => intake.id)
  }
  const setDue = (id: string, dueDate: string) => county.server.db.update(intakes).set({ dueDate }).where(eq(intakes.id, id))

  beforeAll(async () => {
    county = await startTestCounty(target)
    token = await operatorToken(county.server)
    stationToken = (await enroll(county.server, 'MHZ01')).token
  })
  afterAll(async () => {
    await county?.close()
  })

  it('lists only open intakes whose due date is before today in China', async () => {
    const today = chinaDate(new Date())
    const late = await submit()
    const dueToday = await submit()
    const closed = await submit()
    const noDueDate = await submit()
    const accept = (id: string) =>
      inject({ method: 'POST', url: `/api/v1/admin/intakes/${id}/decision`, headers: bearer(token), payload: { decision: 'accept' } })
    for (const id of [late, dueToday, closed]) expect((await accept(id)).statusCode).toBe(200)
    await setDue(late, '2020-01-02')
    await setDue(dueToday, today)
    await setDue(closed, '2020-01-02')
    const completed = await inject({
      method: 'POST',
      url: `/api/v1/admin/intakes/${closed}/decision`,
      headers: bearer(token),
      payload: { decision: 'complete', result: 'approved' },
    })
    expect(completed.statusCode, completed.body).toBe(200)

    expect(await overdueIds()).toEqual([late])
    expect(await overdueIds('&stationCode=MZZJZ01')).toEqual([])
    const all = await inject({ method: 'GET', url: '/api/v1/admin/intakes?overdue=false', headers: bearer(token) })
    const listed = adminIntakeListResponseSchema.parse(all.json()).intakes
    expect(listed.map((intake) => intake.id)).toEqual(expect.arrayContaining([late, dueToday, closed, noDueDate]))
    // The console's 超期 tag uses the same rule as the filter.
    expect(listed.filter((intake) => isIntakeOverdue({ status: intake.status, dueDate: intake.decision.dueDate }, today)).map((intake) => intake.id)).toEqual([
      late,
    ])

    const bad = await inject({ method: 'GET', url: '/api/v1/admin/intakes?overdue=yes', headers: bearer(token) })
    expect(bad.statusCode).toBe(400)
  })
})
