import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminIntakeListResponseSchema, adminIntakeResponseSchema, loginResponseSchema } from '../../shared/admin'
import { pullResponseSchema, pushResponseSchema, type MutationInput } from '../../shared/protocol'
import { residentIdCheckChar } from '../../shared/validators'
import { WRONG_DATA_KEY } from '../../server/at-rest/county-at-rest'
import { DEMO_REVIEWER_PASSWORD, resolveConfig } from '../../server/config'
import { DEMO_REVIEWER } from '../../server/seed/demo-stations'
import { startCountyServer, type CountyServer } from '../../server/start-county-server'
import { bearer, enroll, ID_NUMBER, itemWith, stationMutation, submitMutation, TEST_DATA_KEY, testConfig } from './county-fixture'
import { databaseTargets, type PreparedDatabase } from './databases'

const targets = await databaseTargets()

const STATION = 'MHZ01'
const AGENT_ID = `53282219800101001${residentIdCheckChar('53282219800101001')}`
const APPLICANT_PHONE = '13908810001'
const AGENT_PHONE = '13608819999'
const REPORT_PHONE = '13908810077'
const TUS = { 'tus-resumable': '1.0.0' }
/** Text that must never be found on the county's disk in clear, however the file is cut into segments. */
const FILE_MARKER = Buffer.from('PLAIN-ATTACHMENT-MARKER ')

const rowsOf = (result: unknown) => (result as { rows: Record<string, unknown>[] }).rows

/** Every file below `dir`, read whole. */
function filesUnder(dir: string): Buffer[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => readFileSync(path))
}

