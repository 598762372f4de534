import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deviceSyncLogResponseSchema } from '../../shared/admin'
import { pullResponseSchema } from '../../shared/protocol'
import { bearer, enroll, itemWith, operatorToken, startTestCounty, submitMutation, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'
import { insertSyncLogRow, listSyncLogRows } from '../../server/repositories/sync-log-repository'

const targets = await databaseTargets()

describe.each(targets)('device sync log on $name', (target) => {
  let county: TestCounty
  let token: string
  let filesDir: string
  const inject = (options: InjectOptions) => county.server.app.inject(options)
  const syncLog = (deviceId: string, operator = token) =>
    inject({ method: 'GET', url: `/api/v1/admin/devices/${deviceId}/sync-log`, headers: bearer(operator) })

  beforeAll(async () => {
    filesDir = mkdtempSync(join(tmpdir(), 'sync-log-test-'))
    county = await startTestCounty(target, { filesDir })
    token = await operatorToken(county.server)
  })
  afterAll(async () => {
    await county?.close()
    rmSync(filesDir, { recursive: true, force: true })
  })

  it('lists each push and pull of a device with its counts, newest first, apart from other devices', async () => {
    const device = await enroll(county.server, 'MHZ01')
    const other = await enroll(county.server, 'MZZJZ01')
    const before = deviceSyncLogResponseSchema.parse((await syncLog(device.deviceId)).json())
    expect(before).toMatchObject({ deviceId: device.deviceId, stationCode: 'MHZ01', lastSyncAt: null, entries: [] })

    const mutation = submitMutation(
      'MHZ01',
      itemWith((item) => !item.acceptOnReceipt),
    )
    const push = await inject({ method: 'POST', url: '/api/v1/push', headers: bearer(device.token), payload: { mutations: [mutation, mutation] } })
    expect(push.statusCode).toBe(200)
    const pull = await inject({ method: 'GET', url: '/api/v1/pull?cursor=&limit=5', headers: bearer(device.token) })
    expect(pull.statusCode).toBe(200)
    const pulled = pullResponseSchema.parse(pull.json()).changes.length
    const otherPull = await inject({ method: 'GET', url: '/api/v1/pull?cursor=&limit=3', headers: bearer(other.token) })
    expect(otherPull.statusCode).toBe(200)

    const response = await syncLog(device.deviceId)
    expect(response.statusCode).toBe(200)
    const log = deviceSyncLogResponseSchema.parse(response.json())
    expect(log.entries.map((entry) => entry.kind)).toEqual(['pull', 'push'])
    expect(log.entries[0]).toMatchObject({ statusCode: 200, summary: { changes: pulled, more: true } })
    expect(log.entries[1]).toMatchObject({ statusCode: 200, summary: { mutations: 2, applied: 1, duplicate: 1, rejected: 0 } })
    expect(log.lastSyncAt).toBe(log.entries[0]?.at)

    const otherLog = deviceSyncLogResponseSchema.parse((await syncLog(other.deviceId)).json())
    expect(otherLog).toMatchObject({ stationCode: 'MZZJZ01', entries: [{ kind: 'pull', summary: { changes: 3 } }] })
  })

  it('answers 404 for an unknown device, 400 for a bad id and 401 without a session', async () => {
    const unknown = await syncLog('00000000-0000-4000-8000-000000000000')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().error.code).toBe('not_found')
    expect((await syncLog('not-a-uuid')).statusCode).toBe(400)
    expect((await inject({ method: 'GET', url: '/api/v1/admin/devices/00000000-0000-4000-8000-000000000000/sync-log' })).statusCode).toBe(401)
  })

  it('keeps only the newest rows of a device when it writes one', async () => {
    const device = await enroll(county.server, 'MHZ01')
    for (let changes = 1; changes <= 5; changes++) {
      await insertSyncLogRow(
        county.server.db,
        { deviceId: device.deviceId, stationCode: 'MHZ01', kind: 'pull', statusCode: 200, summary: { changes }, at: new Date() },
        3,
      )
    }
    const rows = await listSyncLogRows(county.server.db, device.deviceId, 10)
    expect(rows.map((row) => row.summary.changes)).toEqual([5, 4, 3])
  })

  it('logs a finished upload once, and a reconcile with its counts', async () => {
    const device = await enroll(county.server, 'MHZ01')
    const tus = { ...bearer(device.token), 'tus-resumable': '1.0.0' }
    const file = randomBytes(1000)
    const metadata = {
      sha256: createHash('sha256').update(file).digest('hex'),
      intakeId: randomUUID(),
      materialId: 'M01',
      filename: '户口簿.jpg',
      mime: 'image/jpeg',
    }
    const encoded = Object.entries(metadata)
      .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
      .join(',')
    const created = await inject({
      method: 'POST',
      url: '/api/v1/files/',
      headers: { ...tus, 'upload-length': String(file.length), 'upload-metadata': encoded },
    })
    expect(created.statusCode, created.body).toBe(201)
    const location = String(created.headers.location)
    for (const [offset, end] of [
      [0, 400],
      [400, file.length],
    ] as const) {
      const chunk = { ...tus, 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset) }
      expect((await inject({ method: 'PATCH', url: location, headers: chunk, payload: file.subarray(offset, end) })).statusCode).toBe(204)
    }
    const reconcile = await inject({ method: 'POST', url: '/api/v1/reconcile', headers: bearer(device.token), payload: { day: '2026-11-28', mutations: [] } })
    expect(reconcile.statusCode, reconcile.body).toBe(200)

    const log = deviceSyncLogResponseSchema.parse((await syncLog(device.deviceId)).json())
    expect(log.entries).toMatchObject([
      { kind: 'reconcile', statusCode: 200, summary: { day: '2026-11-28', lacking: 0, differing: 0 } },
      { kind: 'upload', statusCode: 204, summary: { bytes: 1000 } },
    ])
  })
})
