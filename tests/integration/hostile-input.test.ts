import { randomUUID } from 'node:crypto'
import { connect } from 'node:net'
import { createDeflateRaw } from 'node:zlib'
import { sql } from 'drizzle-orm'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminIntakeResponseSchema, adminStationListResponseSchema } from '../../shared/admin'
import { catalogFileSchema, catalogImportResponseSchema } from '../../shared/catalog-admin'
import { pushResponseSchema } from '../../shared/protocol'
import { decodeCsvBytes, parseCsv, writeCsv } from '../../server/services/catalog/import/csv'
import { startCountyServer, type CountyServer } from '../../server/start-county-server'
import { bearer, enroll, ID_NUMBER, itemWith, operatorToken, stationMutation, submitMutation, testConfig } from './county-fixture'
import { databaseTargets, type PreparedDatabase } from './databases'

/**
 * The hostile inputs of issue 10 against a real county server, each answered with a 4xx and
 * none with a 5xx: nesting past the JSON depth limit, lone surrogates, NUL in tus metadata,
 * an endless chunked upload, a supplement note whose cut falls inside an emoji, a zip whose
 * directory lies about its sizes, a formula in an exported CSV, a reviewer reading codes,
 * and a device filling the disk with unfinished uploads. The whole file's log is captured:
 * no ID number may appear in it.
 */

const targets = await databaseTargets()

const STATION = 'MHZ01'
const MAX_UPLOAD = 64 * 1024
const TUS = { 'tus-resumable': '1.0.0' }
type LogLine = { msg?: string; code?: string; res?: { statusCode?: number }; req?: { url?: string } }

const encodeMetadata = (metadata: Record<string, string>) =>
  Object.entries(metadata)
    .map(([key, value]) => `${key} ${Buffer.from(value, 'utf8').toString('base64')}`)
    .join(',')

/** A zip with one deflated entry of `inflatedBytes` zeros whose directory claims 1,000 bytes, built in pieces. */
async function lyingZipBomb(inflatedBytes: number): Promise<Buffer> {
  const deflater = createDeflateRaw({ level: 9 })
  const compressed: Buffer[] = []
  deflater.on('data', (piece: Buffer) => compressed.push(piece))
  const finished = new Promise((resolve) => deflater.on('end', resolve))
  const zeros = Buffer.alloc(1024 * 1024)
  for (let written = 0; written < inflatedBytes; written += zeros.length) {
    if (!deflater.write(zeros)) await new Promise((resolve) => deflater.once('drain', resolve))
  }
  deflater.end()
  await finished
  const data = Buffer.concat(compressed)
  const name = Buffer.from('xl/worksheets/sheet1.xml')
  const claimed = 1000
  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034b50, 0)
  local.writeUInt16LE(20, 4)
  local.writeUInt16LE(8, 8)
  local.writeUInt32LE(data.length, 18)
  local.writeUInt32LE(claimed, 22)
  local.writeUInt16LE(name.length, 26)
  const central = Buffer.alloc(46)
  central.writeUInt32LE(0x02014b50, 0)
  central.writeUInt16LE(20, 4)
  central.writeUInt16LE(20, 6)
  central.writeUInt16LE(8, 10)
  central.writeUInt32LE(data.length, 20)
  central.writeUInt32LE(claimed, 24)
  central.writeUInt16LE(name.length, 28)
  central.writeUInt32LE(0, 42)
  const centralOffset = local.length + name.length + data.length
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(1, 8)
  end.writeUInt16LE(1, 10)
  end.writeUInt32LE(central.length + name.length, 12)
  end.writeUInt32LE(centralOffset, 16)
  return Buffer.concat([local, name, data, central, name, end])
}

