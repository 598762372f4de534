import { randomBytes } from 'node:crypto'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { residentIdCheckChar } from '../../shared/validators'
import { createFaultProxy, type Fault, type FaultProxy, type ProxiedRequest } from '../../scripts/lib/fault-proxy'
import { addSimulationStations, enrollmentCodeFor, startSimCounty, type SimCounty } from '../../scripts/lib/sim-county'
import { StationDb } from '../../src-renderer/db/station-db'
import type { NewAttachment } from '../../src-renderer/features/attachments/new-attachments'
import { submitIntake } from '../../src-renderer/features/intake/submit-intake'
import { enrollDevice } from '../../src-renderer/features/setup/enroll-device'
import { sha256Hex } from '../../shared/sha256'
import { createCountyClient } from '../../src-renderer/sync/county-client'
import { createSyncEngine, type SyncEngine } from '../../src-renderer/sync/sync-engine'
import { createFileUploader, DEFAULT_CHUNK_SIZE } from '../../src-renderer/sync/upload-files'
import { bearer, operatorToken } from './county-fixture'
import { databaseTargets, type PreparedDatabase } from './databases'
import { stationActor } from './station-actor'

// The station's files step (tus-js-client's Node build, real engine, fake-indexeddb) against
// the real county server, through the fault proxy: cuts and a county restart mid-upload.
const STATION = 'FILES01'
const targets = await databaseTargets()

