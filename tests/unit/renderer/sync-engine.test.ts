import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { IntakeRecord } from '../../../shared/station-records'
import { readMeta } from '../../../src-renderer/db/meta'
import type { StationDb } from '../../../src-renderer/db/station-db'
import { submitIntake } from '../../../src-renderer/features/intake/submit-intake'
import { CountyError } from '../../../src-renderer/sync/county-client'
import { createSyncEngine, type SyncEngine, type SyncStatus } from '../../../src-renderer/sync/sync-engine'
import { FakeCountyClient, page } from './fake-county-client'
import { clerk, MONDAY, decisionFor, draft, freshDb, seedStation } from './fixtures'

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
  for (let i = 0; i < count; i++) records.push(await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY }))
  return records
}

const syncStates = async () => (await db.intakes.orderBy('intakeNo').toArray()).map((intake) => intake.syncState)

describe('sync engine push', () => {
  it('removes applied and duplicate mutations and marks their intakes synced; keeps a rejected one with the reason', async () => {
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
    // Only applied or duplicate take a mutation out of the outbox; the rejected one stays, marked.
    expect(await db.outbox.toArray()).toMatchObject([{ entityId: third!.id, rejection: { code: 'conflict', message: '该办件编号已被使用' } }])
    expect((await db.intakes.get(first!.id))?.syncState).toBe('synced')
    expect((await db.intakes.get(second!.id))?.syncState).toBe('synced')
    const rejected = await db.intakes.get(third!.id)
    expect(rejected).toMatchObject({ syncState: 'rejected', lastError: { code: 'conflict', message: '该办件编号已被使用' } })
    expect(await db.audit.where('action').equals('sync.rejected').toArray()).toMatchObject([{ intakeNo: third!.intakeNo, detail: '该办件编号已被使用' }])
    expect(engine.getStatus()).toMatchObject({ reachable: true, pendingCount: 1, running: false, lastError: null })
    expect(engine.getStatus().lastSuccessAt).not.toBeNull()
    expect(await readMeta(db, 'lastSyncResult')).toMatchObject({ ok: true })

    // The next round does not send the rejected mutation again.
    expect(await engine.syncNow()).toMatchObject({ ok: true, confirmed: 0, rejected: 0 })
    expect(client.pushedBatches).toHaveLength(1)
  })

  it('removes the confirmed entries around a rejected one and leaves that one queued', async () => {
    const records = await stationWithIntakes(5)
    const refused = records[2]!
    const client = new FakeCountyClient()
    client.answerPush = (mutations) =>
      mutations.map((mutation) =>
        mutation.entityId === refused.id
          ? { id: mutation.id, status: 'rejected' as const, error: { code: 'conflict' as const, message: '该办件编号已被使用' } }
          : { id: mutation.id, status: 'applied' as const },
      )
    engine = createSyncEngine({ db, client })

    expect(await engine.syncNow()).toMatchObject({ ok: true, confirmed: 4, rejected: 1 })
    expect((await db.outbox.toArray()).map((entry) => entry.entityId)).toEqual([refused.id])
    expect(await db.sentMutations.count()).toBe(4)
    for (const record of records) expect((await db.intakes.get(record.id))?.syncState).toBe(record === refused ? 'rejected' : 'synced')
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
    expect(await db.outbox.toArray()).toMatchObject([{ entityId: records[1]!.id, rejection: { code: 'bad_request' } }])
  })

  it('sends the oldest first in batches of at most 500', async () => {
    const [record] = await stationWithIntakes(1)
    const [template] = await db.outbox.toArray()
    // 600 more queued mutations of other records (only the queue's order matters here).
    await db.outbox.bulkAdd(
      Array.from({ length: 600 }, (_, index) => ({
        ...template!,
        seq: undefined,
        id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
        entityId: `00000000-0000-4000-9000-${String(index).padStart(12, '0')}`,
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

describe('sync engine push, one record at a time', () => {
  /** Queues a later mutation of the intake after everything already queued (a stand-in for a supplement). */
  async function queueLaterMutation(entityId: string, id: string): Promise<void> {
    const template = (await db.outbox.where('entityId').equals(entityId).first())!
    await db.outbox.add({ ...template, seq: undefined, id, attempts: 0 })
  }

  it('sends the mutations of one record in order, one per push', async () => {
    const [first, second] = await stationWithIntakes(2)
    const later = '00000000-0000-4000-8000-000000000001'
    await queueLaterMutation(first!.id, later)
    const client = new FakeCountyClient()
    engine = createSyncEngine({ db, client })

    expect(await engine.syncNow()).toMatchObject({ ok: true, confirmed: 3 })
    const firstSubmit = client.pushedBatches[0]![0]!.id
    expect(client.pushedBatches.map((batch) => batch.map((mutation) => mutation.entityId))).toEqual([[first!.id, second!.id], [first!.id]])
    expect(client.pushedBatches[1]![0]!.id).toBe(later)
    expect(firstSubmit).not.toBe(later)
    expect(await syncStates()).toEqual(['synced', 'synced'])
  })

  it('holds back the later mutations of a rejected record while other records go on', async () => {
    const [first, second] = await stationWithIntakes(2)
    const later = '00000000-0000-4000-8000-000000000002'
    await queueLaterMutation(first!.id, later)
    const third = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
    const client = new FakeCountyClient()
    client.answerPush = (mutations) =>
      mutations.map((mutation) =>
        mutation.entityId === first!.id
          ? { id: mutation.id, status: 'rejected' as const, error: { code: 'rejected' as const, message: '事项不在本县事项目录中' } }
          : { id: mutation.id, status: 'applied' as const },
      )
    engine = createSyncEngine({ db, client })

    expect(await engine.syncNow()).toMatchObject({ ok: true, confirmed: 2, rejected: 1 })
    expect(client.pushedBatches).toHaveLength(1)
    expect(client.pushedBatches[0]!.map((mutation) => mutation.entityId)).toEqual([first!.id, second!.id, third.id])
    // The later mutation was never sent: it waits behind the rejected submit, and both stay queued.
    expect(client.pushedBatches.flat().some((mutation) => mutation.id === later)).toBe(false)
    const queued = await db.outbox.orderBy('seq').toArray()
    expect(queued.map((entry) => [entry.entityId, entry.rejection?.message])).toEqual([
      [first!.id, '事项不在本县事项目录中'],
      [first!.id, undefined],
    ])
    expect(await db.intakes.get(first!.id)).toMatchObject({ syncState: 'rejected', lastError: { message: '事项不在本县事项目录中' } })
    expect((await db.intakes.get(second!.id))?.syncState).toBe('synced')
    expect(third.syncState).toBe('pending')
    expect((await db.intakes.get(third.id))?.syncState).toBe('synced')

    // More rounds send nothing of that record, and later intakes still go through.
    const fourth = await submitIntake(db, draft(), { staff: clerk, now: () => MONDAY })
    expect(await engine.syncNow()).toMatchObject({ ok: true, confirmed: 1, rejected: 0 })
    expect(client.pushedBatches[1]!.map((mutation) => mutation.entityId)).toEqual([fourth.id])
    expect(await db.outbox.count()).toBe(2)
  })

  it('ignores answers for mutations it did not send in that push', async () => {
    const [first] = await stationWithIntakes(1)
    const client = new FakeCountyClient()
    // A replayed answer of some earlier push: none of its ids are in this batch.
    client.answerPush = () => [{ id: '00000000-0000-4000-8000-00000000dead', status: 'applied' as const }]
    engine = createSyncEngine({ db, client })

    expect(await engine.syncNow()).toMatchObject({ ok: false, kind: 'protocol' })
    expect(await db.outbox.count()).toBe(1)
    expect((await db.intakes.get(first!.id))?.syncState).toBe('pending')
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

  it('asks for the next page while applying one; a page that fails to apply keeps its cursor, and the page asked ahead is dropped', async () => {
    const [intake] = await stationWithIntakes(1)
    const client = new FakeCountyClient()
    const broken = { ...decisionFor(intake!, 'accepted'), status: 'no such status' } as unknown as ReturnType<typeof decisionFor>
    client.pages = [
      page([{ seq: 1, entity: 'intakeDecision', op: 'put', id: intake!.id, data: decisionFor(intake!, 'submitted') }], '1', true),
      page([{ seq: 2, entity: 'intakeDecision', op: 'put', id: intake!.id, data: broken }], '2', true),
      page([{ seq: 3, entity: 'intakeDecision', op: 'put', id: intake!.id, data: decisionFor(intake!, 'accepted') }], '3', false),
    ]
    engine = createSyncEngine({ db, client })

    expect(await engine.syncNow()).toMatchObject({ ok: false, kind: 'local' })
    // The third page was asked for (cursor 2) while the second was being applied, and then left unread.
    expect(client.pullCursors).toEqual(['', '1', '2'])
    expect(await readMeta(db, 'pullCursor')).toBe('1')
    expect((await db.intakes.get(intake!.id))?.status).toBe('submitted')

    // The next round starts again from the cursor stored with the last page applied.
    client.pages = [page([{ seq: 2, entity: 'intakeDecision', op: 'put', id: intake!.id, data: decisionFor(intake!, 'accepted') }], '2', false)]
    expect(await engine.syncNow()).toMatchObject({ ok: true })
    expect(client.pullCursors).toEqual(['', '1', '2', '1'])
    expect((await db.intakes.get(intake!.id))?.status).toBe('accepted')
  })

  it('stops when the county says there is more but does not move the cursor', async () => {
    await stationWithIntakes(0)
    const client = new FakeCountyClient()
    client.pages = [page([], '', true)]
    engine = createSyncEngine({ db, client })
    expect(await engine.syncNow()).toMatchObject({ ok: false, kind: 'protocol' })
  })
})

describe('sync engine retries', () => {
  /** Timers that only record what the engine asked for; the test fires them by hand. */
  function manualTimers() {
    const waits: { ms: number; callback: () => void }[] = []
    return {
      waits,
      timers: {
        setTimeout: (callback: () => void, ms: number) => {
          waits.push({ ms, callback })
          return waits.length
        },
        clearTimeout: () => undefined,
      },
    }
  }

  it('backs off exponentially with jitter while the county is unreachable, capped at the unreachable interval', async () => {
    await stationWithIntakes(1)
    const client = new FakeCountyClient()
    client.reachable = false
    const { waits, timers } = manualTimers()
    const randoms = [0, 1, 0.5, 0, 0, 0.999]
    engine = createSyncEngine({ db, client, timers, retryBaseMs: 1000, unreachableIntervalMs: 30_000, intervalMs: 15_000, random: () => randoms.shift()! })

    engine.start()
    for (let round = 1; round <= 6; round++) {
      await waitFor(() => waits.length === round)
      if (round < 6) waits[round - 1]!.callback()
    }
    // Ceilings 1, 2, 4, 8, 16, 30 s; each wait between half and all of its ceiling.
    expect(waits.map((wait) => wait.ms)).toEqual([500, 2000, 3000, 4000, 8000, 29_985])

    client.reachable = true
    waits[5]!.callback()
    await waitFor(() => waits.length === 7)
    expect(waits[6]!.ms).toBe(15_000)
    expect(await db.outbox.count()).toBe(0)
  })

  it('backs off on county faults (5xx) and waits at least as long as a 429 asks', async () => {
    await stationWithIntakes(1)
    const client = new FakeCountyClient()
    const faults = [
      new CountyError('server', '县级服务器暂时故障（503），稍后将自动重试', { status: 503 }),
      new CountyError('server', '县级服务器暂时故障（502），稍后将自动重试', { status: 502 }),
      new CountyError('rateLimited', '请求过于频繁，稍后将自动重试', { status: 429, retryAfterMs: 60_000 }),
    ]
    client.push = async () => {
      throw faults.shift()!
    }
    const { waits, timers } = manualTimers()
    engine = createSyncEngine({ db, client, timers, retryBaseMs: 1000, unreachableIntervalMs: 30_000, random: () => 0 })

    engine.start()
    for (let round = 1; round <= 3; round++) {
      await waitFor(() => waits.length === round)
      if (round < 3) waits[round - 1]!.callback()
    }
    expect(waits.map((wait) => wait.ms)).toEqual([500, 1000, 60_000])
    expect(engine.getStatus().reachable).toBe(true)
    expect(await db.outbox.count()).toBe(1)
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
