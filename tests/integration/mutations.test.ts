import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { intakeDecisionSchema, type IntakeDecision } from '../../shared/decision'
import { pullResponseSchema, pushResponseSchema, type MutationInput, type MutationResult, type PullChange } from '../../shared/protocol'
import { addWorkingDays, chinaDate } from '../../shared/working-days'
import { loadCountyCalendar } from '../../server/services/calendar/county-calendar'
import { auditEntries, changes, evaluations, intakes, intakeSupplements, mutations, reports } from '../../server/db/schema'
import {
  bearer,
  enroll,
  onSiteLeadId,
  operatorToken,
  startTestCounty,
  stationItemWith,
  stationMutation,
  submitMutation,
  type TestCounty,
} from './county-fixture'
import { databaseTargets } from './databases'
import { countyKeysOf } from '../../server/at-rest/key-registry'
import { openText } from '../../server/at-rest/personal-fields'

const targets = await databaseTargets({ both: true })

const STATION = 'MHZ01'
const OTHER_STATION = 'MZZJZ01'

describe.each(targets)('station mutations on $name', (target) => {
  let county: TestCounty
  let token: string
  let otherToken: string
  let operator: string
  let cursor = ''
  const inject = (options: InjectOptions) => county.server.app.inject(options)
  const db = () => county.server.db

  const push = (mutationList: unknown[], as = token) =>
    inject({ method: 'POST', url: '/api/v1/push', headers: bearer(as), payload: { mutations: mutationList } })
  const pushOne = async (mutation: MutationInput, as = token): Promise<MutationResult> => {
    const response = await push([mutation], as)
    expect(response.statusCode).toBe(200)
    const [result] = pushResponseSchema.parse(response.json()).results
    return result!
  }
  const decide = async (id: string, body: object) => {
    const response = await inject({ method: 'POST', url: `/api/v1/admin/intakes/${id}/decision`, headers: bearer(operator), payload: body })
    expect(response.statusCode).toBe(200)
  }
  /** The station's pull loop: its decisions after its cursor, which then moves on. */
  const pullDecisions = async (): Promise<IntakeDecision[]> => {
    const all: PullChange[] = []
    for (;;) {
      const response = await inject({ method: 'GET', url: `/api/v1/pull?cursor=${cursor}&limit=500`, headers: bearer(token) })
      const page = pullResponseSchema.parse(response.json())
      all.push(...page.changes)
      cursor = page.cursor
      if (!page.more) return all.filter((change) => change.entity === 'intakeDecision').map((change) => intakeDecisionSchema.parse(change.data))
    }
  }
  const intakeRow = async (id: string) => (await db().select().from(intakes).where(eq(intakes.id, id)))[0]!

  /** A submitted intake of this station: a 即办件 (accepted on receipt) or a 承诺件 that is not 收件即受理 (awaiting the county). */
  const submitted = async (kind: 'onTheSpot' | 'promised', as = token, stationCode = STATION) => {
    // A 即办件 among the station's 进驻事项, so a 首席事务代表 may complete it on the spot.
    const item = await stationItemWith(county.server, stationCode, (candidate) =>
      kind === 'onTheSpot' ? candidate.handling === '1' : candidate.handling === '2' && !candidate.acceptOnReceipt,
    )
    const mutation = submitMutation(stationCode, item)
    expect((await pushOne(mutation, as)).status).toBe('applied')
    return mutation.entityId
  }

  const supplement = (intakeId: string, note?: string) =>
    stationMutation('intake.supplement', intakeId, {
      intakeId,
      materials: [{ materialId: 'M01', name: '户口簿', status: 'provided', form: 'copy', count: 1 }],
      ...(note ? { note } : {}),
      staffName: '岩温',
      createdAt: '2026-11-28T03:00:00.000Z',
    })
  const withdraw = (intakeId: string) =>
    stationMutation('intake.withdraw', intakeId, { intakeId, reason: '申请人决定暂不办理', staffName: '岩温', createdAt: '2026-11-28T03:00:00.000Z' })
  let leadId: string
  const completeOnSite = (intakeId: string, result: 'approved' | 'denied' = 'approved') =>
    stationMutation('intake.completeOnSite', intakeId, {
      intakeId,
      result,
      resultNote: '材料齐全，当场办结',
      leadName: '玉罕',
      staffId: leadId,
      createdAt: '2026-11-28T03:00:00.000Z',
    })
  const evaluation = (intakeId: string, rating: number, changes: Record<string, unknown> = {}) => {
    const id = randomUUID()
    return stationMutation('evaluation.record', id, {
      id,
      intakeId,
      rating,
      source: 'residentOnScreen',
      createdAt: '2026-11-28T03:10:00.000Z',
      // A 差评 names its reason (shared/evaluation.ts badReasonIssue).
      ...(rating >= 4 ? { badReason: 'slow' } : {}),
      ...changes,
    } as Extract<MutationInput, { type: 'evaluation.record' }>['payload'])
  }
  const report = (stationCode = STATION) => {
    const id = randomUUID()
    return stationMutation('report.record', id, {
      id,
      stationCode,
      residentName: '岩罕',
      residentPhone: '139 0881 0002',
      itemId: 'MH0001',
      description: '想办理残疾人两项补贴，本站未进驻该事项，乡镇窗口又说要到县里办',
      staffName: '岩温',
      createdAt: '2026-11-28T04:00:00.000Z',
    })
  }
  const audit = (count = 2) => {
    const id = randomUUID()
    const entries = Array.from({ length: count }, (_, index) => ({
      at: '2026-11-28T04:00:00.000Z',
      actor: '岩温',
      action: 'intake.submit',
      entityId: randomUUID(),
      detail: `第${index + 1}条`,
    }))
    return stationMutation('audit.append', id, { id, entries })
  }
  const counts = async () => ({
    intakes: await db().$count(intakes),
    mutations: await db().$count(mutations),
    changes: await db().$count(changes),
    supplements: await db().$count(intakeSupplements),
    evaluations: await db().$count(evaluations),
    reports: await db().$count(reports),
    audit: await db().$count(auditEntries),
  })

  beforeAll(async () => {
    county = await startTestCounty(target)
    token = (await enroll(county.server, STATION)).token
    otherToken = (await enroll(county.server, OTHER_STATION)).token
    operator = await operatorToken(county.server)
    leadId = await onSiteLeadId(county.server, STATION)
    await pullDecisions()
  })
  afterAll(async () => {
    await county?.close()
  })

  it('takes a supplement after a correction request back to the county, and records 容缺后补 on an open intake', async () => {
    const fresh = await submitted('promised')
    await decide(fresh, { decision: 'requestCorrection', items: [{ name: '户口簿', problem: '复印件不清晰，请重新复印' }] })
    expect((await pushOne(supplement(fresh, '已重新复印'))).status).toBe('applied')
    const afterFresh = await intakeRow(fresh)
    expect(afterFresh.status).toBe('submitted')
    expect(afterFresh.history.at(-1)).toMatchObject({ status: 'submitted', by: '岩温', note: '补交材料：户口簿；已重新复印' })
    const [stored] = await db().select().from(intakeSupplements).where(eq(intakeSupplements.intakeId, fresh))
    expect(stored).toMatchObject({ stationCode: STATION, statusBefore: 'correctionRequested', statusAfter: 'submitted', note: '已重新复印' })
    expect(stored?.materials).toEqual([{ materialId: 'M01', name: '户口簿', status: 'provided', form: 'copy', count: 1, attachments: [] }])
    // The county can accept it now, as after any submission.
    await decide(fresh, { decision: 'accept' })

    const acceptedFirst = await submitted('promised')
    await decide(acceptedFirst, { decision: 'accept' })
    await decide(acceptedFirst, { decision: 'requestCorrection', items: [{ name: '户口簿', problem: '缺少户主页' }] })
    expect((await pushOne(supplement(acceptedFirst))).status).toBe('applied')
    expect((await intakeRow(acceptedFirst)).status).toBe('accepted')

    const deferred = await submitted('onTheSpot')
    expect((await pushOne(supplement(deferred))).status).toBe('applied')
    const afterDeferred = await intakeRow(deferred)
    expect(afterDeferred.status).toBe('accepted')
    expect(afterDeferred.history.map((event) => event.status)).toEqual(['submitted', 'accepted', 'accepted'])

    const pulled = await pullDecisions()
    const last = (id: string) => pulled.filter((decision) => decision.intakeId === id).at(-1)
    expect(last(acceptedFirst)?.status).toBe('accepted')
    expect(last(deferred)?.history.at(-1)?.note).toBe('补交材料：户口簿')
  })

  it('withdraws an open intake once, and refuses a late supplement or withdrawal with a reason', async () => {
    const open = await submitted('promised')
    await decide(open, { decision: 'requestCorrection', items: [{ name: '户口簿', problem: '缺少户主页' }] })
    expect((await pushOne(withdraw(open))).status).toBe('applied')
    const withdrawn = await intakeRow(open)
    expect(withdrawn.status).toBe('withdrawn')
    expect(withdrawn.history.at(-1)).toMatchObject({ status: 'withdrawn', by: '岩温', note: '申请人撤回：申请人决定暂不办理' })
    expect((await pullDecisions()).at(-1)).toMatchObject({ intakeId: open, status: 'withdrawn' })

    const completed = await submitted('promised')
    await decide(completed, { decision: 'accept' })
    await decide(completed, { decision: 'complete', result: 'approved' })
    const refused = await submitted('promised')
    await decide(refused, { decision: 'refuse', reason: '不属于本事项受理范围' })
    const before = await counts()

    const response = await push([supplement(completed), withdraw(completed), supplement(refused), withdraw(refused), withdraw(open), supplement(open)])
    expect(response.statusCode).toBe(200)
    const results = pushResponseSchema.parse(response.json()).results
    expect(results.map((result) => [result.status, result.error?.code, result.error?.message])).toEqual([
      ['rejected', 'rejected', '该办件已办结，不能再补交材料；如需办理请重新申请'],
      ['rejected', 'rejected', '该办件已办结，不能再撤回；如对结果有异议，请联系县政务服务管理局'],
      ['rejected', 'rejected', '该办件已不予受理，不能再补交材料；如需办理请重新申请'],
      ['rejected', 'rejected', '该办件已不予受理，不能再撤回；如对结果有异议，请联系县政务服务管理局'],
      ['rejected', 'rejected', '该办件已撤回，无需再次撤回'],
      ['rejected', 'rejected', '该办件已撤回，不能再补交材料；如需办理请重新申请'],
    ])
    expect(await counts()).toEqual(before)
    expect((await intakeRow(completed)).status).toBe('completed')
  })

  it('completes a 即办件 on the spot, and only a 即办件', async () => {
    const onTheSpot = await submitted('onTheSpot')
    const acceptedAt = (await intakeRow(onTheSpot)).acceptedAt
    const pushedAt = Date.now()
    expect((await pushOne(completeOnSite(onTheSpot, 'denied'))).status).toBe('applied')
    const row = await intakeRow(onTheSpot)
    expect(row).toMatchObject({ status: 'completed', result: 'denied', resultNote: '材料齐全，当场办结', acceptedAt })
    expect(Math.abs(row.completedAt!.getTime() - pushedAt)).toBeLessThan(30_000)
    expect(row.history.at(-1)).toMatchObject({ status: 'completed', by: '玉罕', note: '首席事务代表当场办结：不予；材料齐全，当场办结' })
    const decision = (await pullDecisions()).at(-1)
    expect(decision).toMatchObject({ intakeId: onTheSpot, status: 'completed', result: 'denied', completedAt: row.completedAt!.toISOString() })

    const again = await pushOne(completeOnSite(onTheSpot))
    expect(again.error).toEqual({ code: 'rejected', message: '该办件已办结，不能再当场办结' })
    const late = await pushOne(supplement(onTheSpot))
    expect(late.error?.message).toBe('该办件已办结，不能再补交材料；如需办理请重新申请')

    const promised = await submitted('promised')
    const refused = await pushOne(completeOnSite(promised))
    expect(refused).toMatchObject({ status: 'rejected', error: { code: 'rejected', message: expect.stringContaining('只有即办件可以当场办结') } })
    expect((await intakeRow(promised)).status).toBe('submitted')
  })

  it('keeps one evaluation per intake and marks a 差评 for follow-up in 15 working days', async () => {
    const good = await submitted('onTheSpot')
    const first = evaluation(good, 1, { comment: '办事很快' })
    expect((await pushOne(first)).status).toBe('applied')
    const [stored] = await db().select().from(evaluations).where(eq(evaluations.intakeId, good))
    expect(stored).toMatchObject({ id: first.entityId, rating: 1, comment: '办事很快', source: 'residentOnScreen', followUpStatus: null, followUpDue: null })

    const second = await pushOne(evaluation(good, 5))
    expect(second).toEqual({ id: expect.any(String), status: 'rejected', error: { code: 'conflict', message: '该办件已评价，每件只能评价一次' } })

    const bad = await submitted('promised')
    const ratedAt = new Date()
    expect((await pushOne(evaluation(bad, 4, { source: 'paperForm', enteredBy: '岩温', paperFormNo: 'PJ-2026-0001', comment: '跑了两趟' }))).status).toBe(
      'applied',
    )
    const [followUp] = await db().select().from(evaluations).where(eq(evaluations.intakeId, bad))
    expect(followUp).toMatchObject({ rating: 4, source: 'paperForm', enteredBy: '岩温', followUpStatus: 'pendingRectification' })
    expect(followUp?.followUpDue).toBe(addWorkingDays(chinaDate(ratedAt), 15, await loadCountyCalendar(db())))

    const unknown = await pushOne(evaluation(randomUUID(), 2))
    expect(unknown).toMatchObject({ status: 'rejected', error: { code: 'not_found', message: expect.stringContaining('请先同步该办件') } })
  })

  it('keeps one of two concurrent evaluations of an intake', async () => {
    const intakeId = await submitted('onTheSpot')
    const responses = await Promise.all([push([evaluation(intakeId, 1)]), push([evaluation(intakeId, 5)])])
    const results = responses.map((response) => pushResponseSchema.parse(response.json()).results[0]!)
    expect(results.map((result) => result.status).sort()).toEqual(['applied', 'rejected'])
    expect(results.find((result) => result.status === 'rejected')?.error?.code).toBe('conflict')
    expect(await db().$count(evaluations, eq(evaluations.intakeId, intakeId))).toBe(1)
  })

  it('stores a 办不成事 report as 待处理 and the station audit trail', async () => {
    const mutation = report()
    expect((await pushOne(mutation)).status).toBe('applied')
    const [stored] = await db().select().from(reports).where(eq(reports.id, mutation.entityId))
    expect(stored).toMatchObject({
      stationCode: STATION,
      residentName: '岩罕',
      residentPhone: expect.stringMatching(/^enc1:/),
      itemId: 'MH0001',
      status: 'pending',
      staffName: '岩温',
    })
    // Sealed at rest (server/at-rest), plain again for the county's services.
    expect(openText(countyKeysOf(db()), stored!.residentPhone)).toBe('13908810002')

    const lines = audit(3)
    expect((await pushOne(lines)).status).toBe('applied')
    const storedLines = await db().select().from(auditEntries).where(eq(auditEntries.batchId, lines.entityId))
    expect(storedLines.map((line) => [line.position, line.stationCode, line.actor, line.detail])).toEqual([
      [0, STATION, '岩温', '第1条'],
      [1, STATION, '岩温', '第2条'],
      [2, STATION, '岩温', '第3条'],
    ])
    const resent = await pushOne({ ...lines, id: randomUUID() })
    expect(resent).toMatchObject({ status: 'rejected', error: { code: 'conflict' } })
    expect(await db().$count(auditEntries, eq(auditEntries.batchId, lines.entityId))).toBe(3)

    const reusedReport = await pushOne({ ...mutation, id: randomUUID() })
    expect(reusedReport).toMatchObject({ status: 'rejected', error: { code: 'conflict' } })
  })

  it('applies every type once: a second delivery is a duplicate, a changed payload a conflict', async () => {
    const intakeId = await submitted('onTheSpot')
    const sent: MutationInput[] = [supplement(intakeId), evaluation(intakeId, 2), report(), audit(), completeOnSite(intakeId)]
    const withdrawable = await submitted('promised')
    sent.push(withdraw(withdrawable))
    const first = pushResponseSchema.parse((await push(sent)).json()).results
    expect(first.map((result) => result.status)).toEqual(sent.map(() => 'applied'))
    const before = await counts()

    const again = pushResponseSchema.parse((await push(sent)).json()).results
    expect(again.map((result) => result.status)).toEqual(sent.map(() => 'duplicate'))
    expect(await counts()).toEqual(before)

    const changed = sent.map((mutation) => ({ ...mutation, payload: { ...mutation.payload, createdAt: '2026-11-29T00:00:00.000Z' } }))
    const conflicts = pushResponseSchema.parse((await push(changed)).json()).results
    expect(conflicts.map((result) => [result.status, result.error?.code])).toEqual(sent.map(() => ['rejected', 'conflict']))
    expect(await counts()).toEqual(before)
  })

  it('applies a supplement in the same batch as the intake it follows', async () => {
    const item = await stationItemWith(county.server, STATION, (candidate) => candidate.handling === '1')
    const submit = submitMutation(STATION, item)
    const results = pushResponseSchema.parse((await push([submit, supplement(submit.entityId), completeOnSite(submit.entityId)])).json()).results
    expect(results.map((result) => result.status)).toEqual(['applied', 'applied', 'applied'])
    expect((await intakeRow(submit.entityId)).status).toBe('completed')
  })

  it('refuses with 403 any mutation about another station, storing nothing of the batch', async () => {
    const foreign = await submitted('onTheSpot', otherToken, OTHER_STATION)
    const own = supplement(await submitted('onTheSpot'))
    const attempts: [MutationInput, string][] = [
      [supplement(foreign), 'payload.intakeId'],
      [withdraw(foreign), 'payload.intakeId'],
      [completeOnSite(foreign), 'payload.intakeId'],
      [evaluation(foreign, 1), 'payload.intakeId'],
      [report(OTHER_STATION), 'payload.stationCode'],
    ]
    for (const [attempt, path] of attempts) {
      const before = await counts()
      const response = await push([own, attempt])
      expect(response.statusCode, attempt.type).toBe(403)
      expect(response.json().error, attempt.type).toMatchObject({
        code: 'forbidden',
        path: `mutations.1.${path}`,
        message: expect.stringContaining(OTHER_STATION),
      })
      expect(await counts(), attempt.type).toEqual(before)
    }
    expect((await intakeRow(foreign)).status).toBe('accepted')
  })

  it('documents every mutation type in the OpenAPI push body', async () => {
    const document = (await inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, { post?: { requestBody?: unknown } }> }
    const pushBody = JSON.stringify(document.paths['/api/v1/push']?.post?.requestBody)
    for (const type of [
      'intake.submit',
      'intake.supplement',
      'intake.withdraw',
      'intake.completeOnSite',
      'evaluation.record',
      'report.record',
      'audit.append',
    ]) {
      expect(pushBody, type).toContain(`"${type}"`)
    }
  })

  it('answers malformed mutations with 400 and the path of the bad field, never 5xx', async () => {
    const intakeId = await submitted('onTheSpot')
    const before = await counts()
    const cases: [unknown, string][] = [
      [{ ...supplement(intakeId), payload: { ...supplement(intakeId).payload, materials: [] } }, 'mutations.0.payload.materials'],
      [{ ...withdraw(intakeId), payload: { ...withdraw(intakeId).payload, reason: ' ' } }, 'mutations.0.payload.reason'],
      [{ ...completeOnSite(intakeId), payload: { ...completeOnSite(intakeId).payload, result: 'maybe' } }, 'mutations.0.payload.result'],
      [evaluation(intakeId, 6), 'mutations.0.payload.rating'],
      [evaluation(intakeId, 2.5), 'mutations.0.payload.rating'],
      [evaluation(intakeId, '1' as unknown as number), 'mutations.0.payload.rating'],
      [evaluation(intakeId, 1e300), 'mutations.0.payload.rating'],
      [evaluation(intakeId, 2, { comment: '慢'.repeat(501) }), 'mutations.0.payload.comment'],
      [evaluation(intakeId, 2, { source: 'paperForm' }), 'mutations.0.payload.enteredBy'],
      [{ ...report(), payload: { ...report().payload, residentPhone: '12345' } }, 'mutations.0.payload.residentPhone'],
      [{ ...report(), payload: { ...report().payload, description: '长'.repeat(2001) } }, 'mutations.0.payload.description'],
      [{ ...report(), payload: { ...report().payload, description: 'x'.repeat(4 * 1024 * 1024) } }, 'mutations.0.payload.description'],
      [{ ...audit(), payload: { ...audit().payload, entries: [] } }, 'mutations.0.payload.entries'],
      [audit(501), 'mutations.0.payload.entries'],
      [{ ...audit(), payload: { ...audit().payload, entries: {} } }, 'mutations.0.payload.entries'],
      [{ ...audit(), payload: 'everything' }, 'mutations.0.payload'],
      [{ ...supplement(intakeId), entityId: randomUUID() }, 'mutations.0.entityId'],
      [{ ...evaluation(intakeId, 1), entityId: intakeId }, 'mutations.0.entityId'],
      [{ ...withdraw(intakeId), type: 'intake.cancel' }, 'mutations.0.type'],
    ]
    for (const [mutation, path] of cases) {
      const response = await push([mutation])
      expect(response.statusCode, path).toBe(400)
      expect(response.json().error, path).toMatchObject({ code: 'bad_request', path, message: expect.any(String) })
    }
    expect(await counts()).toEqual(before)
  })
})
