import { randomBytes } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminIntakeResponseSchema } from '../../shared/admin'
import type { ServiceItem } from '../../shared/catalog'
import { intakeDecisionSchema, type IntakeDecision } from '../../shared/decision'
import type { IntakeMaterial } from '../../shared/intake'
import { pullResponseSchema, pushResponseSchema, type MutationInput, type MutationResult, type PullChange } from '../../shared/protocol'
import { stationStaffSchema } from '../../shared/staff'
import { addWorkingDays, chinaDate } from '../../shared/working-days'
import { catalogItems, devices, intakes, mutations } from '../../server/db/schema'
import { findIntake } from '../../server/repositories/intake-repository'
import { loadCountyCalendar } from '../../server/services/calendar/county-calendar'
import {
  bearer,
  enroll,
  ID_NUMBER,
  itemWith,
  onSiteLeadId,
  operatorToken,
  startTestCounty,
  stationItemWith,
  stationMutation,
  submitMutation,
  type TestCounty,
} from './county-fixture'
import { databaseTargets } from './databases'

const targets = await databaseTargets()

const STATION = 'MHZ01'
const DAY_MS = 86_400_000

/**
 * Issue 9's lifecycle rules, against the real county: acceptance at the station's receipt,
 * no 受理 with a required material missing, 当场办结 only for 进驻事项 by a 首席事务代表,
 * the station's hand-over (站点领取), 终止办理 of an overdue 容缺, and the progress lookup page.
 */
