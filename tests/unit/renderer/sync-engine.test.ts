import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { IntakeRecord } from '../../../shared/station-records'
import { readMeta } from '../../../src-renderer/db/meta'
import type { StationDb } from '../../../src-renderer/db/station-db'
import { submitIntake } from '../../../src-renderer/features/intake/submit-intake'
import { CountyError } from '../../../src-renderer/sync/county-client'
import { createSyncEngine, type SyncEngine, type SyncStatus } from '../../../src-renderer/sync/sync-engine'
import { FakeCountyClient, page } from './fake-county-client'
import { MONDAY, decisionFor, draft, freshDb, seedStation } from './fixtures'

let db: StationDb
let engine: SyncEngine | undefined

afterEach(async () => {
  engine?.stop()
  engine = undefined
  await db?.delete()
})

async function stationWithIntakes(count: number): Promise<IntakeRecord[]> {
  db = freshDb()
  await seedStation(db)
  const records: IntakeRecord[] = []
  for (let i = 0; i < count; i++) records.push(await submitIntake(db, draft(), { now: () => MONDAY }))
  return records
}

const syncStates = async () => (await db.intakes.orderBy('intakeNo').toArray()).map((intake) => intake.syncState)

describe('sync engine push', () => {
  it('removes applied and duplicate mutations and marks their intakes synced; drops a rejected one with the reason', async () => {
    const [first, second, third] = await stationWithIntakes(3)
    const client = new FakeCountyClient()
    client.answerPush = (mutations) =>
      mutations.map((mutation) =>
        mutation.entityId === second!.id
          ? { id: mutation.id, status: 'duplicate' as const }
          : mutation.entityId === third!.id
            ? { id: mutation.id, status: 'rejected' as const, error: { code: 'conflict' as const, message: '该办件编号已被使用' } }
            : { id: mutation.id, status: 'applied' as const },
      )
    engine = createSyncEngine({ db, client })

    const result = await engine.syncNow()

    expect(result).toEqual({ ok: true, confirmed: 2, rejected: 1, pulled: 0 })
    expect(await db.outbox.count()).toBe(0)
    expect((await db.intakes.get(first!.id))?.syncState).toBe('synced')
    expect((await db.intakes.get(second!.id))?.syncState).toBe('synced')
    const rejected = await db.intakes.get(third!.id)
    expect(rejected).toMatchObject({ syncState: 'rejected', lastError: { code: 'conflict', message: '该办件编号已被使用' } })
    expect(await db.audit.where('action').equals('sync.rejected').toArray()).toMatchObject([{ intakeNo: third!.intakeNo, detail: '该办件编号已被使用' }])
    expect(engine.getStatus()).toMatchObject({ reachable: true, pendingCount: 0, running: false, lastError: null })
    expect(engine.getStatus().lastSuccessAt).not.toBeNull()
    expect(await readMeta(db, 'lastSyncResult')).toMatchObject({ ok: true })
  })

  it('leaves the outbox intact when the network fails during the push', async () => {
    await stationWithIntakes(2)
    const before = await db.outbox.toArray()
    const client = new FakeCountyClient()
    client.push = async () => {
      throw new CountyError('network', '无法连接县级服务器，请检查地址和网络')
    }
    engine = createSyncEngine({ db, client })

    const result = await engine.syncNow()

    expect(result).toMatchObject({ ok: false, kind: 'network' })
    const after = await db.outbox.toArray()
    expect(after.map((entry) => entry.id)).toEqual(before.map((entry) => entry.id))
    expect(after.every((entry) => entry.attempts === 1)).toBe(true)
    expect(await syncStates()).toEqual(['pending', 'pending'])
    expect(engine.getStatus()).toMatchObject({ reachable: false, pendingCount: 2, lastError: '无法连接县级服务器，请检查地址和网络' })
  })

  it('leaves the outbox intact when the county has a fault (5xx) or the probe fails', async () => {
    await stationWithIntakes(1)
    const client = new FakeCountyClient()
    client.push = async () => {
      throw new CountyError('server', '县级服务器暂时故障（503），稍后将自动重试', { status: 503 })
    }
    engine = createSyncEngine({ db, client })
    expect(await engine.syncNow()).toMatchObject({ ok: false, kind: 'server' })
    expect(engine.getStatus().reachable).toBe(true)
    expect(await db.outbox.count()).toBe(1)

    client.reachable = false
    expect(await engine.syncNow()).toMatchObject({ ok: false, kind: 'network' })
    expect(engine.getStatus().reachable).toBe(false)
    expect(client.pushedBatches).toHaveLength(0)
    expect(await syncStates()).toEqual(['pending'])
  })

  it('treats a 400 naming one mutation as that mutation\u2019s rejection and sends the rest', async () => {
    const records = await stationWithIntakes(3)
    const client = new FakeCountyClient()
    let calls = 0
    const applyAll = client.answerPush
    client.answerPush = (mutations) => {
      calls++
      if (calls === 1) {
        throw new CountyError('rejected', '公民身份号码校验位不正确', { status: 400, code: 'bad_request', path: 'mutations.1.payload.applicant.idNumber' })
      }
      return applyAll(mutations)
    }
    engine = createSyncEngine({ db, client })

    expect(await engine.syncNow()).toMatchObject({ ok: true, confirmed: 2, rejected: 1 })
    expect((await db.intakes.get(records[1]!.id))?.lastError?.message).toBe('公民身份号码校验位不正确')
    expect(await syncStates()).toEqual(['synced', 'rejected', 'synced'])
  })

  it('sends the oldest first in batches of at most 500', async () => {
    const [record] = await stationWithIntakes(1)
    const [template] = await db.outbox.toArray()
    // 600 more queued mutations for the same intake (only the queue's order matters here).
    await db.outbox.bulkAdd(
      Array.from({ length: 600 }, (_, index) => ({
        ...template!,
        seq: undefined,
        id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      })),
    )
    const client = new FakeCountyClient()
    engine = createSyncEngine({ db, client })

    expect(await engine.syncNow()).toMatchObject({ ok: true, confirmed: 601 })
    expect(client.pushedBatches.map((batch) => batch.length)).toEqual([500, 101])
    const sentIds = client.pushedBatches.flat().map((mutation) => mutation.id)
    expect(sentIds[0]).toBe(template!.id)
    expect(sentIds.slice(1)).toEqual(Array.from({ length: 600 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`))
    expect((await db.intakes.get(record!.id))?.syncState).toBe('synced')
  })
})

describe('sync engine pull', () => {
  it('pulls until more is false and applies decisions to local intakes', async () => {
    const [intake] = await stationWithIntakes(1)
    const client = new FakeCountyClient()
    client.pages = [
      page([{ seq: 1, entity: 'intakeDecision', op: 'put', id: intake!.id, data: decisionFor(intake!, 'submitted') }], '1', true),
      page([{ seq: 2, entity: 'intakeDecision', op: 'put', id: intake!.id, data: decisionFor(intake!, 'accepted') }], '2', false),
    ]
    engine = createSyncEngine({ db, client })

    expect(await engine.syncNow()).toMatchObject({ ok: true, pulled: 2 })
    expect(client.pullCursors).toEqual(['', '1'])
    expect(await readMeta(db, 'pullCursor')).toBe('2')
    expect((await db.intakes.get(intake!.id))?.status).toBe('accepted')

    await engine.syncNow()
    expect(client.pullCursors).toEqual(['', '1', '2'])
  })

  it('stops when the county says there is more but does not move the cursor', async () => {
    await stationWithIntakes(0)
    const client = new FakeCountyClient()
    client.pages = [page([], '', true)]
    engine = createSyncEngine({ db, client })
    expect(await engine.syncNow()).toMatchObject({ ok: false, kind: 'protocol' })
  })
})

describe('sync engine rounds', () => {
  it('never runs two rounds at once; a request during a round gets one more round after it', async () => {
    await stationWithIntakes(1)
    const client = new FakeCountyClient()
    let open!: () => void
    client.gate = new Promise((resolve) => (open = resolve))
    engine = createSyncEngine({ db, client })

    const first = engine.syncNow()
    const second = engine.syncNow()
    const third = engine.syncNow()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(client.healthCalls).toBe(1)
    open()
    client.gate = null
    await Promise.all([first, second, third])

    expect(client.maxInFlight).toBe(1)
    expect(client.healthCalls).toBe(2)
    expect(client.pushedBatches).toHaveLength(1)
  })

  it('reports its status to subscribers and runs on its timer once started', async () => {
    await stationWithIntakes(1)
    const client = new FakeCountyClient()
    client.reachable = false
    engine = createSyncEngine({ db, client, intervalMs: 30, unreachableIntervalMs: 30 })
    const seen: SyncStatus[] = []
    engine.subscribe((status) => seen.push(status))

    engine.start()
    await waitFor(() => engine!.getStatus().reachable === false)
    expect(engine.getStatus().pendingCount).toBe(1)
    client.reachable = true
    await waitFor(() => engine!.getStatus().pendingCount === 0 && engine!.getStatus().reachable === true)

    expect(seen.some((status) => status.running)).toBe(true)
    expect(client.healthCalls).toBeGreaterThanOrEqual(2)
    engine.stop()
    const calls = client.healthCalls
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(client.healthCalls).toBe(calls)
  })
})

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
