import 'fake-indexeddb/auto'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServiceItem } from '../../shared/catalog'
import { residentIdCheckChar } from '../../shared/validators'
import { chinaDate } from '../../shared/working-days'
import { ensureEnrollmentCode } from '../../server/services/stations/enrollment-service'
import { StationDb } from '../../src-renderer/db/station-db'
import { resendLacking } from '../../src-renderer/features/end-of-day/resend-lacking'
import { runEndOfDay } from '../../src-renderer/features/end-of-day/run-end-of-day'
import { submitIntake, type IntakeDraft } from '../../src-renderer/features/intake/submit-intake'
import { enrollDevice } from '../../src-renderer/features/setup/enroll-device'
import { sha256Hex } from '../../shared/sha256'
import { createCountyClient, createReconcileCall, type ReconcileCall } from '../../src-renderer/sync/county-client'
import { createSyncEngine, type SyncEngine } from '../../src-renderer/sync/sync-engine'
import { createFileUploader } from '../../src-renderer/sync/upload-files'
import { itemWith, startTestCounty, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'
import { stationActor } from './station-actor'

// 日终同步 with the station's real engine (Node, fake-indexeddb) against the real county:
// the county loses a mutation (removed from its database), the report names it, the station
// sends it again from its own records, and the next report is all clear.
const targets = await databaseTargets()
const STATION = 'MHZMZ01'

describe.each(targets)('end-of-day sync against the county on $name', (target) => {
  let county: TestCounty
  let item: ServiceItem
  let db: StationDb
  let engine: SyncEngine
  let reconcile: ReconcileCall
  const today = chinaDate(new Date())

  const draft = (name: string): IntakeDraft => ({
    itemId: item.id,
    applicant: {
      kind: 'person',
      name,
      idNumber: '53282219451001204' + residentIdCheckChar('53282219451001204'),
      phone: '0691-5123456',
      address: '勐海镇曼真村五组',
    },
    serviceMode: 'self',
    materials: item.materials.map((material) => ({ materialId: material.id, status: 'provided' as const })),
    staffName: '玉香',
  })

  /** What an accident on the county side would leave: the mutation and its intake gone. */
  const loseOnCounty = async (mutationId: string, intakeId: string) => {
    await county.server.db.execute(sql`DELETE FROM mutations WHERE id = ${mutationId}::uuid`)
    await county.server.db.execute(sql`DELETE FROM changes WHERE entity_id = ${intakeId}`)
    await county.server.db.execute(sql`DELETE FROM intakes WHERE id = ${intakeId}::uuid`)
  }

  beforeAll(async () => {
    county = await startTestCounty(target)
    item = itemWith((candidate) => !candidate.acceptOnReceipt)
    db = new StationDb(`end-of-day-${target.name}-${process.pid}`)
    const { code } = await ensureEnrollmentCode(county.server.db, STATION, 30)
    const enrollment = await enrollDevice(db, { countyUrl: county.server.url, code })
    engine = createSyncEngine({
      db,
      client: createCountyClient({ baseUrl: county.server.url, token: enrollment.token }),
      files: createFileUploader({ baseUrl: county.server.url, token: enrollment.token, toUploadInput: async (blob) => Buffer.from(await blob.arrayBuffer()) }),
      wakeUps: () => () => undefined,
    })
    reconcile = createReconcileCall({ baseUrl: county.server.url, token: enrollment.token })
    // The catalog first, as a device does on its first round.
    expect((await engine.syncNow()).ok).toBe(true)
  })

  afterAll(async () => {
    engine?.stop()
    await db?.delete()
    await county?.close()
  })

  it('lists unsent intakes before the first round, and all clear once the county confirmed them', async () => {
    await submitIntake(db, draft('岩温'), { staff: stationActor(STATION) })
    await submitIntake(db, draft('玉罕'), { staff: stationActor(STATION) })
    const offline = await runEndOfDay(db, { engine, reconcile: async () => Promise.reject(new Error('无法连接县级服务器')) })
    // The round itself went through (the engine's client reaches the county); only the reconcile call failed.
    expect(offline.report.countyError).toBe('无法连接县级服务器')
    expect(offline.report.allClear).toBe(false)

    const { report, roundError } = await runEndOfDay(db, { engine, reconcile })
    expect(roundError).toBeNull()
    expect(report).toMatchObject({ day: today, lacking: [], differing: [], unsent: [], countyError: null, allClear: true })
    expect(report.confirmed).toHaveLength(2)
    expect(report.county).toEqual({ heldCount: 2, otherDevicesCount: 0, digestMatches: true })
    // The log kept what left the outbox.
    expect(await db.outbox.count()).toBe(0)
    expect(await db.sentMutations.where('day').equals(today).count()).toBe(2)
  })

  it('names the mutation the county lost, sends it again from the station record, and is all clear after', async () => {
    const [lost] = await db.sentMutations.where('day').equals(today).sortBy('createdAt')
    await loseOnCounty(lost!.id, lost!.entityId)

    const { report } = await runEndOfDay(db, { engine, reconcile })
    expect(report.allClear).toBe(false)
    expect(report.lacking.map((line) => line.id)).toEqual([lost!.id])
    expect(report.lacking[0]?.intakeNo).toBe((await db.intakes.get(lost!.entityId))?.intakeNo)
    expect(report.confirmed).toHaveLength(1)
    expect(report.county?.heldCount).toBe(1)

    const resent = await resendLacking(
      db,
      report.lacking.map((line) => line.id),
      stationActor(STATION, 'lead'),
    )
    expect(resent).toEqual({ requeued: [lost!.id], notResendable: [] })
    expect(await db.intakes.get(lost!.entityId)).toMatchObject({ syncState: 'pending' })
    const [queued] = await db.outbox.toArray()
    expect(queued).toMatchObject({ id: lost!.id, entityId: lost!.entityId, type: 'intake.submit' })

    const after = await runEndOfDay(db, { engine, reconcile })
    expect(after.report).toMatchObject({ lacking: [], differing: [], unsent: [], allClear: true })
    expect(after.report.county).toEqual({ heldCount: 2, otherDevicesCount: 0, digestMatches: true })
    expect(await db.intakes.get(lost!.entityId)).toMatchObject({ syncState: 'synced' })
    const held = await county.server.db.execute(sql`SELECT count(*)::int AS n FROM intakes WHERE id = ${lost!.entityId}::uuid`)
    expect(JSON.stringify(held)).toContain('"n":1')
  })

  it('reconciles files too: a file the county no longer holds goes back to the upload queue and is sent again', async () => {
    const bytes = new Uint8Array(5000).map((_, index) => (index * 7 + 3) & 0xff)
    const blob = new Blob([bytes], { type: 'image/jpeg' })
    const sha256 = await sha256Hex(blob)
    const intake = await submitIntake(db, draft('岩香'), {
      staff: stationActor(STATION),
      attachments: [{ materialId: item.materials[0]!.id, sha256, filename: '户口簿.jpg', mime: 'image/jpeg', size: blob.size, blob }],
    })
    const sent = await runEndOfDay(db, { engine, reconcile })
    expect(sent.report).toMatchObject({ filesRequeued: 0, allClear: true })
    const [row] = await db.attachments.where('intakeId').equals(intake.id).toArray()
    expect(row?.state).toBe('uploaded')

    // The county loses the file's record after the station counted it uploaded.
    await county.server.db.execute(sql`DELETE FROM blobs WHERE sha256 = ${sha256}`)
    const lost = await runEndOfDay(db, { engine, reconcile })
    expect(lost.report).toMatchObject({ filesRequeued: 1, allClear: false })
    expect(await db.attachments.get(row!.id)).toMatchObject({ state: 'pending', bytesConfirmed: 0, lastError: { code: 'county_lacks' } })

    const again = await runEndOfDay(db, { engine, reconcile })
    expect(again.report).toMatchObject({ filesRequeued: 0, allClear: true })
    expect(await db.attachments.get(row!.id)).toMatchObject({ state: 'uploaded' })
    const held = await county.server.db.execute(sql`SELECT count(*)::int AS n FROM blobs WHERE sha256 = ${sha256}`)
    expect(JSON.stringify(held)).toContain('"n":1')
  })

  it('logs every round with the clock offset', async () => {
    const rows = await db.syncLog.toArray()
    expect(rows.length).toBeGreaterThanOrEqual(4)
    expect(rows.every((row) => row.outcome === 'ok' && typeof row.clockOffsetMs === 'number')).toBe(true)
    // Same machine, same clock: far below the warning threshold.
    expect(Math.abs(engine.getStatus().clockOffsetMs ?? Infinity)).toBeLessThan(60_000)
  })
})
