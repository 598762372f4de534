import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServiceItem } from '../../shared/catalog'
import { residentIdCheckChar } from '../../shared/validators'
import { ensureEnrollmentCode } from '../../server/services/stations/enrollment-service'
import { toCatalogItemRecord } from '../../src-renderer/db/catalog-item-record'
import { StationDb } from '../../src-renderer/db/station-db'
import { submitIntake, type IntakeDraft } from '../../src-renderer/features/intake/submit-intake'
import { enrollDevice } from '../../src-renderer/features/setup/enroll-device'
import { createCountyClient, type FetchLike } from '../../src-renderer/sync/county-client'
import { retrySetAside } from '../../src-renderer/features/sync-state/retry-set-aside'
import { SET_ASIDE_AFTER_SERVER_FAILURES } from '../../src-renderer/sync/push-outbox'
import { createSyncEngine, type SyncEngine } from '../../src-renderer/sync/sync-engine'
import { databaseTargets } from './databases'
import { stationActor } from './station-actor'
import { itemWith, starterCatalog, startTestCounty, type TestCounty } from './county-fixture'

// The station's real sync engine (in Node, over fake-indexeddb) against the real county
// server. Faults are injected into the network between them, never into either side.
const targets = await databaseTargets({ both: true })
const STATION = 'MHZMZ01'

type NetworkFault = 'none' | 'down' | 'loseResponse'

