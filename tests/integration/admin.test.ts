import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminIntakeListResponseSchema, adminIntakeResponseSchema, loginResponseSchema } from '../../shared/admin'
import { intakeDecisionSchema, type IntakeDecision } from '../../shared/decision'
import { pullResponseSchema, type PullChange } from '../../shared/protocol'
import { addWorkingDays, chinaDate } from '../../shared/working-days'
import { loadCountyCalendar } from '../../server/services/calendar/county-calendar'
import { bearer, enroll, itemWith, startTestCounty, submitMutation, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'

const targets = await databaseTargets()

describe.each(targets)('county console decisions on $name', (target) => {
  let county: TestCounty
  let operatorToken: string
  let stationToken: string
  let cursor = ''
  const inject = (options: InjectOptions) => county.server.app.inject(options)
  const decide = (id: string, body: object, token = operatorToken) =>
    inject({ method: 'POST', url: `/api/v1/admin/intakes/${id}/decision`, headers: bearer(token), payload: body })

  /** The station's pull loop: everything after its cursor, which then moves on. */
  const stationPull = async (): Promise<PullChange[]> => {
    const all: PullChange[] = []
    for (;;) {
      const response = await inject({ method: 'GET', url: `/api/v1/pull?cursor=${cursor}&limit=50`, headers: bearer(stationToken) })
      const page = pullResponseSchema.parse(response.json())
      all.push(...page.changes)
      cursor = page.cursor
      if (!page.more) return all
    }
  }
  const submit = async (acceptOnReceipt: boolean) => {
    const mutation = submitMutation(
      'MHZ01',
      itemWith((item) => item.acceptOnReceipt === acceptOnReceipt),
    )
    const response = await inject({ method: 'POST', url: '/api/v1/push', headers: bearer(stationToken), payload: { mutations: [mutation] } })
    expect(response.json().results[0].status).toBe('applied')
    return mutation
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

  it('lists and shows intakes with the payload as received and the decision', async () => {
    const mutation = await submit(false)
    const list = await inject({ method: 'GET', url: '/api/v1/admin/intakes?stationCode=MHZ01&status=submitted', headers: bearer(operatorToken) })
    expect(list.statusCode).toBe(200)
    const { intakes } = adminIntakeListResponseSchema.parse(list.json())
    const listed = intakes.find((intake) => intake.id === mutation.entityId)
    expect(listed).toMatchObject({ intakeNo: mutation.payload.intakeNo, stationCode: 'MHZ01', status: 'submitted', decision: { status: 'submitted' } })
    expect(listed?.payload).toMatchObject({ staffName: '岩温', item: { id: mutation.payload.item.id } })

    const accepted = await inject({ method: 'GET', url: '/api/v1/admin/intakes?status=accepted&stationCode=MHZ01', headers: bearer(operatorToken) })
    expect(adminIntakeListResponseSchema.parse(accepted.json()).intakes.some((intake) => intake.id === mutation.entityId)).toBe(false)
    const elsewhere = await inject({ method: 'GET', url: '/api/v1/admin/intakes?stationCode=MZZJZ01', headers: bearer(operatorToken) })
    expect(adminIntakeListResponseSchema.parse(elsewhere.json()).intakes).toEqual([])

    const one = await inject({ method: 'GET', url: `/api/v1/admin/intakes/${mutation.entityId}`, headers: bearer(operatorToken) })
    expect(one.statusCode).toBe(200)
    expect(adminIntakeResponseSchema.parse(one.json()).intake.id).toBe(mutation.entityId)

    const missing = await inject({ method: 'GET', url: '/api/v1/admin/intakes/00000000-0000-4000-8000-000000000000', headers: bearer(operatorToken) })
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error.code).toBe('not_found')

    expect((await inject({ method: 'GET', url: '/api/v1/admin/intakes' })).statusCode).toBe(401)
  })

  it('takes an intake through correction, acceptance, completion and delivery; the station pulls each', async () => {
    const mutation = await submit(false)
    const item = itemWith((candidate) => !candidate.acceptOnReceipt)
    await stationPull()

    const tooEarly = await decide(mutation.entityId, { decision: 'complete', result: 'approved' })
    expect(tooEarly.statusCode).toBe(409)
    expect(tooEarly.json()).toEqual({ error: { code: 'conflict', message: '办件当前状态为“待受理”，不能执行“办结”' } })

    const noItems = await decide(mutation.entityId, { decision: 'requestCorrection', items: [] })
    expect(noItems.statusCode).toBe(400)
    expect(noItems.json().error).toEqual({ code: 'bad_request', message: '请至少列出一项需补正的材料', path: 'items' })
    expect(await stationPull()).toEqual([])

    const correction = await decide(mutation.entityId, {
      decision: 'requestCorrection',
      items: [{ name: '户口簿', problem: '复印件不清晰，请重新复印' }],
      note: '请一次补齐',
    })
    expect(correction.statusCode).toBe(200)
    expect(intakeDecisionSchema.parse(correction.json())).toMatchObject({ status: 'correctionRequested', correction: [{ name: '户口簿' }] })
    const correctionPulled = await stationPull()
    expect(correctionPulled.map((change) => [change.entity, change.id])).toEqual([['intakeDecision', mutation.entityId]])
    expect(correctionPulled[0]?.data).toMatchObject({ status: 'correctionRequested' })

    const accept = await decide(mutation.entityId, { decision: 'accept' })
    expect(accept.statusCode).toBe(200)
    const accepted = intakeDecisionSchema.parse(accept.json())
    expect(accepted.status).toBe('accepted')
    expect(accepted.dueDate).toBe(addWorkingDays(chinaDate(new Date(accepted.acceptedAt!)), item.promisedLimitDays, await loadCountyCalendar(county.server.db)))
    const acceptPulled = await stationPull()
    expect(acceptPulled).toHaveLength(1)
    expect(acceptPulled[0]).toMatchObject({ entity: 'intakeDecision', op: 'put', id: mutation.entityId })
    expect(intakeDecisionSchema.parse(acceptPulled[0]?.data)).toEqual(accepted)

    const complete = await decide(mutation.entityId, { decision: 'complete', result: 'approved', resultNote: '准予发放' })
    expect(intakeDecisionSchema.parse(complete.json())).toMatchObject({ status: 'completed', result: 'approved', resultNote: '准予发放' })
    const deliver = await decide(mutation.entityId, { decision: 'deliver', method: 'pickup' })
    const delivered: IntakeDecision = intakeDecisionSchema.parse(deliver.json())
    expect(delivered.status).toBe('delivered')
    expect(delivered.deliveryMethod).toBe('pickup')
    expect(delivered.history.map((event) => event.status)).toEqual(['submitted', 'correctionRequested', 'accepted', 'completed', 'delivered'])
    expect(delivered.history[1]).toMatchObject({ by: '县政务服务管理局管理员', note: '请一次补齐' })

    const pulled = await stationPull()
    expect(pulled.map((change) => (change.data as IntakeDecision).status)).toEqual(['completed', 'delivered'])

    const again = await decide(mutation.entityId, { decision: 'deliver', method: 'post' })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('conflict')
  })

  it('refuses with a reason, and never lets a station token decide', async () => {
    const mutation = await submit(false)
    expect((await decide(mutation.entityId, { decision: 'accept' }, stationToken)).statusCode).toBe(401)
    const missingReason = await decide(mutation.entityId, { decision: 'refuse', reason: '  ' })
    expect(missingReason.statusCode).toBe(400)
    expect(missingReason.json().error.path).toBe('reason')

    const refuse = await decide(mutation.entityId, { decision: 'refuse', reason: '不属于本县受理范围' })
    expect(intakeDecisionSchema.parse(refuse.json())).toMatchObject({ status: 'refused', refusalReason: '不属于本县受理范围' })
    const accept = await decide(mutation.entityId, { decision: 'accept' })
    expect(accept.statusCode).toBe(409)
    expect(accept.json().error.message).toBe('办件当前状态为“不予受理”，不能执行“受理”')
  })

  it('completes an item that was accepted on receipt', async () => {
    const mutation = await submit(true)
    await stationPull()
    const accept = await decide(mutation.entityId, { decision: 'accept' })
    expect(accept.statusCode).toBe(409)
    const complete = await decide(mutation.entityId, { decision: 'complete', result: 'denied' })
    expect(complete.statusCode).toBe(200)
    expect((await stationPull()).map((change) => (change.data as IntakeDecision).status)).toEqual(['completed'])
  })
})