describe.each(targets)('the lifecycle rules of issue 9 on $name', (target) => {
  let county: TestCounty
  let token: string
  let operator: string
  let leadId: string
  let cursor = ''
  const inject = (options: InjectOptions) => county.server.app.inject(options)
  const db = () => county.server.db

  const push = (list: MutationInput[]) => inject({ method: 'POST', url: '/api/v1/push', headers: bearer(token), payload: { mutations: list } })
  const pushOne = async (mutation: MutationInput): Promise<MutationResult> => {
    const response = await push([mutation])
    expect(response.statusCode).toBe(200)
    return pushResponseSchema.parse(response.json()).results[0]!
  }
  const decide = (id: string, body: object) => inject({ method: 'POST', url: `/api/v1/admin/intakes/${id}/decision`, headers: bearer(operator), payload: body })
  const pullAll = async (): Promise<PullChange[]> => {
    const all: PullChange[] = []
    for (;;) {
      const page = pullResponseSchema.parse((await inject({ method: 'GET', url: `/api/v1/pull?cursor=${cursor}&limit=500`, headers: bearer(token) })).json())
      all.push(...page.changes)
      cursor = page.cursor
      if (!page.more) return all
    }
  }
  const lastDecision = async (intakeId: string): Promise<IntakeDecision | undefined> =>
    (await pullAll())
      .filter((change) => change.entity === 'intakeDecision' && change.id === intakeId)
      .map((change) => intakeDecisionSchema.parse(change.data))
      .at(-1)
  const intakeRow = async (id: string) => (await db().select().from(intakes).where(eq(intakes.id, id)))[0]!

  const material = (item: ServiceItem, index: number, changes: Partial<IntakeMaterial>): IntakeMaterial => ({
    materialId: item.materials[index]!.id,
    name: item.materials[index]!.name,
    status: 'provided',
    attachments: [],
    ...changes,
  })
  /** Every material of the item brought, except those the test sets otherwise. */
  const materialsOf = (item: ServiceItem, overrides: Record<number, Partial<IntakeMaterial>> = {}) =>
    item.materials.map((_, index) => material(item, index, overrides[index] ?? {}))
  const submit = async (item: ServiceItem, changes: Parameters<typeof submitMutation>[2] = {}) => {
    const mutation = submitMutation(STATION, item, { materials: materialsOf(item), ...changes })
    expect(await pushOne(mutation)).toMatchObject({ status: 'applied' })
    return mutation.entityId
  }
  const completeOnSite = (intakeId: string, staffId?: string) =>
    stationMutation('intake.completeOnSite', intakeId, {
      intakeId,
      result: 'approved',
      leadName: '赵伟',
      ...(staffId ? { staffId } : {}),
      createdAt: new Date().toISOString(),
    })
  /** A 即办件 among the station's 进驻事项 (not the one this file turned into a 承诺件). */
  const onSiteItem = () => stationItemWith(county.server, STATION, (candidate) => candidate.handling === '1' && candidate.id !== acceptOnReceiptItem.id)
  const handOver = (intakeId: string) =>
    stationMutation('intake.handOver', intakeId, {
      intakeId,
      recipientName: '岩罕',
      recipientIdNumber: ID_NUMBER,
      recipientIsApplicant: false,
      relationship: '儿子',
      handedOverAt: new Date().toISOString(),
      staffName: '李琼',
      createdAt: new Date().toISOString(),
    })

  /** A 收件即受理 item with a limit of working days, so the due date shows where it counts from. */
  let acceptOnReceiptItem: ServiceItem
  let promisedItem: ServiceItem

  beforeAll(async () => {
    county = await startTestCounty(target)
    const enrolled = await enroll(county.server, STATION)
    token = enrolled.token
    operator = await operatorToken(county.server)
    leadId = await onSiteLeadId(county.server, STATION)
    // The device was enrolled well before the offline days the tests replay.
    await db()
      .update(devices)
      .set({ createdAt: new Date(Date.now() - 30 * DAY_MS) })
      .where(eq(devices.id, enrolled.deviceId))
    // The starter catalog's 收件即受理 items are all 0-day 即办件: make one a 5-day 承诺件 for the due date.
    const base = itemWith((item) => item.acceptOnReceipt && item.materials.some((m) => m.necessity === 'required'))
    acceptOnReceiptItem = { ...base, handling: '2', promisedLimitDays: 5 }
    await db()
      .update(catalogItems)
      .set({ data: sql`jsonb_set(jsonb_set(${catalogItems.data}, '{promisedLimitDays}', '5'), '{handling}', '"2"')` })
      .where(eq(catalogItems.id, base.id))
    promisedItem = itemWith((item) => item.handling === '2' && !item.acceptOnReceipt && item.materials.some((m) => m.necessity === 'deferrable'))
    await pullAll()
  })

  afterAll(async () => {
    await county?.close()
  })

  it('accepts a 收件即受理 intake taken offline three days ago as of that day, and counts its due date from it', async () => {
    const receivedAt = new Date(Date.now() - 3 * DAY_MS)
    // The device's clock ran 90 s slow; the county corrects by the offset it measured.
    const clockOffsetMs = 90_000
    const id = await submit(acceptOnReceiptItem, { receivedAt: receivedAt.toISOString(), clockOffsetMs })
    const acceptedAt = new Date(receivedAt.getTime() + clockOffsetMs)
    const dueDate = addWorkingDays(chinaDate(acceptedAt), 5, await loadCountyCalendar(db()))

    const row = await intakeRow(id)
    expect(row).toMatchObject({ status: 'accepted', acceptedAt, stationReceivedAt: acceptedAt, dueDate })
    expect(row.receivedAt.getTime()).toBeGreaterThan(acceptedAt.getTime())
    expect(await lastDecision(id)).toMatchObject({ status: 'accepted', acceptedAt: acceptedAt.toISOString(), dueDate })
    const detail = adminIntakeResponseSchema.parse((await inject({ method: 'GET', url: `/api/v1/admin/intakes/${id}`, headers: bearer(operator) })).json())
    expect(detail.intake.decision).toMatchObject({ acceptedAt: acceptedAt.toISOString(), stationReceivedAt: acceptedAt.toISOString(), dueDate })
  })

  it('never dates an acceptance after the county received it, nor before the device was enrolled', async () => {
    const future = await submit(acceptOnReceiptItem, { receivedAt: new Date(Date.now() + 5 * DAY_MS).toISOString(), clockOffsetMs: 0 })
    const ahead = await intakeRow(future)
    expect(ahead.acceptedAt).toEqual(ahead.receivedAt)

    const ancient = await submit(acceptOnReceiptItem, { receivedAt: '2020-01-01T00:00:00.000Z', clockOffsetMs: 0 })
    const [device] = await db().select().from(devices)
    expect((await intakeRow(ancient)).acceptedAt).toEqual(device!.createdAt)
  })

  it('never accepts an intake with a required material 缺少, on receipt or by decision, until it is supplied', async () => {
    const required = acceptOnReceiptItem.materials.findIndex((m) => m.necessity === 'required')
    const id = await submit(acceptOnReceiptItem, {
      receivedAt: new Date().toISOString(),
      clockOffsetMs: 0,
      materials: materialsOf(acceptOnReceiptItem, { [required]: { status: 'missing', form: undefined } }),
    })
    const row = await intakeRow(id)
    expect(row).toMatchObject({ status: 'submitted', acceptedAt: null, dueDate: null })
    expect(row.history[0]?.note).toContain(acceptOnReceiptItem.materials[required]!.name)

    const refused = await decide(id, { decision: 'accept' })
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error.message).toContain(`缺少“${acceptOnReceiptItem.materials[required]!.name}”，不能受理`)
    expect((await intakeRow(id)).status).toBe('submitted')

    const brought = stationMutation('intake.supplement', id, {
      intakeId: id,
      materials: [material(acceptOnReceiptItem, required, { form: 'copy', count: 1 })],
      staffName: '李琼',
      createdAt: new Date().toISOString(),
    })
    expect(await pushOne(brought)).toMatchObject({ status: 'applied' })
    expect((await decide(id, { decision: 'accept' })).statusCode).toBe(200)
    expect((await intakeRow(id)).status).toBe('accepted')
  })

  it('refuses 当场办结 outside the station’s 进驻事项, without the 首席事务代表 authorisation, or with no account named', async () => {
    const item = await onSiteItem()
    const inside = await submit(item)
    const clerk = (await inject({ method: 'GET', url: `/api/v1/admin/stations/${STATION}/staff`, headers: bearer(operator) }))
      .json()
      .staff.find((staff: { role: string }) => staff.role === 'clerk')
    expect(await pushOne(completeOnSite(inside, clerk.id))).toMatchObject({
      status: 'rejected',
      error: { code: 'rejected', message: expect.stringContaining('只有县级授权的首席事务代表可以当场办结') },
    })
    expect(await pushOne(completeOnSite(inside))).toMatchObject({ status: 'rejected', error: { message: expect.stringContaining('首席事务代表') } })
    expect((await intakeRow(inside)).status).toBe('accepted')

    // The county takes the item off the station's list: the same lead may no longer complete it here.
    const outside = await submit(item)
    const others = (await inject({ method: 'GET', url: `/api/v1/admin/stations/${STATION}/items`, headers: bearer(operator) })).json()
    const remaining = (others.itemIds as string[]).filter((itemId) => itemId !== item.id)
    expect(
      (await inject({ method: 'POST', url: `/api/v1/admin/stations/${STATION}/items`, headers: bearer(operator), payload: { itemIds: remaining } })).statusCode,
    ).toBe(200)
    expect(await pushOne(completeOnSite(outside, leadId))).toMatchObject({
      status: 'rejected',
      error: { code: 'rejected', message: `“${item.name}”不是本站的进驻事项，不能当场办结；请报县级办理` },
    })
    expect((await intakeRow(outside)).status).toBe('accepted')
    expect(
      (await inject({ method: 'POST', url: `/api/v1/admin/stations/${STATION}/items`, headers: bearer(operator), payload: { itemIds: others.itemIds } }))
        .statusCode,
    ).toBe(200)

    expect(await pushOne(completeOnSite(inside, leadId))).toMatchObject({ status: 'applied' })
    expect(await intakeRow(inside)).toMatchObject({ status: 'completed', deliveryMethod: 'station' })
    expect(await pushOne(handOver(inside))).toMatchObject({ status: 'applied' })
    expect((await intakeRow(inside)).status).toBe('delivered')
  })

  it('records the station’s hand-over after 站点领取 as 已送达, and refuses it before 办结 or for a county delivery', async () => {
    const id = await submit(promisedItem)
    expect(await pushOne(handOver(id))).toMatchObject({
      status: 'rejected',
      error: { code: 'rejected', message: '该办件尚未办结，不能登记出件；请在县级办结（站点领取）或当场办结后再登记' },
    })
    expect((await decide(id, { decision: 'accept' })).statusCode).toBe(200)
    expect((await decide(id, { decision: 'complete', result: 'approved', deliveryMethod: 'station' })).statusCode).toBe(200)
    const countyDelivery = await decide(id, { decision: 'deliver', method: 'pickup' })
    expect(countyDelivery.statusCode).toBe(409)
    expect(countyDelivery.json().error.message).toContain('站点领取')

    const before = Date.now()
    const recorded = handOver(id)
    expect(await pushOne(recorded)).toMatchObject({ status: 'applied' })
    // The recipient's ID number is sealed at rest (server/at-rest); services read it in plain text.
    expect(JSON.stringify((await intakeRow(id)).handOver)).not.toContain(ID_NUMBER)
    const row = (await findIntake(db(), id))!
    expect(row).toMatchObject({ status: 'delivered', handOver: recorded.payload })
    expect(row.deliveredAt!.getTime()).toBeGreaterThanOrEqual(before - 1000)
    expect(await lastDecision(id)).toMatchObject({
      status: 'delivered',
      deliveryMethod: 'station',
      handOver: recorded.payload,
      deliveredAt: row.deliveredAt!.toISOString(),
    })
    expect(await pushOne(handOver(id))).toMatchObject({ status: 'rejected', error: { message: '该办件已送达，无需再次登记出件' } })

    const posted = await submit(promisedItem)
    await decide(posted, { decision: 'accept' })
    await decide(posted, { decision: 'complete', result: 'approved', deliveryMethod: 'post' })
    expect(await pushOne(handOver(posted))).toMatchObject({ status: 'rejected', error: { message: expect.stringContaining('非站点领取') } })
  })

  it('ends an intake whose 容缺 deadline passed unmet (终止办理), and refuses before the deadline or once supplied', async () => {
    const deferrable = promisedItem.materials.findIndex((m) => m.necessity === 'deferrable')
    const today = chinaDate(new Date())
    const deferredUntil = (dueDate: string) =>
      submit(promisedItem, { materials: materialsOf(promisedItem, { [deferrable]: { status: 'deferred', dueDate, form: undefined } }) })
    const terminate = (id: string) => decide(id, { decision: 'terminate', reason: '容缺材料未在补交期限内补交' })

    const notYet = await deferredUntil(today)
    const early = await terminate(notYet)
    expect(early.statusCode).toBe(409)
    expect(early.json().error.message).toContain('尚未超过补交期限')

    const supplied = await deferredUntil('2026-01-05')
    const brought = stationMutation('intake.supplement', supplied, {
      intakeId: supplied,
      materials: [material(promisedItem, deferrable, { form: 'original', count: 1 })],
      staffName: '李琼',
      createdAt: new Date().toISOString(),
    })
    expect(await pushOne(brought)).toMatchObject({ status: 'applied' })
    expect((await terminate(supplied)).statusCode).toBe(409)

    const overdue = await deferredUntil('2026-01-05')
    expect((await terminate(overdue)).statusCode).toBe(200)
    expect(await lastDecision(overdue)).toMatchObject({ status: 'terminated', terminationReason: '容缺材料未在补交期限内补交' })
    const late = stationMutation('intake.supplement', overdue, { ...brought.payload, intakeId: overdue })
    expect(await pushOne(late)).toMatchObject({ status: 'rejected', error: { message: '该办件已终止办理，不能再补交材料；如需办理请重新申请' } })
  })

  it('shows the progress page for the key only, with no name, ID or phone, and a neutral page otherwise', async () => {
    const key = randomBytes(32).toString('base64url')
    const sent = submitMutation(STATION, promisedItem, { materials: materialsOf(promisedItem), lookupKey: key })
    expect(await pushOne(sent)).toMatchObject({ status: 'applied' })
    // Stored without the key, the intake is still the same payload to the duplicate guard.
    expect(await pushOne(sent)).toMatchObject({ status: 'duplicate' })
    const id = sent.entityId
    const personal = ['玉香', ID_NUMBER, '13908810001', '曼真村']

    for (const url of ['/q', '/q/', `/q/${randomBytes(32).toString('base64url')}`, '/q/not-a-key']) {
      const page = await inject({ method: 'GET', url })
      expect(page.statusCode, url).toBe(200)
      expect(page.body, url).toContain('未找到对应的办件')
      for (const value of personal) expect(page.body, url).not.toContain(value)
    }

    const page = await inject({ method: 'GET', url: `/q/${key}` })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toContain('text/html')
    expect(page.headers['content-security-policy']).toMatch(/^default-src 'none'/)
    expect(page.headers['referrer-policy']).toBe('no-referrer')
    expect(page.body).toContain(promisedItem.name)
    expect(page.body).toContain('待受理')
    for (const value of personal) expect(page.body).not.toContain(value)
    expect(page.body).not.toMatch(/<script|https?:\/\//)

    // The county keeps the key's hash only: nowhere in the intake or the mutation log.
    const [stored] = await db().select().from(intakes).where(eq(intakes.id, id))
    expect(JSON.stringify(stored)).not.toContain(key)
    expect(JSON.stringify(await db().select().from(mutations).where(eq(mutations.entityId, id)))).not.toContain(key)

    expect((await decide(id, { decision: 'accept' })).statusCode).toBe(200)
    expect((await inject({ method: 'GET', url: `/q/${key}` })).body).toContain('已受理')
  })

  it('lets an administrator grant the 首席事务代表 authorisation, which reaches the station by pull', async () => {
    const created = await inject({
      method: 'POST',
      url: `/api/v1/admin/stations/${STATION}/staff`,
      headers: bearer(operator),
      payload: { username: 'yanbian', displayName: '岩扁', role: 'lead', password: 'station-lead-1' },
    })
    expect(created.statusCode).toBe(200)
    const staffId = created.json().id as string
    expect(created.json().onSiteAuthority).toBe(false)
    const item = await onSiteItem()
    const first = await submit(item)
    expect(await pushOne(completeOnSite(first, staffId))).toMatchObject({ status: 'rejected' })

    const granted = await inject({
      method: 'POST',
      url: `/api/v1/admin/stations/${STATION}/staff/${staffId}`,
      headers: bearer(operator),
      payload: { onSiteAuthority: true },
    })
    expect(granted.statusCode).toBe(200)
    expect(granted.json().onSiteAuthority).toBe(true)
    const pulled = (await pullAll())
      .filter((change) => change.entity === 'staff' && change.id === staffId)
      .map((change) => stationStaffSchema.parse(change.data))
    expect(pulled.at(-1)).toMatchObject({ username: 'yanbian', onSiteAuthority: true })
    expect(await pushOne(completeOnSite(first, staffId))).toMatchObject({ status: 'applied' })
  })
})
