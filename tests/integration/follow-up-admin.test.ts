import { randomUUID } from 'node:crypto'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminEvaluationListResponseSchema, adminReportListResponseSchema } from '../../shared/follow-up-admin'
import { pushResponseSchema, type MutationInput } from '../../shared/protocol'
import { bearer, enroll, itemWith, operatorToken, startTestCounty, stationMutation, submitMutation, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'

const targets = await databaseTargets()

const STATION = 'MHZ01'
const OTHER_STATION = 'MZZJZ01'

describe.each(targets)('the console reads 好差评 and 办不成事 reports on $name', (target) => {
  let county: TestCounty
  let token: string
  let otherToken: string
  let operator: string
  const inject = (options: InjectOptions) => county.server.app.inject(options)

  const pushAll = async (mutations: MutationInput[], as: string) => {
    const response = await inject({ method: 'POST', url: '/api/v1/push', headers: bearer(as), payload: { mutations } })
    expect(response.statusCode).toBe(200)
    expect(pushResponseSchema.parse(response.json()).results.map((result) => result.status)).toEqual(mutations.map(() => 'applied'))
  }
  const evaluation = (intakeId: string, rating: number, changes: Record<string, unknown> = {}) => {
    const id = randomUUID()
    return stationMutation('evaluation.record', id, {
      id,
      intakeId,
      rating,
      source: 'residentOnScreen',
      createdAt: '2026-11-28T03:10:00.000Z',
      ...(rating >= 4 ? { badReason: 'attitude' } : {}),
      ...changes,
    })
  }
  const report = (stationCode: string, residentName: string) => {
    const id = randomUUID()
    return stationMutation('report.record', id, {
      id,
      stationCode,
      residentName,
      residentPhone: '0691-5123456',
      description: '想办的事：残疾人两项补贴\n遇到的问题：本站未进驻该事项',
      staffName: '岩温',
      createdAt: '2026-11-28T04:00:00.000Z',
    })
  }

  beforeAll(async () => {
    county = await startTestCounty(target)
    token = (await enroll(county.server, STATION)).token
    otherToken = (await enroll(county.server, OTHER_STATION)).token
    operator = await operatorToken(county.server)
  })

  afterAll(async () => {
    await county?.close()
  })

  it('lists evaluations with their intake number, paper form number and follow-up, by station and by intake', async () => {
    const item = itemWith((candidate) => candidate.handling === '1')
    const onScreen = submitMutation(STATION, item)
    const onPaper = submitMutation(STATION, item)
    const elsewhere = submitMutation(OTHER_STATION, item)
    await pushAll([onScreen, onPaper], token)
    await pushAll([elsewhere], otherToken)
    const good = evaluation(onScreen.entityId, 1, { comment: '很快' })
    const bad = evaluation(onPaper.entityId, 5, { source: 'paperForm', enteredBy: '玉香', paperFormNo: 'PJ-0007' })
    await pushAll([good, bad], token)
    await pushAll([evaluation(elsewhere.entityId, 2)], otherToken)

    const response = await inject({ method: 'GET', url: `/api/v1/admin/evaluations?stationCode=${STATION}`, headers: bearer(operator) })
    expect(response.statusCode).toBe(200)
    const { evaluations } = adminEvaluationListResponseSchema.parse(response.json())
    expect(evaluations.map((row) => row.id).sort()).toEqual([good.entityId, bad.entityId].sort())
    const byId = new Map(evaluations.map((row) => [row.id, row]))
    expect(byId.get(good.entityId)).toMatchObject({
      intakeNo: onScreen.payload.intakeNo,
      rating: 1,
      comment: '很快',
      source: 'residentOnScreen',
      enteredBy: null,
      paperFormNo: null,
      followUpStatus: null,
    })
    expect(byId.get(bad.entityId)).toMatchObject({
      rating: 5,
      badReason: 'attitude',
      source: 'paperForm',
      enteredBy: '玉香',
      paperFormNo: 'PJ-0007',
      followUpStatus: 'pendingRectification',
    })
    expect(byId.get(bad.entityId)?.followUpDue).toMatch(/^\d{4}-\d{2}-\d{2}$/)

    const one = await inject({ method: 'GET', url: `/api/v1/admin/evaluations?intakeId=${elsewhere.entityId}`, headers: bearer(operator) })
    expect(adminEvaluationListResponseSchema.parse(one.json()).evaluations).toMatchObject([{ stationCode: OTHER_STATION, rating: 2 }])
  })

  it('lists reports by station', async () => {
    const mine = report(STATION, '岩罕')
    await pushAll([mine], token)
    await pushAll([report(OTHER_STATION, '玉儿')], otherToken)
    const response = await inject({ method: 'GET', url: `/api/v1/admin/reports?stationCode=${STATION}`, headers: bearer(operator) })
    expect(response.statusCode).toBe(200)
    expect(adminReportListResponseSchema.parse(response.json()).reports).toMatchObject([
      { id: mine.entityId, stationCode: STATION, residentName: '岩罕', residentPhone: '0691-5123456', itemId: null, status: 'pending', staffName: '岩温' },
    ])
    const all = adminReportListResponseSchema.parse((await inject({ method: 'GET', url: '/api/v1/admin/reports', headers: bearer(operator) })).json())
    expect(all.reports.map((row) => row.residentName).sort()).toEqual(['岩罕', '玉儿'])
  })

  it('answers only an operator, and refuses a bad filter', async () => {
    expect((await inject({ method: 'GET', url: '/api/v1/admin/evaluations' })).statusCode).toBe(401)
    expect((await inject({ method: 'GET', url: '/api/v1/admin/reports', headers: bearer(token) })).statusCode).toBe(401)
    const bad = await inject({ method: 'GET', url: '/api/v1/admin/evaluations?intakeId=abc', headers: bearer(operator) })
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toMatchObject({ error: { code: 'bad_request', path: 'intakeId' } })
  })
})