describe.each(targets)('hostile input on $name', (target) => {
  let database: PreparedDatabase
  let server: CountyServer
  let device: string
  let admin: string
  const logged: string[] = []
  const inject = (options: InjectOptions) => server.app.inject(options)
  const push = (mutations: unknown[]) => inject({ method: 'POST', url: '/api/v1/push', headers: bearer(device), payload: { mutations } })
  const createUpload = (length: number, metadata: Record<string, string>) =>
    inject({
      method: 'POST',
      url: '/api/v1/files/',
      headers: { ...bearer(device), ...TUS, 'upload-length': String(length), 'upload-metadata': encodeMetadata(metadata) },
    })
  const goodMetadata = () => ({ sha256: 'a'.repeat(64), intakeId: randomUUID(), materialId: 'M01', filename: '户口簿.jpg', mime: 'image/jpeg' })

  beforeAll(async () => {
    database = await target.prepare()
    const stream = { write: (line: string) => void logged.push(line) }
    const config = testConfig({
      dataDir: database.dataDir ?? 'memory://',
      databaseUrl: database.databaseUrl,
      logLevel: 'info',
      maxUploadBytes: MAX_UPLOAD,
      deviceUnfinishedUploadBytes: MAX_UPLOAD,
    })
    server = await startCountyServer(config, { logStream: stream })
    device = (await enroll(server, STATION)).token
    admin = await operatorToken(server)
  })
  afterAll(async () => {
    await server?.close()
    await database?.dispose()
  })

  it('refuses JSON nested past the depth limit with 400 on every kind of route, before parsing it', async () => {
    const deep = `{"mutations":${'['.repeat(200_000)}${']'.repeat(200_000)}}`
    const routes: [string, Record<string, string>][] = [
      ['/api/v1/push', bearer(device)],
      ['/api/v1/admin/login', {}],
      ['/api/v1/enroll', {}],
      ['/api/v1/admin/catalog/import', bearer(admin)],
    ]
    for (const [url, headers] of routes) {
      const response = await inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/json' }, payload: deep })
      expect(response.statusCode, url).toBe(400)
      expect(response.json().error.message).toContain('嵌套超过')
    }
    // Deep but within the limit: an ordinary 400 from the schema, not a crash.
    const shallow = await push([{ nested: JSON.parse(`${'['.repeat(50)}${']'.repeat(50)}`) }])
    expect(shallow.statusCode).toBe(400)
  })

  it('refuses lone surrogates in any text field, or key, with 400 naming the field', async () => {
    const mutation = submitMutation(
      STATION,
      itemWith(() => true),
    )
    const payload = mutation.payload as unknown as { applicant: Record<string, unknown> }
    const highAlone = { ...mutation, payload: { ...payload, applicant: { ...payload.applicant, address: '勐海镇\ud83d曼真村' } } }
    const response = await push([highAlone])
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toMatchObject({
      code: 'bad_request',
      path: 'mutations.0.payload.applicant.address',
      message: expect.stringContaining('代理项'),
    })

    const lowAlone = await inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: 'admin\ude00', password: 'x' } })
    expect(lowAlone.statusCode).toBe(400)
    expect(lowAlone.json().error.path).toBe('username')
    const inKey = await push([{ ...mutation, payload: { ...payload, ['\ud800key']: 1 } }])
    expect(inKey.statusCode).toBe(400)
    // A whole pair is text like any other.
    const emoji = await push([
      submitMutation(
        STATION,
        itemWith(() => true),
        { staffName: '岩温😀' },
      ),
    ])
    expect(emoji.statusCode).toBe(200)
  })

  it('applies a supplement whose history note is cut inside an emoji, cutting before it', async () => {
    const submit = submitMutation(
      STATION,
      itemWith((item) => item.handling === '1'),
    )
    expect(pushResponseSchema.parse((await push([submit])).json()).results[0]?.status).toBe('applied')
    // "补交材料：户口簿；" is 9 characters; the note puts the emoji's first half at the 999th unit, where the cut falls.
    const note = `${'甲'.repeat(989)}😀${'乙'.repeat(8)}`
    const supplement = stationMutation('intake.supplement', submit.entityId, {
      intakeId: submit.entityId,
      materials: [{ materialId: 'M01', name: '户口簿', status: 'provided', form: 'copy', count: 1 }],
      note,
      staffName: '岩温',
      createdAt: '2026-11-28T03:00:00.000Z',
    })
    const response = await push([supplement])
    expect(response.statusCode).toBe(200)
    expect(pushResponseSchema.parse(response.json()).results[0]?.status).toBe('applied')
    const intake = await inject({ method: 'GET', url: `/api/v1/admin/intakes/${submit.entityId}`, headers: bearer(admin) })
    const last = adminIntakeResponseSchema.parse(intake.json()).intake.decision.history.at(-1)!.note!
    expect(last).toBe(`补交材料：户口簿；${'甲'.repeat(989)}…`)
    expect(last.length).toBeLessThanOrEqual(1000)
  })

  it('refuses NUL and other control characters in tus metadata with 400', async () => {
    for (const filename of ['a\u0000b.jpg', '户口簿\n.jpg', 'x\u001b[31m.jpg', 'x\u0085.jpg']) {
      const response = await createUpload(10, { ...goodMetadata(), filename })
      expect(response.statusCode, JSON.stringify(filename)).toBe(400)
      expect(response.json().error).toMatchObject({ path: 'Upload-Metadata.filename', message: expect.stringContaining('控制字符') })
    }
  })

  it('stops reading an endless chunked upload at the file length and answers 413, closing the connection', async () => {
    const created = await createUpload(1000, goodMetadata())
    expect(created.statusCode).toBe(201)
    const location = created.headers.location as string
    const url = new URL(server.url)
    const socket = connect({ host: url.hostname, port: Number(url.port) })
    const ceiling = 256 * 1024 * 1024
    let answer = ''
    let sent = 0
    let closed = false
    socket.on('data', (piece) => (answer += piece.toString('latin1')))
    const ended = new Promise<void>((resolve) => {
      socket.on('close', () => resolve())
      socket.on('error', () => undefined)
    })
    socket.on('close', () => (closed = true))
    socket.write(
      `PATCH ${location} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${device}\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n` +
        'Content-Type: application/offset+octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n',
    )
    const piece = Buffer.alloc(64 * 1024, 0x61)
    // A body that would go on for 256 MiB: the county must answer long before its end.
    while (!closed && answer === '' && sent < ceiling) {
      const frame = Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')])
      if (!socket.write(frame)) await new Promise((resolve) => socket.once('drain', resolve).once('close', resolve))
      sent += piece.length
    }
    socket.destroy()
    await ended
    expect(sent).toBeLessThan(ceiling)
    if (answer !== '') expect(answer).toMatch(/^HTTP\/1\.1 413 /)
    const refusal = logged.map((line) => JSON.parse(line) as LogLine).find((line) => line.msg === 'request refused' && line.code === 'too_large')
    expect(refusal).toBeDefined()
    const head = await inject({ method: 'HEAD', url: location, headers: { ...bearer(device), ...TUS } })
    expect(head.headers['upload-offset']).toBe('0')
  })

  it('caps the bytes one device holds in unfinished uploads with 409', async () => {
    const first = await createUpload(MAX_UPLOAD, goodMetadata())
    expect(first.statusCode).toBe(201)
    const location = first.headers.location as string
    const half = Buffer.alloc(MAX_UPLOAD / 2, 0x62)
    const appended = await inject({
      method: 'PATCH',
      url: location,
      headers: { ...bearer(device), ...TUS, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      payload: half,
    })
    expect(appended.statusCode).toBe(204)
    const second = await createUpload(MAX_UPLOAD, goodMetadata())
    expect(second.statusCode).toBe(409)
    expect(second.json().error.message).toContain('未传完的附件')
    // Finishing the first would still fit: its own bytes are not counted twice.
    const more = await inject({
      method: 'PATCH',
      url: location,
      headers: { ...bearer(device), ...TUS, 'upload-offset': String(half.length), 'content-type': 'application/offset+octet-stream' },
      payload: Buffer.alloc(10, 0x62),
    })
    expect(more.statusCode).toBe(204)
  })

  it('gives a department reviewer the station list without any enrollment code', async () => {
    const login = await inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: 'minzheng', password: 'minzheng2026' } })
    const reviewer = (login.json() as { token: string }).token
    const listed = await inject({ method: 'GET', url: '/api/v1/admin/stations', headers: bearer(reviewer) })
    expect(listed.statusCode).toBe(200)
    adminStationListResponseSchema.parse(listed.json())
    for (const { code } of server.enrollmentCodes) expect(listed.body).not.toContain(code)
    expect(listed.body).not.toMatch(/"code":"[A-HJ-NP-Z2-9]{8}"/)
    const issued = await inject({ method: 'POST', url: `/api/v1/admin/stations/${STATION}/enrollment-codes`, headers: bearer(reviewer), payload: {} })
    expect(issued.statusCode).toBe(403)
  })

  it('exports a formula in the catalog as text: =HYPERLINK(…) leaves behind an apostrophe and imports back unchanged', async () => {
    const exportCsv = async () => {
      const file = catalogFileSchema.parse((await inject({ method: 'GET', url: '/api/v1/admin/catalog/export?format=csv', headers: bearer(admin) })).json())
      return Buffer.from(file.contentBase64, 'base64')
    }
    const decoded = decodeCsvBytes(await exportCsv())
    const parsed = decoded.ok ? parseCsv(decoded.text) : undefined
    if (!parsed?.ok) throw new Error('export is not CSV')
    const rows = parsed.rows
    const nameColumn = rows[0]!.indexOf('事项名称')
    const formula = '=HYPERLINK("http://evil.example/","点此办理")'
    const itemId = rows[1]![0]
    for (const row of rows.slice(1)) if (row[0] === itemId) row[nameColumn] = formula
    // The attacker's file carries the formula as it is, not neutralised.
    const hostileCsv = Buffer.from(`\uFEFF${rows.map((row) => row.map((cell) => `"${cell.replaceAll('"', '""')}"`).join(',')).join('\r\n')}\r\n`)
    const imported = catalogImportResponseSchema.parse(
      (
        await inject({
          method: 'POST',
          url: '/api/v1/admin/catalog/import',
          headers: bearer(admin),
          payload: { fileName: '目录.csv', contentBase64: hostileCsv.toString('base64') },
        })
      ).json(),
    )
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors))
    expect(
      (await inject({ method: 'POST', url: '/api/v1/admin/catalog/publish', headers: bearer(admin), payload: { draftId: imported.draftId } })).statusCode,
    ).toBe(200)

    const text = (await exportCsv()).toString('utf8')
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/"",""点此办理"")"`)
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m)
    const again = decodeCsvBytes(Buffer.from(text, 'utf8'))
    const reread = again.ok ? parseCsv(again.text) : undefined
    expect(reread?.ok && reread.rows.some((row) => row[nameColumn] === formula)).toBe(true)
    expect(writeCsv([['+cmd|calc'], ['@SUM(A1)'], ['-1'], ['\tx'], ['普通']]).toString('utf8')).toBe("\uFEFF'+cmd|calc\r\n'@SUM(A1)\r\n'-1\r\n'\tx\r\n普通\r\n")
  })

  it('stops a zip bomb whose directory lies about its sizes, with memory growth under 96 MiB', async () => {
    // 512 MiB of zeros that the directory calls 1,000 bytes; inflated whole it would take 512 MiB.
    const bomb = await lyingZipBomb(512 * 1024 * 1024)
    expect(bomb.length).toBeLessThan(5 * 1024 * 1024)
    const payload = { fileName: '目录.xlsx', contentBase64: bomb.toString('base64') }
    const before = process.memoryUsage()
    let peak = { rss: before.rss, arrayBuffers: before.arrayBuffers }
    const sampler = setInterval(() => {
      const now = process.memoryUsage()
      peak = { rss: Math.max(peak.rss, now.rss), arrayBuffers: Math.max(peak.arrayBuffers, now.arrayBuffers) }
    }, 5)
    const response = await inject({ method: 'POST', url: '/api/v1/admin/catalog/import', headers: bearer(admin), payload })
    clearInterval(sampler)
    expect(response.statusCode).toBe(400)
    expect(response.json().error.message).toContain('解压后过大')
    const bound = 96 * 1024 * 1024
    expect(peak.arrayBuffers - before.arrayBuffers).toBeLessThan(bound)
    expect(peak.rss - before.rss).toBeLessThan(bound)
  })

  it('leaves no ID number in the log after a push of bad data, a bad query and a failed database statement', async () => {
    const mutation = submitMutation(
      STATION,
      itemWith(() => true),
    )
    const payload = mutation.payload as unknown as { applicant: Record<string, unknown> }
    expect((await push([{ ...mutation, payload: { ...payload, applicant: { ...payload.applicant, name: '玉\ud83d香' } } }])).statusCode).toBe(400)
    expect((await push([{ ...mutation, payload: { ...payload, materials: ID_NUMBER } }])).statusCode).toBe(400)
    const malformed = await inject({
      method: 'POST',
      url: '/api/v1/push',
      headers: { ...bearer(device), 'content-type': 'application/json' },
      payload: `{"mutations":[{"idNumber":"${ID_NUMBER}"`,
    })
    expect(malformed.statusCode).toBe(400)
    expect((await inject({ method: 'GET', url: `/api/v1/pull?cursor=${ID_NUMBER}&idNumber=${ID_NUMBER}`, headers: bearer(device) })).statusCode).toBe(400)
    // A real database error carrying the value in its message and parameters, logged as a failed request would be.
    const failure = await server.db.execute(sql`SELECT ${ID_NUMBER}::int AS n`).then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(String((failure as Error).message)).toContain(ID_NUMBER)
    server.app.log.error({ err: failure }, 'request failed')

    const log = logged.join('')
    expect(log).toContain('request failed')
    expect(log).toContain('request refused')
    expect(log).not.toContain(ID_NUMBER)
    expect(log).not.toContain(ID_NUMBER.slice(0, 17))
    expect(log).not.toContain('13908810001')
  })
})
