import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { StationDb } from '../../../src-renderer/db/station-db'
import { submitIntake } from '../../../src-renderer/features/intake/submit-intake'
import { pushOutbox } from '../../../src-renderer/sync/push-outbox'
import { createSyncEngine } from '../../../src-renderer/sync/sync-engine'
import { appendSyncLog, clockOffsetMs, clockWarning, readSyncLog } from '../../../src-renderer/sync/sync-log'
import { FakeCountyClient } from './fake-county-client'
import { clerk, catalogItem, decisionFor, draft, freshDb, MONDAY, seedStation } from './fixtures'
import { toCatalogItemRecord } from '../../../src-renderer/db/catalog-item-record'
import { createShippedDatabase } from './support/shipped-database'

let db: StationDb

afterEach(async () => {
  await db?.delete()
})

const noWakeUps = () => () => undefined

describe('clock offset', () => {
  it('compares the server clock with the midpoint of the probe', () => {
    const sent = new Date('2026-11-30T08:00:00.000Z')
    const received = new Date('2026-11-30T08:00:02.000Z')
    expect(clockOffsetMs('2026-11-30T08:00:01.000Z', sent, received)).toBe(0)
    expect(clockOffsetMs('2026-11-30T16:10:01.000+08:00', sent, received)).toBe(600_000)
  })

  it('warns beyond five minutes, in either direction', () => {
    expect(clockWarning(null)).toBeNull()
    expect(clockWarning(5 * 60_000)).toBeNull()
    expect(clockWarning(-4 * 60_000)).toBeNull()
    expect(clockWarning(10 * 60_000)).toBe('本机时钟比县级服务器慢约 10 分钟，请校准本机时间（办件日期以本机时间记录）')
    expect(clockWarning(-6 * 60_000)).toContain('快约 6 分钟')
  })
})

describe('the sync log', () => {
  it('keeps the newest rows up to its limit, newest first by local sequence', async () => {
    db = freshDb()
    const row = (n: number) => ({
      startedAt: MONDAY.toISOString(),
      endedAt: MONDAY.toISOString(),
      outcome: 'ok' as const,
      confirmed: n,
      rejected: 0,
      pulled: 0,
    })
    for (let n = 1; n <= 5; n++) await appendSyncLog(db, row(n), 3)
    expect((await readSyncLog(db)).map((entry) => entry.confirmed)).toEqual([5, 4, 3])
  })

  it('records each round of the engine with its counts, error and clock offset', async () => {
    db = freshDb()
    await seedStation(db)
    await db.catalogItems.put(toCatalogItemRecord(catalogItem))
    await submitIntake(db, draft(), { staff: clerk })
    const client = new FakeCountyClient()
    // The device clock runs ten minutes behind the county's.
    const engine = createSyncEngine({ db, client, wakeUps: noWakeUps, now: () => new Date(Date.now() - 10 * 60_000) })
    expect((await engine.syncNow()).ok).toBe(true)
    client.reachable = false
    expect((await engine.syncNow()).ok).toBe(false)

    const [failed, good] = await readSyncLog(db)
    expect(good).toMatchObject({ outcome: 'ok', confirmed: 1, rejected: 0, pulled: 0 })
    expect(good!.clockOffsetMs).toBeGreaterThan(9 * 60_000)
    expect(failed).toMatchObject({ outcome: 'unreachable', error: '无法连接县级服务器，请检查地址和网络' })
    expect(failed!.clockOffsetMs).toBeUndefined()
    expect(engine.getStatus().clockOffsetMs).toBe(good!.clockOffsetMs)
    expect(clockWarning(engine.getStatus().clockOffsetMs)).toContain('慢约 10 分钟')
  })

  it('tells its listeners which intakes changed status after a pull', async () => {
    db = freshDb()
    await seedStation(db)
    await db.catalogItems.put(toCatalogItemRecord(catalogItem))
    const intake = await submitIntake(db, draft(), { staff: clerk })
    const client = new FakeCountyClient()
    client.pages = [
      { changes: [{ seq: 1, entity: 'intakeDecision', op: 'put', id: intake.id, data: decisionFor(intake, 'correctionRequested') }], cursor: '1', more: false },
    ]
    const engine = createSyncEngine({ db, client, wakeUps: noWakeUps })
    const heard: unknown[] = []
    engine.onStatusChanges((changes) => heard.push(...changes))
    await engine.syncNow()
    expect(heard).toEqual([{ intakeId: intake.id, intakeNo: intake.intakeNo, itemName: intake.item.name, status: 'correctionRequested' }])
  })
})

describe('StationDb version 6', () => {
  it('opens a version-4 database: the queued outbox stays, the sent log and sync log are there and fill on the next push', async () => {
    // Make a real intake and its outbox entry with the current code, then replay them into a version-4 database.
    const source = freshDb()
    await seedStation(source)
    await source.catalogItems.put(toCatalogItemRecord(catalogItem))
    const intake = await submitIntake(source, draft(), { staff: clerk, now: () => MONDAY })
    const [entry] = await source.outbox.toArray()
    const meta = await source.meta.toArray()
    await source.delete()

    const oldName = await createShippedDatabase(4, async (old) => {
      await old.table('intakes').add({ ...intake })
      await old.table('outbox').add(entry)
      await old.table('meta').bulkPut(meta)
    })

    db = new StationDb(oldName)
    await db.open()
    expect(db.verno).toBeGreaterThanOrEqual(6)
    expect(await db.outbox.toArray()).toEqual([entry])
    expect([await db.sentMutations.count(), await db.syncLog.count()]).toEqual([0, 0])

    await pushOutbox(db, new FakeCountyClient())
    expect(await db.sentMutations.toArray()).toMatchObject([{ id: entry!.id, entityId: intake.id, day: '2025-03-03' }])
    expect(await db.intakes.get(intake.id)).toMatchObject({ syncState: 'synced' })
  })
})