// Issue 10 §5 (county at rest) and issue 11 §3 (inbox search): ID numbers and phones are sealed in
// every table that holds them and attachments on disk, the API still shows them, a restart with
// the same key reads everything and a wrong key stops the start; the inbox finds an intake by
// number, name, phone and ID number, within a reviewer's department.
describe.each(targets)('county data at rest and inbox search on $name', (target) => {
  let database: PreparedDatabase
  let dataDir: string
  let filesDir: string
  let server: CountyServer
  let admin: string
  let device: { token: string }
  let submitted: Extract<MutationInput, { type: 'intake.submit' }>
  let fileBytes: Buffer
  const inject = (options: InjectOptions) => server.app.inject(options)
  const configWith = (dataKey: string) =>
    testConfig({ dataDir: target.name === 'pglite' ? dataDir : 'memory://', databaseUrl: database.databaseUrl, filesDir, dataKey })
  const tokenOf = async (username: string, password: string) => {
    const response = await inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username, password } })
    expect(response.statusCode, response.body).toBe(200)
    return loginResponseSchema.parse(response.json()).token
  }
  const search = async (token: string, q: string) => {
    const response = await inject({ method: 'GET', url: `/api/v1/admin/intakes?q=${encodeURIComponent(q)}`, headers: bearer(token) })
    expect(response.statusCode, response.body).toBe(200)
    return adminIntakeListResponseSchema.parse(response.json()).intakes.map((intake) => intake.intakeNo)
  }

  const createUpload = async (bytes: Buffer): Promise<string> => {
    const metadata = {
      sha256: createHash('sha256').update(bytes).digest('hex'),
      intakeId: submitted.entityId,
      materialId: 'M01',
      filename: '户口簿.jpg',
      mime: 'image/jpeg',
    }
    const created = await inject({
      method: 'POST',
      url: '/api/v1/files/',
      headers: {
        ...bearer(device.token),
        ...TUS,
        'upload-length': String(bytes.length),
        'upload-metadata': Object.entries(metadata)
          .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
          .join(','),
      },
    })
    expect(created.statusCode, created.body).toBe(201)
    return String(created.headers.location)
  }
  const patchAt = (location: string, offset: number, body: Buffer) =>
    inject({
      method: 'PATCH',
      url: location,
      headers: { ...bearer(device.token), ...TUS, 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset) },
      payload: body,
    })

  beforeAll(async () => {
    database = await target.prepare()
    dataDir = mkdtempSync(join(tmpdir(), 'at-rest-data-'))
    filesDir = mkdtempSync(join(tmpdir(), 'at-rest-files-'))
    server = await startCountyServer(configWith(TEST_DATA_KEY))
    admin = await tokenOf('admin', 'menghai2026')
    device = await enroll(server, STATION)

    // A 代办 intake: the applicant's and the agent's ID numbers and phones.
    const item = itemWith((candidate) => candidate.department !== DEMO_REVIEWER.department)
    submitted = submitMutation(STATION, item, {
      applicant: { kind: 'person', name: '玉罕香', idNumber: ID_NUMBER, phone: APPLICANT_PHONE, address: '勐海县勐海镇曼真村' },
      serviceMode: 'proxy',
      assistReason: 'elderly',
      proxyAuthorization: '授权委托书',
      agent: { name: '岩温代', idNumber: AGENT_ID, phone: AGENT_PHONE, relationship: '儿子' },
    })
    const reportId = randomUUID()
    const report = stationMutation('report.record', reportId, {
      id: reportId,
      stationCode: STATION,
      residentName: '岩罕',
      residentPhone: REPORT_PHONE,
      description: '想办理的事项本站未进驻',
      staffName: '岩温',
      createdAt: '2026-11-28T04:00:00.000Z',
    })
    const pushed = await inject({ method: 'POST', url: '/api/v1/push', headers: bearer(device.token), payload: { mutations: [submitted, report] } })
    expect(pushResponseSchema.parse(pushed.json()).results.map((result) => result.status)).toEqual(['applied', 'applied'])

    // Three segments and a bit (64 KiB each), the marker throughout.
    fileBytes = Buffer.concat([...Array.from({ length: 9000 }, () => FILE_MARKER), randomBytes(1000)])
    const location = await createUpload(fileBytes)
    // Two PATCHes, the second resuming mid-segment: the partial file is encrypted as it grows.
    for (const [from, to] of [
      [0, 100_001],
      [100_001, fileBytes.length],
    ] as const) {
      const patched = await patchAt(location, from, fileBytes.subarray(from, to))
      expect(patched.statusCode, patched.body).toBe(204)
      if (to < fileBytes.length) for (const file of filesUnder(filesDir)) expect(file.includes(FILE_MARKER)).toBe(false)
    }
  }, 180_000)

  afterAll(async () => {
    await server?.close()
    await database?.dispose()
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(filesDir, { recursive: true, force: true })
  })

  it('keeps no ID number or phone in clear in any table, and shows them through the API and to the station', async () => {
    const secrets = [ID_NUMBER, AGENT_ID, APPLICANT_PHONE, AGENT_PHONE, REPORT_PHONE]
    const tables = await Promise.all([
      server.db.execute(sql`SELECT payload::text AS text FROM intakes`),
      server.db.execute(sql`SELECT coalesce(hand_over::text, '') AS text FROM intakes`),
      server.db.execute(sql`SELECT payload::text AS text FROM mutations`),
      server.db.execute(sql`SELECT coalesce(data::text, '') AS text FROM changes`),
      server.db.execute(sql`SELECT resident_phone || resident_name AS text FROM reports`),
    ])
    const stored = tables.flatMap((result) => rowsOf(result).map((row) => String(row.text))).join('\n')
    expect(stored).toContain('玉罕香')
    for (const secret of secrets) expect(stored).not.toContain(secret)
    expect(stored).toContain('enc1:')

    const detail = await inject({ method: 'GET', url: `/api/v1/admin/intakes/${submitted.entityId}`, headers: bearer(admin) })
    expect(adminIntakeResponseSchema.parse(detail.json()).intake.payload).toMatchObject({
      applicant: { idNumber: ID_NUMBER, phone: APPLICANT_PHONE },
      agent: { idNumber: AGENT_ID, phone: AGENT_PHONE },
    })
    const reports = await inject({ method: 'GET', url: '/api/v1/admin/reports', headers: bearer(admin) })
    expect(reports.body).toContain(REPORT_PHONE)

    // Another device of the station pulls the intake in plain text (it seals its own copy).
    const other = await enroll(server, STATION)
    const pulled = pullResponseSchema.parse((await inject({ method: 'GET', url: '/api/v1/pull?limit=500', headers: bearer(other.token) })).json())
    expect(pulled.changes.find((change) => change.entity === 'intake' && change.id === submitted.entityId)?.data).toMatchObject({
      applicant: { idNumber: ID_NUMBER, phone: APPLICANT_PHONE },
      agent: { idNumber: AGENT_ID },
    })
  })

  it('keeps no attachment in clear on disk, yet downloads the same bytes and answers HEAD by the plain SHA-256', async () => {
    const files = filesUnder(filesDir)
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) expect(file.includes(FILE_MARKER)).toBe(false)
    const sha256 = createHash('sha256').update(fileBytes).digest('hex')
    const download = await inject({ method: 'GET', url: `/api/v1/admin/files/${sha256}`, headers: bearer(admin) })
    expect(download.statusCode).toBe(200)
    expect(download.rawPayload.equals(fileBytes)).toBe(true)
    expect((await inject({ method: 'HEAD', url: `/api/v1/blobs/${sha256}`, headers: bearer(device.token) })).statusCode).toBe(200)
  })

  it('finds an intake by number, name, phone and ID number, and a reviewer of another department finds nothing', async () => {
    const intakeNo = submitted.payload.intakeNo
    expect(await search(admin, intakeNo)).toEqual([intakeNo])
    expect(await search(admin, intakeNo.slice(0, -2))).toContain(intakeNo)
    expect(await search(admin, '罕香')).toEqual([intakeNo])
    expect(await search(admin, '139 0881 0001')).toEqual([intakeNo])
    expect(await search(admin, ID_NUMBER.toLowerCase())).toEqual([intakeNo])
    expect(await search(admin, AGENT_ID)).toEqual([intakeNo])
    expect(await search(admin, AGENT_PHONE)).toEqual([intakeNo])
    // Exact only: part of an ID number or phone finds nothing (the server holds only their hashes).
    expect(await search(admin, ID_NUMBER.slice(0, 17))).toEqual([])
    expect(await search(admin, APPLICANT_PHONE.slice(0, 10))).toEqual([])

    const reviewer = await tokenOf(DEMO_REVIEWER.username, DEMO_REVIEWER_PASSWORD)
    for (const q of [intakeNo, '罕香', APPLICANT_PHONE, ID_NUMBER]) expect(await search(reviewer, q)).toEqual([])
    // The same searches reach an intake of the reviewer's own department.
    const own = submitMutation(
      STATION,
      itemWith((candidate) => candidate.department === DEMO_REVIEWER.department),
      {
        applicant: { kind: 'person', name: '玉罕香', idNumber: ID_NUMBER, phone: APPLICANT_PHONE, address: '勐海县勐海镇曼真村' },
      },
    )
    const pushed = await inject({ method: 'POST', url: '/api/v1/push', headers: bearer(device.token), payload: { mutations: [own] } })
    expect(pushResponseSchema.parse(pushed.json()).results[0]?.status).toBe('applied')
    for (const q of [own.payload.intakeNo, '罕香', APPLICANT_PHONE, ID_NUMBER]) expect(await search(reviewer, q)).toEqual([own.payload.intakeNo])
    expect((await search(admin, ID_NUMBER)).sort()).toEqual([intakeNo, own.payload.intakeNo].sort())
  })

  it('reads everything after a restart with the same key, and refuses to start with another key', async () => {
    // What a county stored before encryption: a plain ID number without its hash, a plain file.
    const legacyBytes = Buffer.concat([FILE_MARKER, Buffer.from('legacy attachment')])
    const legacySha = createHash('sha256').update(legacyBytes).digest('hex')
    await server.db.execute(sql`
      UPDATE intakes SET payload = jsonb_set(payload, '{applicant,idNumber}', to_jsonb(${ID_NUMBER}::text)), applicant_id_hash = NULL
      WHERE id = ${submitted.entityId}`)
    await server.db.execute(sql`
      INSERT INTO blobs (station_code, sha256, size, filename, mime, intake_id, material_id, device_id)
      SELECT station_code, ${legacySha}, ${legacyBytes.length}, '旧附件.pdf', 'application/pdf', intake_id, material_id, device_id FROM blobs LIMIT 1`)
    await server.db.execute(sql`UPDATE county_data_key SET rows_sealed_at = NULL, files_sealed_at = NULL`)
    // An upload under way when the county is upgraded starts again from byte 0.
    const unfinishedBytes = randomBytes(5000)
    const unfinished = await createUpload(unfinishedBytes)
    expect((await patchAt(unfinished, 0, unfinishedBytes.subarray(0, 1000))).statusCode).toBe(204)
    mkdirSync(join(filesDir, 'blobs', legacySha.slice(0, 2)), { recursive: true })
    writeFileSync(join(filesDir, 'blobs', legacySha.slice(0, 2), legacySha), legacyBytes)
    await server.close()
    await expect(startCountyServer(configWith(randomBytes(32).toString('hex')))).rejects.toThrow(WRONG_DATA_KEY)
    expect(() => resolveConfig({ env: { COUNTY_DATA_KEY: 'too-short' }, overrides: { dataDir: 'memory://' } })).toThrow(/COUNTY_DATA_KEY 应为32字节/)

    server = await startCountyServer(configWith(TEST_DATA_KEY))
    admin = await tokenOf('admin', 'menghai2026')
    // Found through the hash the start filled in again.
    expect(await search(admin, ID_NUMBER)).toContain(submitted.payload.intakeNo)
    const detail = await inject({ method: 'GET', url: `/api/v1/admin/intakes/${submitted.entityId}`, headers: bearer(admin) })
    expect(adminIntakeResponseSchema.parse(detail.json()).intake.payload).toMatchObject({ applicant: { idNumber: ID_NUMBER } })
    const download = await inject({ method: 'GET', url: `/api/v1/admin/files/${createHash('sha256').update(fileBytes).digest('hex')}`, headers: bearer(admin) })
    expect(download.rawPayload.equals(fileBytes)).toBe(true)

    // The start sealed the older row and file.
    const raw = rowsOf(await server.db.execute(sql`SELECT payload::text AS text FROM intakes`)).map((row) => String(row.text))
    for (const text of raw) expect(text).not.toContain(ID_NUMBER)
    for (const file of filesUnder(filesDir)) expect(file.includes(FILE_MARKER)).toBe(false)
    const legacy = await inject({ method: 'GET', url: `/api/v1/admin/files/${legacySha}`, headers: bearer(admin) })
    expect(legacy.rawPayload.equals(legacyBytes)).toBe(true)
    const resumed = await inject({ method: 'HEAD', url: unfinished, headers: { ...bearer(device.token), ...TUS } })
    expect(resumed.headers['upload-offset']).toBe('0')
    expect((await patchAt(unfinished, 0, unfinishedBytes)).statusCode).toBe(204)
    const sent = await inject({
      method: 'GET',
      url: `/api/v1/admin/files/${createHash('sha256').update(unfinishedBytes).digest('hex')}`,
      headers: bearer(admin),
    })
    expect(sent.rawPayload.equals(unfinishedBytes)).toBe(true)
  }, 120_000)
})
