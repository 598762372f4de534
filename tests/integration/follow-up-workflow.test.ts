import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginResponseSchema } from '../../shared/admin'
import { adminEvaluationListResponseSchema, adminEvaluationSchema, adminReportListResponseSchema, adminReportSchema } from '../../shared/follow-up-admin'
import { pullResponseSchema, pushResponseSchema, type MutationInput } from '../../shared/protocol'
import { DEMO_REVIEWER_PASSWORD } from '../../server/config'
import { DEMO_REVIEWER } from '../../server/seed/demo-stations'
import { bearer, enroll, itemWith, operatorToken, startTestCounty, stationItemWith, stationMutation, submitMutation, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'

const targets = await databaseTargets()

const STATION = 'MHZ01'
const OTHER_STATION = 'MZZJZ01'
const callBack = (satisfied: boolean) => ({
  calledAt: '2026-11-30T08:00:00.000Z',
  calledBy: '李四',
  residentResponse: satisfied ? '满意' : '仍不满意',
  satisfied,
})

describe.each(targets)('差评 and 办不成事 follow-up through the console API on $name', (target) => {
  let county: TestCounty
  let token: string
  let otherToken: string
  let operator: string
  const inject = (options: InjectOptions) => county.server.app.inject(options)

  const pushAll = async (mutations: MutationInput[], as: string) => {
    const response = await inject({ method: 'POST', url: '/api/v1/push', headers: bearer(as), payload: { mutations } })
    expect(pushResponseSchema.parse(response.json()).results.map((result) => result.status)).toEqual(mutations.map(() => 'applied'))
  }
  const rated = async (rating: number, department?: { is: string } | { isNot: string }): Promise<string> => {
    const ofDepartment = (name: string) => (department === undefined ? true : 'is' in department ? name === department.is : name !== department.isNot)
    // Among the station's 进驻事项: the county refuses an intake for any other item.
    const intake = submitMutation(
      STATION,
      await stationItemWith(county.server, STATION, (candidate) => candidate.handling === '1' && ofDepartment(candidate.department)),
    )
    const id = randomUUID()
    await pushAll(
      [
        intake,
        stationMutation('evaluation.record', id, {
          id,
          intakeId: intake.entityId,
          rating,
          source: 'residentOnScreen',
          createdAt: '2026-11-28T03:10:00.000Z',
          ...(rating >= 4 ? { badReason: 'repeatedVisits' as const } : {}),
        }),
      ],
      token,
    )
    return id
  }
  const reported = async (itemId?: string): Promise<string> => {
    const id = randomUUID()
    await pushAll(
      [
        stationMutation('report.record', id, {
          id,
          ...(itemId ? { itemId } : {}),
          stationCode: STATION,
          residentName: '岩罕',
          residentPhone: '0691-5123456',
          description: '想办的事：残疾人两项补贴\n遇到的问题：本站未进驻该事项',
          staffName: '岩温',
          createdAt: '2026-11-28T04:00:00.000Z',
        }),
      ],
      token,
    )
    return id
  }
  const evaluationStep = (id: string, body: unknown, as = operator) =>
    inject({ method: 'POST', url: `/api/v1/admin/evaluations/${id}/follow-up`, headers: bearer(as), payload: body as object })
  const reportStep = (id: string, body: unknown, as = operator) =>
    inject({ method: 'POST', url: `/api/v1/admin/reports/${id}/follow-up`, headers: bearer(as), payload: body as object })
  const evaluationsWhere = async (query: string, as = operator) => {
    const response = await inject({ method: 'GET', url: `/api/v1/admin/evaluations?${query}`, headers: bearer(as) })
    expect(response.statusCode).toBe(200)
    return adminEvaluationListResponseSchema.parse(response.json()).evaluations.map((row) => row.id)
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

  it('takes a 差评 through 整改中 and a call-back to 已整改, with who and when for every step', async () => {
    const id = await rated(5)
    const started = await evaluationStep(id, { action: 'startRectification', note: '约谈窗口人员' })
    expect(started.statusCode).toBe(200)
    expect(adminEvaluationSchema.parse(started.json())).toMatchObject({
      followUpStatus: 'rectifying',
      followUpHistory: [{ action: 'startRectification', note: '约谈窗口人员' }],
    })

    const early = await evaluationStep(id, { action: 'completeRectification', note: '已整改' })
    expect(early.statusCode).toBe(409)
    expect(early.json()).toMatchObject({ error: { code: 'conflict', message: '标记已整改前须回访群众，并登记回访时间、回访人和群众反馈' } })

    expect((await evaluationStep(id, { action: 'recordCallBack', callBack: callBack(false) })).statusCode).toBe(200)
    expect((await evaluationStep(id, { action: 'completeRectification', note: '已整改' })).statusCode).toBe(409)
    expect((await evaluationStep(id, { action: 'recordCallBack', note: '第二次回访', callBack: callBack(true) })).statusCode).toBe(200)
    const done = await evaluationStep(id, { action: 'completeRectification', note: '已调整窗口排班' })
    expect(done.statusCode).toBe(200)
    const evaluation = adminEvaluationSchema.parse(done.json())
    expect(evaluation.followUpStatus).toBe('rectified')
    expect(evaluation.followUpHistory.map((step) => [step.action, step.statusAfter])).toEqual([
      ['startRectification', 'rectifying'],
      ['recordCallBack', 'rectifying'],
      ['recordCallBack', 'rectifying'],
      ['completeRectification', 'rectified'],
    ])
    for (const step of evaluation.followUpHistory) {
      expect(step.by).toBeTruthy()
      expect(Date.parse(step.at)).not.toBeNaN()
    }
    expect(evaluation.followUpHistory[2]?.callBack).toEqual(callBack(true))

    const afterEnd = await evaluationStep(id, { action: 'markUnrectifiable', note: '反悔' })
    expect(afterEnd.statusCode).toBe(409)
    expect(afterEnd.json()).toMatchObject({ error: { message: '该差评当前为“已整改”，不能执行“无法整改”' } })
    expect(await evaluationsWhere(`followUpStatus=rectified&stationCode=${STATION}`)).toEqual([id])
  })

  it('ends a 差评 as 无法整改 with its reason, and refuses a step on a good rating', async () => {
    const bad = await rated(4)
    const ended = await evaluationStep(bad, { action: 'markUnrectifiable', note: '政策不允许' })
    expect(adminEvaluationSchema.parse(ended.json())).toMatchObject({ followUpStatus: 'unrectifiable', followUpOverdue: false })
    const good = await rated(1)
    const refused = await evaluationStep(good, { action: 'startRectification', note: '误操作' })
    expect(refused.statusCode).toBe(409)
    expect(refused.json()).toMatchObject({ error: { message: '该评价不是差评，无需整改' } })
    expect(await evaluationsWhere('rating=1')).toEqual([good])
  })

  it('filters open 差评 past their due date', async () => {
    const late = await rated(5)
    const onTime = await rated(5)
    await county.server.db.execute(sql`UPDATE evaluations SET follow_up_due = '2026-01-05' WHERE id = ${late}`)
    expect(await evaluationsWhere('overdue=true')).toEqual([late])
    const notOverdue = await evaluationsWhere('overdue=false')
    expect(notOverdue).toContain(onTime)
    expect(notOverdue).not.toContain(late)
    const listed = adminEvaluationListResponseSchema.parse(
      (await inject({ method: 'GET', url: `/api/v1/admin/evaluations?overdue=true`, headers: bearer(operator) })).json(),
    )
    expect(listed.evaluations[0]?.followUpOverdue).toBe(true)
  })

  it('answers 404, 400 and 401 as the contract says', async () => {
    const unknown = await evaluationStep(randomUUID(), { action: 'startRectification', note: '无' })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toMatchObject({ error: { code: 'not_found', message: '未找到该评价，可能编号有误' } })
    expect((await reportStep(randomUUID(), { action: 'accept', note: '无' })).statusCode).toBe(404)

    const id = await rated(5)
    const noNote = await evaluationStep(id, { action: 'startRectification' })
    expect(noNote.statusCode).toBe(400)
    expect(noNote.json()).toMatchObject({ error: { code: 'bad_request', path: 'note', message: '请填写本步说明' } })
    expect((await evaluationStep(id, { action: 'approve', note: '无' })).statusCode).toBe(400)
    expect((await evaluationStep('not-a-uuid', { action: 'startRectification', note: '无' })).statusCode).toBe(400)
    expect((await inject({ method: 'GET', url: '/api/v1/admin/evaluations?overdue=yes', headers: bearer(operator) })).statusCode).toBe(400)
    // A device token is not an operator's.
    expect((await evaluationStep(id, { action: 'startRectification', note: '无' }, token)).statusCode).toBe(401)
    expect((await inject({ method: 'GET', url: '/api/v1/admin/dashboard' })).statusCode).toBe(401)
  })

  it('resolves a report with a reply to the resident, and its station pulls each step', async () => {
    const { cursor } = pullResponseSchema.parse((await inject({ method: 'GET', url: '/api/v1/pull?limit=1000', headers: bearer(token) })).json())
    const id = await reported()
    const tooEarly = await reportStep(id, { action: 'resolve', note: '办结', reply: '已办好' })
    expect(tooEarly.statusCode).toBe(409)
    expect(tooEarly.json()).toMatchObject({ error: { message: '该反映当前为“待受理”，不能执行“已解决”' } })
    expect((await reportStep(id, { action: 'accept', note: '转县残联' })).statusCode).toBe(200)
    expect((await reportStep(id, { action: 'startHandling', note: '残联办理中' })).statusCode).toBe(200)
    const noReply = await reportStep(id, { action: 'resolve', note: '办结' })
    expect(noReply.statusCode).toBe(400)
    expect(noReply.json()).toMatchObject({ error: { path: 'reply' } })
    const resolved = adminReportSchema.parse((await reportStep(id, { action: 'resolve', note: '办结', reply: '补贴已发放，请查收' })).json())
    expect(resolved).toMatchObject({ status: 'resolved', reply: '补贴已发放，请查收' })
    expect(resolved.history.map((step) => step.statusAfter)).toEqual(['accepted', 'inProgress', 'resolved'])

    const listed = adminReportListResponseSchema.parse(
      (await inject({ method: 'GET', url: '/api/v1/admin/reports?status=resolved', headers: bearer(operator) })).json(),
    )
    expect(listed.reports.map((report) => report.id)).toEqual([id])

    const pulled = pullResponseSchema.parse((await inject({ method: 'GET', url: `/api/v1/pull?cursor=${cursor}&limit=1000`, headers: bearer(token) })).json())
    const followUps = pulled.changes.filter((change) => change.entity === 'reportFollowUp')
    expect(followUps.map((change) => (change.entity === 'reportFollowUp' ? change.data.status : null))).toEqual(['accepted', 'inProgress', 'resolved'])
    expect(followUps.at(-1)).toMatchObject({ id, data: { reportId: id, reply: '补贴已发放，请查收' } })

    const other = pullResponseSchema.parse((await inject({ method: 'GET', url: '/api/v1/pull?limit=1000', headers: bearer(otherToken) })).json())
    expect(other.changes.filter((change) => change.entity === 'reportFollowUp')).toEqual([])
  })

  it('lets a department reviewer see and follow up only what concerns their department', async () => {
    const login = await inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: DEMO_REVIEWER.username, password: DEMO_REVIEWER_PASSWORD } })
    const reviewer = loginResponseSchema.parse(login.json()).token
    const mine = await rated(5, { is: DEMO_REVIEWER.department })
    const theirs = await rated(5, { isNot: DEMO_REVIEWER.department })
    const seen = await evaluationsWhere('rating=5', reviewer)
    expect(seen).toContain(mine)
    expect(seen).not.toContain(theirs)
    const refused = await evaluationStep(theirs, { action: 'startRectification', note: '越权' }, reviewer)
    expect(refused.statusCode).toBe(403)
    expect(refused.json()).toMatchObject({ error: { code: 'forbidden', message: '该评价所属办件的事项不属于您所在部门，无权处理' } })
    expect((await evaluationStep(mine, { action: 'startRectification', note: '本部门整改' }, reviewer)).statusCode).toBe(200)

    const departmentItem = itemWith((candidate) => candidate.department === DEMO_REVIEWER.department)
    const concerning = await reported(departmentItem.id)
    const unnamed = await reported()
    const reports = adminReportListResponseSchema.parse(
      (await inject({ method: 'GET', url: '/api/v1/admin/reports', headers: bearer(reviewer) })).json(),
    ).reports
    expect(reports.map((report) => report.id)).toContain(concerning)
    expect(reports.map((report) => report.id)).not.toContain(unnamed)
    expect((await reportStep(unnamed, { action: 'accept', note: '越权' }, reviewer)).statusCode).toBe(403)
    expect((await reportStep(concerning, { action: 'accept', note: '本部门受理' }, reviewer)).statusCode).toBe(200)
  })
})
