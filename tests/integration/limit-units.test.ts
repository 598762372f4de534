import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminIntakeResponseSchema, loginResponseSchema } from '../../shared/admin'
import { intakeDecisionSchema } from '../../shared/decision'
import { pullResponseSchema, type PullChange } from '../../shared/protocol'
import { chinaDate } from '../../shared/working-days'
import { decideIntake } from '../../server/services/intake/intake-decision-service'
import { bearer, enroll, itemWith, startTestCounty, submitMutation, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'

const targets = await databaseTargets()
const DAY_MS = 86_400_000
const operator = { username: 'admin', displayName: '县级管理员', role: 'countyAdmin' } as const

/** N calendar days after a China date, by plain date arithmetic (not the code under test). */
const plusDays = (isoDate: string, days: number) => new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)

describe.each(targets)('limits in 自然日 on $name', (target) => {
  let county: TestCounty
  let operatorToken: string
  let stationToken: string
  let cursor = ''
  const inject = (options: InjectOptions) => county.server.app.inject(options)
  // 居民身份证申领: 60 days in 居民身份证法, calendar days; a 承诺件 the county accepts.
  const idCard = itemWith((item) => item.name === '居民身份证申领')

  const push = async (mutation: ReturnType<typeof submitMutation>) => {
    const response = await inject({ method: 'POST', url: '/api/v1/push', headers: bearer(stationToken), payload: { mutations: [mutation] } })
    expect(response.json().results[0].status, response.body).toBe('applied')
  }
  const stationPull = async (): Promise<PullChange[]> => {
    const all: PullChange[] = []
    for (;;) {
      const response = await inject({ method: 'GET', url: `/api/v1/pull?cursor=${cursor}&limit=200`, headers: bearer(stationToken) })
      const page = pullResponseSchema.parse(response.json())
      all.push(...page.changes)
      cursor = page.cursor
      if (!page.more) return all
    }
  }

  beforeAll(async () => {
    county = await startTestCounty(target)
    const login = await inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: 'admin', password: 'menghai2026' } })
    operatorToken = loginResponseSchema.parse(login.json()).token
    stationToken = (await enroll(county.server, 'MHZ01')).token
    await stationPull()
  })
  afterAll(async () => {
    await county?.close()
  })

  it('a 60-自然日 limit gives a due date 60 calendar days after acceptance, at the county and at the station', async () => {
    expect(idCard).toMatchObject({ handling: '2', acceptOnReceipt: false, promisedLimitDays: 60, limitUnit: 'calendarDays' })
    // An older station sends no unit: the county's catalog decides it.
    const mutation = submitMutation('MHZ01', idCard)
    await push(mutation)

    const accept = await inject({
      method: 'POST',
      url: `/api/v1/admin/intakes/${mutation.entityId}/decision`,
      headers: bearer(operatorToken),
      payload: { decision: 'accept' },
    })
    expect(accept.statusCode, accept.body).toBe(200)
    const accepted = intakeDecisionSchema.parse(accept.json())
    const acceptedOn = chinaDate(new Date(accepted.acceptedAt!))
    expect(accepted.dueDate).toBe(plusDays(acceptedOn, 60))

    const pulled = (await stationPull()).filter((change) => change.entity === 'intakeDecision' && change.id === mutation.entityId)
    expect(pulled.at(-1)?.data).toMatchObject({ status: 'accepted', dueDate: plusDays(acceptedOn, 60) })

    const shown = await inject({ method: 'GET', url: `/api/v1/admin/intakes/${mutation.entityId}`, headers: bearer(operatorToken) })
    expect(adminIntakeResponseSchema.parse(shown.json()).intake).toMatchObject({ limitUnit: 'calendarDays', decision: { dueDate: plusDays(acceptedOn, 60) } })
  })

  it('counts every day over the National Day holiday, where working days would not', async () => {
    const mutation = submitMutation('MHZ01', idCard)
    await push(mutation)
    const decision = await decideIntake(county.server.db, operator, mutation.entityId, { decision: 'accept' }, new Date('2026-09-30T02:00:00Z'))
    expect(decision.dueDate).toBe('2026-11-29')
  })

  it('keeps counting a working-day item in working days', async () => {
    const item = itemWith(
      (candidate) => candidate.handling === '2' && !candidate.acceptOnReceipt && candidate.limitUnit === 'workingDays' && candidate.promisedLimitDays >= 3,
    )
    const mutation = submitMutation('MHZ01', item)
    await push(mutation)
    const decision = await decideIntake(county.server.db, operator, mutation.entityId, { decision: 'accept' }, new Date('2026-09-30T02:00:00Z'))
    // The holiday (10-01…10-07) is skipped: a working-day count lands later than the calendar-day one.
    expect(decision.dueDate! > plusDays('2026-09-30', item.promisedLimitDays)).toBe(true)
  })
})
