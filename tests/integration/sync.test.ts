import { eq } from 'drizzle-orm'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { intakeDecisionSchema } from '../../shared/decision'
import { pullResponseSchema, pushResponseSchema, type PullChange, type PullResponse } from '../../shared/protocol'
import { addWorkingDays, chinaDate } from '../../shared/working-days'
import { loadCountyCalendar } from '../../server/services/calendar/county-calendar'
import { changes, intakes, mutations } from '../../server/db/schema'
import { findIntake } from '../../server/repositories/intake-repository'
import { bearer, enroll, ID_NUMBER, itemWith, starterCatalog, startTestCounty, submitMutation, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'

const targets = await databaseTargets({ both: true })

describe.each(targets)('station sync on $name', (target) => {
  let county: TestCounty
  let village: { token: string; stationCode: string }
  let otherVillage: { token: string; stationCode: string }
  const inject = (options: InjectOptions) => county.server.app.inject(options)
  const db = () => county.server.db

  const pull = async (token: string, cursor: string, limit: number): Promise<PullResponse> => {
    const response = await inject({ method: 'GET', url: `/api/v1/pull?cursor=${cursor}&limit=${limit}`, headers: bearer(token) })
    expect(response.statusCode).toBe(200)
    return pullResponseSchema.parse(response.json())
  }
  const pullAll = async (token: string, from = '', limit = 1000): Promise<{ changes: PullChange[]; cursor: string; pages: number }> => {
    const all: PullChange[] = []
    let cursor = from
    let pages = 0
    for (;;) {
      const page = await pull(token, cursor, limit)
      pages++
      all.push(...page.changes)
      cursor = page.cursor
      if (!page.more) return { changes: all, cursor, pages }
    }
  }
  const push = async (token: string, body: unknown) => inject({ method: 'POST', url: '/api/v1/push', headers: bearer(token), payload: body as object })
  const counts = async () => ({ intakes: await db().$count(intakes), mutations: await db().$count(mutations), changes: await db().$count(changes) })

  beforeAll(async () => {
    county = await startTestCounty(target)
    village = { token: (await enroll(county.server, 'MHZMZ01')).token, stationCode: 'MHZMZ01' }
    otherVillage = { token: (await enroll(county.server, 'MZZJZ01')).token, stationCode: 'MZZJZ01' }
  })
  afterAll(async () => {
    await county?.close()
  })

  it('pulls the catalog and its own station record, page by page in sequence order', async () => {
    const catalog = starterCatalog()
    const whole = await pull(village.token, '', 1000)
    expect(whole.more).toBe(false)
    const catalogChanges = whole.changes.filter((change) => change.entity === 'catalogItem')
    expect(catalogChanges.map((change) => change.id).sort()).toEqual(catalog.map((item) => item.id).sort())
    const stationChanges = whole.changes.filter((change) => change.entity === 'station')
    expect(stationChanges).toHaveLength(1)
    expect(stationChanges[0]).toMatchObject({ op: 'put', id: 'MHZMZ01', data: { code: 'MHZMZ01', township: '勐海镇', kind: 'villageStation' } })
    // The station record names the station's 进驻事项, the same list its stationItems change carries.
    const stationItems = whole.changes.filter((change) => change.entity === 'stationItems')
    expect(stationItems).toHaveLength(1)
    expect((stationChanges[0]?.data as { itemIds: string[] }).itemIds).toEqual((stationItems[0]?.data as { itemIds: string[] }).itemIds)

    const paged = await pullAll(village.token, '', 2)
    // One row of look-ahead: `more` is false on the last full page, no empty page follows.
    expect(paged.pages).toBe(Math.ceil(whole.changes.length / 2))
    expect(paged.changes).toEqual(whole.changes)
    const seqs = paged.changes.map((change) => change.seq)
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
    expect(new Set(seqs).size).toBe(seqs.length)
    expect(paged.cursor).toBe(String(seqs.at(-1)))

    const firstPage = await pull(village.token, '0', 2)
    expect(firstPage.changes).toEqual(whole.changes.slice(0, 2))
    expect(firstPage.more).toBe(whole.changes.length > 2)
    const farCursor = await inject({ method: 'GET', url: '/api/v1/pull?cursor=99999999999999999999', headers: bearer(village.token) })
    expect(farCursor.statusCode).toBe(400)
    expect(farCursor.json().error.path).toBe('cursor')
    const caughtUp = await pull(village.token, paged.cursor, 10)
    expect(caughtUp).toEqual({ changes: [], cursor: paged.cursor, more: false })
  })

  it('applies intake.submit once: a second delivery is a duplicate, a changed payload a conflict', async () => {
    const before = await pullAll(village.token)
    const item = itemWith((candidate) => !candidate.acceptOnReceipt)
    const mutation = submitMutation(village.stationCode, item)

    const first = await push(village.token, { mutations: [mutation] })
    expect(first.statusCode).toBe(200)
    expect(pushResponseSchema.parse(first.json())).toEqual({ results: [{ id: mutation.id, status: 'applied' }] })

    const [row] = await db().select().from(intakes).where(eq(intakes.id, mutation.entityId))
    expect(row).toMatchObject({
      stationCode: 'MHZMZ01',
      intakeNo: mutation.payload.intakeNo,
      status: 'submitted',
      itemId: item.id,
      acceptedAt: null,
      dueDate: null,
    })
    // The table holds the ID number sealed (server/at-rest); the repository gives it back in plain text.
    expect(row?.payload).toMatchObject({ applicant: { idNumber: expect.stringMatching(/^enc1:/), name: '玉香' } })
    expect((await findIntake(db(), mutation.entityId))?.payload).toMatchObject({ applicant: { idNumber: ID_NUMBER, name: '玉香' } })

    const second = await push(village.token, { mutations: [mutation] })
    expect(second.json()).toEqual({ results: [{ id: mutation.id, status: 'duplicate' }] })
    expect(await db().$count(intakes, eq(intakes.id, mutation.entityId))).toBe(1)
    expect(await db().$count(mutations, eq(mutations.id, mutation.id))).toBe(1)

    const changed = { ...mutation, payload: { ...mutation.payload, note: '改过的备注' } }
    const third = await push(village.token, { mutations: [changed] })
    expect(third.statusCode).toBe(200)
    expect(third.json()).toEqual({
      results: [{ id: mutation.id, status: 'rejected', error: { code: 'conflict', message: expect.stringContaining('以先收到的为准') } }],
    })
    const [kept] = await db().select().from(intakes).where(eq(intakes.id, mutation.entityId))
    expect((kept?.payload as { note?: string }).note).toBeUndefined()

    // The intake as sent (for the station's other devices), then its first decision: once each.
    const after = await pullAll(village.token, before.cursor)
    expect(after.changes.map((change) => change.entity)).toEqual(['intake', 'intakeDecision'])
    expect(after.changes[0]).toMatchObject({ op: 'put', id: mutation.entityId, data: mutation.payload })
    const decision = after.changes[1]
    expect(decision).toMatchObject({ entity: 'intakeDecision', op: 'put', id: mutation.entityId })
    expect(intakeDecisionSchema.parse(decision?.data)).toMatchObject({ intakeId: mutation.entityId, status: 'submitted', intakeNo: mutation.payload.intakeNo })

    // Another station never sees this station's decisions.
    const other = await pullAll(otherVillage.token)
    expect(other.changes.some((change) => change.id === mutation.entityId)).toBe(false)
  })

  it('applies one of two concurrent deliveries of the same mutation', async () => {
    const mutation = submitMutation(
      village.stationCode,
      itemWith(() => true),
    )
    const responses = await Promise.all([push(village.token, { mutations: [mutation] }), push(village.token, { mutations: [mutation] })])
    expect(responses.map((response) => response.json().results[0].status).sort()).toEqual(['applied', 'duplicate'])
    expect(await db().$count(intakes, eq(intakes.id, mutation.entityId))).toBe(1)
    expect(await db().$count(changes, eq(changes.entityId, mutation.entityId))).toBe(2)
  })

  it('rejects an intake already submitted under another mutation id, and a reused intake number', async () => {
    const item = itemWith((candidate) => !candidate.acceptOnReceipt)
    const original = submitMutation(village.stationCode, item)
    expect((await push(village.token, { mutations: [original] })).json().results[0].status).toBe('applied')

    const sameIntake = { ...submitMutation(village.stationCode, item), entityId: original.entityId }
    sameIntake.payload = { ...original.payload }
    const sameNo = submitMutation(village.stationCode, item, { intakeNo: original.payload.intakeNo })
    const unknownItem = submitMutation(village.stationCode, { ...item, id: 'NOSUCHITEM01' })
    const good = submitMutation(village.stationCode, item)
    const before = await counts()

    const response = await push(village.token, { mutations: [sameIntake, sameNo, unknownItem, good] })
    expect(response.statusCode).toBe(200)
    const { results } = pushResponseSchema.parse(response.json())
    expect(results.map((result) => [result.id, result.status, result.error?.code])).toEqual([
      [sameIntake.id, 'rejected', 'conflict'],
      [sameNo.id, 'rejected', 'conflict'],
      [unknownItem.id, 'rejected', 'rejected'],
      [good.id, 'applied', undefined],
    ])
    expect(results[2]?.error?.message).toContain('不在本县事项目录中')
    // The one applied intake: itself and its first decision in the change log, nothing of the rejected ones.
    expect(await counts()).toEqual({ intakes: before.intakes + 1, mutations: before.mutations + 1, changes: before.changes + 2 })
  })

  it('refuses a malformed push with 400 and the path of the bad field, storing nothing', async () => {
    const item = itemWith(() => true)
    const good = submitMutation(village.stationCode, item)
    const bad = submitMutation(village.stationCode, item)
    bad.payload = { ...bad.payload, applicant: { kind: 'person', name: '岩香', idNumber: '110105194912310020', phone: '13908810002', address: '曼真村' } }
    const before = await counts()

    const response = await push(village.token, { mutations: [good, bad] })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({
      error: { code: 'bad_request', message: expect.stringContaining('校验位'), path: 'mutations.1.payload.applicant.idNumber' },
    })

    const unknownType = await push(village.token, { mutations: [{ ...good, type: 'intake.teleport' }] })
    expect(unknownType.statusCode).toBe(400)
    expect(unknownType.json().error).toMatchObject({ code: 'bad_request', path: 'mutations.0.type', message: expect.stringContaining('intake.submit') })

    const mismatched = await push(village.token, { mutations: [{ ...good, entityId: bad.entityId }] })
    expect(mismatched.statusCode).toBe(400)
    expect(mismatched.json().error.path).toBe('mutations.0.entityId')

    const badJson = await inject({
      method: 'POST',
      url: '/api/v1/push',
      headers: { ...bearer(village.token), 'content-type': 'application/json' },
      payload: '{"mutations": [',
    })
    expect(badJson.statusCode).toBe(400)
    expect(badJson.json().error.code).toBe('bad_request')

    const nul = submitMutation(village.stationCode, item)
    nul.payload = { ...nul.payload, note: '备注\u0000' }
    const withNul = await push(village.token, { mutations: [nul] })
    expect(withNul.statusCode).toBe(400)
    expect(withNul.json().error.path).toBe('mutations.0.payload.note')

    const hugeVersion = submitMutation(village.stationCode, item)
    hugeVersion.payload = { ...hugeVersion.payload, item: { ...hugeVersion.payload.item, version: 1e20 } }
    const tooBig = await push(village.token, { mutations: [hugeVersion] })
    expect(tooBig.statusCode).toBe(400)
    expect(tooBig.json().error.path).toBe('mutations.0.payload.item.version')

    const empty = await push(village.token, { mutations: [] })
    expect(empty.statusCode).toBe(400)
    expect(empty.json().error.path).toBe('mutations')

    expect(await counts()).toEqual(before)
  })

  it('refuses a push for another station with 403 and stores nothing of the batch', async () => {
    const item = itemWith(() => true)
    const own = submitMutation(village.stationCode, item)
    const foreign = submitMutation('MHZ01', item)
    const before = await counts()

    const response = await push(village.token, { mutations: [own, foreign] })
    expect(response.statusCode).toBe(403)
    expect(response.json().error).toMatchObject({ code: 'forbidden', path: 'mutations.1.payload.stationCode' })
    expect(await counts()).toEqual(before)
  })

  it('accepts an acceptOnReceipt item on receipt, with a due date the station pulls', async () => {
    const item = itemWith((candidate) => candidate.acceptOnReceipt)
    const before = await pullAll(village.token)
    const mutation = submitMutation(village.stationCode, item)
    const pushedAt = Date.now()

    const response = await push(village.token, { mutations: [mutation] })
    expect(response.json()).toEqual({ results: [{ id: mutation.id, status: 'applied' }] })

    const after = await pullAll(village.token, before.cursor)
    expect(after.changes.map((change) => change.entity)).toEqual(['intake', 'intakeDecision'])
    const decision = intakeDecisionSchema.parse(after.changes[1]?.data)
    expect(decision.status).toBe('accepted')
    expect(decision.acceptedAt).toBe(decision.receivedAt)
    const acceptedAt = new Date(decision.acceptedAt!)
    expect(Math.abs(acceptedAt.getTime() - pushedAt)).toBeLessThan(30_000)
    expect(decision.dueDate).toBe(addWorkingDays(chinaDate(acceptedAt), item.promisedLimitDays, await loadCountyCalendar(county.server.db)))
    expect(decision.history.map((event) => event.status)).toEqual(['submitted', 'accepted'])

    const [row] = await db().select().from(intakes).where(eq(intakes.id, mutation.entityId))
    expect(row?.status).toBe('accepted')
    expect(row?.dueDate).toBe(decision.dueDate)
  })
})