describe.each(targets)('station attachments reach the county on $name, resumably', (target) => {
  let prepared: PreparedDatabase
  let county: SimCounty
  let proxy: FaultProxy
  let db: StationDb
  let engine: SyncEngine
  let operator: string
  /** What reached the proxy, and which fault each request met, in order. */
  const seen: { request: ProxiedRequest; fault: Fault['kind'] }[] = []
  let faultFor: (request: ProxiedRequest) => Fault = () => ({ kind: 'pass' })

  beforeAll(async () => {
    prepared = await target.prepare()
    // PGlite in a folder of its own (so it can restart on the same data), or a fresh PostgreSQL database.
    county = await startSimCounty({ databaseUrl: prepared.databaseUrl })
    await addSimulationStations(county.server.db, [STATION])
    proxy = createFaultProxy(county, (request) => {
      const fault = faultFor(request)
      seen.push({ request, fault: fault.kind })
      return fault
    })
    const url = await proxy.open(STATION)
    db = new StationDb(`station-files-${target.name}-${process.pid}`, { indexedDB: new IDBFactory(), IDBKeyRange })
    const enrollment = await enrollDevice(db, { countyUrl: url, code: await enrollmentCodeFor(county.server.db, STATION), deviceName: '附件测试设备' })
    engine = createSyncEngine({
      db,
      client: createCountyClient({ baseUrl: url, token: enrollment.token }),
      files: createFileUploader({ baseUrl: url, token: enrollment.token, toUploadInput: async (blob) => Buffer.from(await blob.arrayBuffer()) }),
      wakeUps: () => () => undefined,
    })
    expect((await engine.syncNow()).ok).toBe(true)
    operator = await operatorToken(county.server)
  })

  afterAll(async () => {
    engine?.stop()
    db?.close()
    await proxy?.close()
    await county?.close()
    await prepared?.dispose()
  })

  let serial = 0
  async function intakeWith(files: readonly { materialIndex: number; bytes: Uint8Array; filename: string }[]): Promise<string> {
    const item = (await db.catalogItems.where('status').equals('active').toArray()).find((candidate) => candidate.materials.length >= 2)!
    serial++
    const first17 = `53282219500101${String(serial).padStart(3, '0')}`
    const attachments: NewAttachment[] = []
    for (const file of files) {
      const blob = new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' })
      attachments.push({
        materialId: item.materials[file.materialIndex]!.id,
        sha256: await sha256Hex(blob),
        filename: file.filename,
        mime: 'image/jpeg',
        size: blob.size,
        blob,
      })
    }
    const record = await submitIntake(
      db,
      {
        itemId: item.id,
        applicant: { kind: 'person', name: '岩温', idNumber: first17 + residentIdCheckChar(first17), phone: '13908812345', address: '勐海镇曼真村' },
        serviceMode: 'self',
        materials: item.materials.map((material) => ({ materialId: material.id, status: 'provided' as const })),
        staffName: '玉香',
      },
      { staff: stationActor(STATION), attachments },
    )
    return record.id
  }

  async function countyFile(sha256: string): Promise<Buffer | null> {
    const response = await county.server.app.inject({ method: 'GET', url: `/api/v1/admin/files/${sha256}`, headers: bearer(operator) })
    return response.statusCode === 200 ? response.rawPayload : null
  }

  async function missingFiles(intakeId: string): Promise<string[]> {
    const response = await county.server.app.inject({ method: 'GET', url: `/api/v1/admin/intakes/${intakeId}`, headers: bearer(operator) })
    expect(response.statusCode).toBe(200)
    return (response.json() as { intake: { missingFiles: string[] } }).intake.missingFiles
  }

  const requestsSince = (start: number, method: string, pathPart: string) =>
    seen.slice(start).filter((entry) => entry.request.method === method && entry.request.path.includes(pathPart))

  it('uploads an intake\u2019s files, each byte-identical, and marks them uploaded with the status showing the batch', async () => {
    const photo = randomBytes(DEFAULT_CHUNK_SIZE + 1000)
    const scan = randomBytes(5000)
    const intakeId = await intakeWith([
      { materialIndex: 0, bytes: photo, filename: '身份证.jpg' },
      { materialIndex: 1, bytes: scan, filename: '户口簿.jpg' },
    ])
    const result = await engine.syncNow()
    expect(result.ok).toBe(true)

    const rows = await db.attachments.where('intakeId').equals(intakeId).toArray()
    expect(rows.map((row) => [row.state, row.bytesConfirmed === row.size])).toEqual([
      ['uploaded', true],
      ['uploaded', true],
    ])
    for (const row of rows) expect(await countyFile(row.sha256)).toEqual(Buffer.from(row.filename === '身份证.jpg' ? photo : scan))
    expect(await missingFiles(intakeId)).toEqual([])
    expect(engine.getStatus().files).toEqual({ waiting: 0, bytesSent: photo.length + scan.length, bytesTotal: photo.length + scan.length, current: null })
  })

  it('skips a file the county already holds (HEAD /blobs answers 200): no tus upload at all', async () => {
    const shared = randomBytes(3000)
    await intakeWith([{ materialIndex: 0, bytes: shared, filename: '结婚证.jpg' }])
    expect((await engine.syncNow()).ok).toBe(true)

    const start = seen.length
    const again = await intakeWith([{ materialIndex: 1, bytes: shared, filename: '结婚证副本.jpg' }])
    expect((await engine.syncNow()).ok).toBe(true)
    expect(requestsSince(start, 'HEAD', '/blobs/')).toHaveLength(1)
    expect(requestsSince(start, 'POST', '/files')).toHaveLength(0)
    expect(requestsSince(start, 'PATCH', '/files')).toHaveLength(0)
    expect((await db.attachments.where('intakeId').equals(again).first())?.state).toBe('uploaded')
    expect(await missingFiles(again)).toEqual([])
  })

  it('a replayed creation answer (the upload address of a file sent before) never marks the new file uploaded; the next round sends it', async () => {
    const earlier = randomBytes(4000)
    await intakeWith([{ materialIndex: 0, bytes: earlier, filename: '户口簿.jpg' }])
    expect((await engine.syncNow()).ok).toBe(true)

    // The county creates the new upload; the station hears the answer it got for the earlier file's creation.
    const later = randomBytes(6000)
    const intakeId = await intakeWith([{ materialIndex: 0, bytes: later, filename: '结婚证.jpg' }])
    const [row] = await db.attachments.where('intakeId').equals(intakeId).toArray()
    faultFor = (request) => (request.method === 'POST' && request.path.endsWith('/files/') ? { kind: 'replayResponse' } : { kind: 'pass' })
    expect(await engine.syncNow()).toMatchObject({ ok: false, kind: 'network' })
    faultFor = () => ({ kind: 'pass' })
    const refused = await db.attachments.get(row!.id)
    expect(refused).toMatchObject({ state: 'pending', bytesConfirmed: 0 })
    expect(refused?.uploadUrl).toBeUndefined()

    // The stray address was not kept, so the next rounds cannot "resume" the earlier, complete file.
    for (let round = 0; round < 3 && (await db.attachments.get(row!.id))?.state !== 'uploaded'; round++) await engine.syncNow()
    expect((await db.attachments.get(row!.id))?.state).toBe('uploaded')
    expect(await countyFile(row!.sha256)).toEqual(later)
    expect(await missingFiles(intakeId)).toEqual([])
  })

  it('resumes after a cut answer and after a county restart mid-upload: every chunk reaches the county once, the file is byte-identical', async () => {
    const chunks = 5
    const large = randomBytes(DEFAULT_CHUNK_SIZE * (chunks - 1) + 12_345)
    const intakeId = await intakeWith([{ materialIndex: 0, bytes: large, filename: '房产证.jpg' }])
    const [row] = await db.attachments.where('intakeId').equals(intakeId).toArray()

    // The 2nd chunk: the county keeps it, the answer is cut. The 4th: the county keeps it, then restarts.
    let patches = 0
    faultFor = (request) => {
      if (request.method !== 'PATCH') return { kind: 'pass' }
      patches++
      if (patches === 2) return { kind: 'cutResponse', share: 0 }
      if (patches === 4) return { kind: 'restart' }
      return { kind: 'pass' }
    }
    const start = seen.length

    const first = await engine.syncNow()
    expect(first).toMatchObject({ ok: false, kind: 'network' })
    const afterCut = await db.attachments.get(row!.id)
    expect(afterCut?.state).toBe('uploading')
    expect(afterCut?.uploadUrl).toMatch(/\/api\/v1\/files\//)
    // The station confirmed only what it heard back about: the first chunk.
    expect(afterCut?.bytesConfirmed).toBe(DEFAULT_CHUNK_SIZE)
    expect(engine.getStatus().files?.waiting).toBe(1)

    const second = await engine.syncNow()
    expect(second).toMatchObject({ ok: false, kind: 'network' })
    expect(county.restarts).toBe(1)
    expect((await db.attachments.get(row!.id))?.uploadUrl).toBe(afterCut?.uploadUrl)

    const third = await engine.syncNow()
    expect(third.ok).toBe(true)
    faultFor = () => ({ kind: 'pass' })

    // One upload, created once; each resume asked the county where it stood (HEAD) and went on from there.
    expect(requestsSince(start, 'POST', '/files')).toHaveLength(1)
    expect(requestsSince(start, 'HEAD', afterCut!.uploadUrl!.slice(afterCut!.uploadUrl!.indexOf('/api/')))).toHaveLength(2)
    // Exactly one PATCH per chunk reached the county: the cut and the restarted chunks were not sent again.
    expect(requestsSince(start, 'PATCH', '/files').map((entry) => entry.fault)).toEqual(['pass', 'cutResponse', 'pass', 'restart', 'pass'])

    const done = await db.attachments.get(row!.id)
    expect(done).toMatchObject({ state: 'uploaded', bytesConfirmed: large.length })
    expect(await countyFile(row!.sha256)).toEqual(large)
    expect(await missingFiles(intakeId)).toEqual([])
  })
})