describe.each(targets)('station sync against the county server on $name', (target) => {
  let county: TestCounty
  let operatorToken: string
  let item: ServiceItem
  let db: StationDb
  let engine: SyncEngine
  let fault: NetworkFault = 'none'
  let dbCounter = 0

  // The network: `down` refuses before anything reaches the county; `loseResponse`
  // delivers the request and then loses the answer, as a cut mid-response would.
  /** A mutation id the county "fails on": every push that carries it is answered 500 on the way back. */
  let failingMutationId: string | null = null
  const network: FetchLike = async (input, init) => {
    if (fault === 'down') throw new TypeError('fetch failed')
    if (failingMutationId !== null && typeof init.body === 'string' && init.body.includes(failingMutationId)) {
      return new Response(JSON.stringify({ error: { code: 'internal', message: '服务器内部错误' } }), {
        status: 500,
        headers: { 'content-type': 'application/json' },
      })
    }
    const response = await fetch(input, init)
    if (fault === 'loseResponse' && init.method === 'POST') {
      await response.arrayBuffer()
      throw new TypeError('fetch failed')
    }
    return response
  }

  const serverIntakes = async () => {
    const response = await county.server.app.inject({
      method: 'GET',
      url: `/api/v1/admin/intakes?stationCode=${STATION}`,
      headers: { authorization: `Bearer ${operatorToken}` },
    })
    expect(response.statusCode).toBe(200)
    return (response.json() as { intakes: { id: string; intakeNo: string; status: string }[] }).intakes
  }

  const draft = (name: string): IntakeDraft => ({
    itemId: item.id,
    applicant: {
      kind: 'person',
      name,
      idNumber: '53282219451001204' + residentIdCheckChar('53282219451001204'),
      phone: '0691-5123456',
      address: '勐海镇曼真村五组',
    },
    serviceMode: 'assisted',
    assistReason: 'elderly',
    materials: item.materials.map((material) => ({ materialId: material.id, status: 'provided' as const })),
    staffName: '玉香',
  })

  beforeAll(async () => {
    county = await startTestCounty(target)
    item = itemWith(
      (candidate) => candidate.handling === '2' && !candidate.acceptOnReceipt && candidate.materials.every((material) => material.necessity !== 'optional'),
    )
    const login = await county.server.app.inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: 'admin', password: 'menghai2026' } })
    operatorToken = (login.json() as { token: string }).token
  })

  afterAll(async () => {
    engine?.stop()
    await db?.delete()
    await county?.close()
  })

  it('enrolls and pulls the whole catalog', async () => {
    dbCounter++
    db = new StationDb(`station-sync-${target.name}-${process.pid}-${dbCounter}`)
    const { code } = await ensureEnrollmentCode(county.server.db, STATION, 30)
    const enrollment = await enrollDevice(db, { countyUrl: county.server.url, code })
    engine = createSyncEngine({ db, client: createCountyClient({ baseUrl: county.server.url, token: enrollment.token, fetch: network }) })
    const result = await engine.syncNow()
    expect(result.ok).toBe(true)
    expect(await db.catalogItems.count()).toBe(starterCatalog().length)
    expect((await db.catalogItems.get(item.id))?.name).toBe(item.name)
  })

  it('keeps intakes in the outbox while the county is unreachable', async () => {
    await submitIntake(db, draft('岩温'), { staff: stationActor(STATION) })
    await submitIntake(db, draft('玉罕'), { staff: stationActor(STATION) })
    fault = 'down'
    const result = await engine.syncNow()
    expect(result.ok).toBe(false)
    expect(engine.getStatus().reachable).toBe(false)
    expect(await db.outbox.count()).toBe(2)
    expect(await serverIntakes()).toEqual([])
  })

  it('sends each intake exactly once when the answer to a push is lost', async () => {
    fault = 'loseResponse'
    expect((await engine.syncNow()).ok).toBe(false)
    // The county applied them, but the station never heard so: nothing leaves the outbox.
    expect(await serverIntakes()).toHaveLength(2)
    expect(await db.outbox.count()).toBe(2)
    expect((await db.intakes.toArray()).map((intake) => intake.syncState)).toEqual(['pending', 'pending'])

    fault = 'none'
    expect((await engine.syncNow()).ok).toBe(true)
    const onServer = await serverIntakes()
    const local = await db.intakes.orderBy('intakeNo').toArray()
    expect(onServer.map((intake) => intake.intakeNo).sort()).toEqual(local.map((intake) => intake.intakeNo))
    expect(local.map((intake) => intake.syncState)).toEqual(['synced', 'synced'])
    expect(await db.outbox.count()).toBe(0)
  })

  it('brings the county decision back to the station record', async () => {
    const [first] = await db.intakes.orderBy('intakeNo').toArray()
    const decision = await county.server.app.inject({
      method: 'POST',
      url: `/api/v1/admin/intakes/${first!.id}/decision`,
      headers: { authorization: `Bearer ${operatorToken}` },
      payload: { decision: 'requestCorrection', items: [{ name: '居民户口簿', problem: '请提供户主页和本人页复印件' }] },
    })
    expect(decision.statusCode).toBe(200)
    expect((await engine.syncNow()).ok).toBe(true)
    const updated = await db.intakes.get(first!.id)
    expect(updated?.decision?.status).toBe('correctionRequested')
    expect(updated?.decision?.correction?.[0]?.problem).toBe('请提供户主页和本人页复印件')
  })

  it('holds back an intake the county rejects, with its reason, while other intakes go on', async () => {
    // An item this station has but the county no longer does: the county rejects the intake.
    const unknownItem: ServiceItem = { ...item, id: '532822999999', implCode: '532822999999', name: '县目录中没有的事项' }
    await db.catalogItems.put(toCatalogItemRecord(unknownItem))
    await db.stationItems.put({ itemId: unknownItem.id })
    const refused = await submitIntake(db, { ...draft('岩香'), itemId: unknownItem.id }, { staff: stationActor(STATION) })
    const accepted = await submitIntake(db, draft('玉波'), { staff: stationActor(STATION) })

    expect(await engine.syncNow()).toMatchObject({ ok: true, confirmed: 1, rejected: 1 })
    expect(await db.intakes.get(accepted.id)).toMatchObject({ syncState: 'synced' })
    const held = await db.intakes.get(refused.id)
    expect(held).toMatchObject({ syncState: 'rejected' })
    expect(held?.lastError?.message).toContain('不在本县事项目录中')
    // Only applied or duplicate take a mutation out of the outbox: the rejected one stays, marked.
    const queued = await db.outbox.toArray()
    expect(queued).toMatchObject([{ entityId: refused.id, rejection: { code: 'rejected' } }])
    expect((await serverIntakes()).map((intake) => intake.id)).toContain(accepted.id)
    expect((await serverIntakes()).map((intake) => intake.id)).not.toContain(refused.id)

    // Later rounds do not send it again.
    expect(await engine.syncNow()).toMatchObject({ ok: true, confirmed: 0, rejected: 0 })
    expect((await db.outbox.toArray()).map((entry) => entry.attempts)).toEqual([queued[0]!.attempts])
  })

  it('sets aside a mutation that keeps failing with 5xx after bounded rounds, so the ones behind it go on; the clerk can retry it', async () => {
    const poisoned = await submitIntake(db, draft('岩罕'), { staff: stationActor(STATION) })
    const behind = [
      await submitIntake(db, draft('玉儿'), { staff: stationActor(STATION) }),
      await submitIntake(db, draft('岩叫'), { staff: stationActor(STATION) }),
    ]
    failingMutationId = (await db.outbox.where('entityId').equals(poisoned.id).first())!.id

    let rounds = 0
    while ((await db.intakes.get(behind[1]!.id))?.syncState !== 'synced' && rounds < 10) {
      await engine.syncNow()
      rounds++
    }
    // Twice in its batch, then alone until the bound; then the rest is pushed without it.
    expect(rounds).toBe(SET_ASIDE_AFTER_SERVER_FAILURES)
    for (const intake of behind) expect(await db.intakes.get(intake.id)).toMatchObject({ syncState: 'synced' })
    const onServer = (await serverIntakes()).map((intake) => intake.id)
    expect(onServer).toEqual(expect.arrayContaining(behind.map((intake) => intake.id)))
    expect(onServer).not.toContain(poisoned.id)
    const [setAside] = await db.outbox.where('entityId').equals(poisoned.id).toArray()
    expect(setAside?.setAside?.message).toContain('500')
    // Still unsent, with the county's words on the record.
    expect(await db.intakes.get(poisoned.id)).toMatchObject({ syncState: 'pending', lastError: { code: 'set_aside' } })
    // Later rounds go through without sending it.
    const attempts = setAside!.attempts
    expect(await engine.syncNow()).toMatchObject({ ok: true })
    expect((await db.outbox.get(setAside!.seq!))?.attempts).toBe(attempts)

    // The county is mended; the clerk's 重新发送 puts it back in line and the next round sends it.
    failingMutationId = null
    expect(await retrySetAside(db, poisoned.id)).toBe(1)
    expect(await engine.syncNow()).toMatchObject({ ok: true, confirmed: 1 })
    expect(await db.intakes.get(poisoned.id)).toMatchObject({ syncState: 'synced' })
    expect((await serverIntakes()).map((intake) => intake.id)).toContain(poisoned.id)
    expect((await db.audit.filter((entry) => entry.entityId === poisoned.id).toArray()).map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['sync.setAside', 'sync.retried']),
    )
  })
})
