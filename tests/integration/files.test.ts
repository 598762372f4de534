import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminIntakeListResponseSchema, adminIntakeResponseSchema } from '../../shared/admin'
import { FILE_SHA256_HEADER } from '../../shared/files'
import { errorBodySchema, pushResponseSchema } from '../../shared/protocol'
import { blobs, uploads } from '../../server/db/file-schema'
import { bearer, enroll, itemWith, operatorToken, startTestCounty, submitMutation, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'

const targets = await databaseTargets()

const STATION = 'MHZ01'
const OTHER_STATION = 'MZZJZ01'
const MAX_BYTES = 256 * 1024
const TUS = { 'tus-resumable': '1.0.0' }

const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
const sha256Base64 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('base64')
const encodeMetadata = (metadata: Record<string, string>) =>
  Object.entries(metadata)
    .map(([key, value]) => `${key} ${Buffer.from(value, 'utf8').toString('base64')}`)
    .join(',')

describe.each(targets)('attachments over tus on $name', (target) => {
  let county: TestCounty
  let filesDir: string
  let token: string
  let otherToken: string
  let operator: string
  const inject = (options: InjectOptions) => county.server.app.inject(options)
  const db = () => county.server.db

  beforeAll(async () => {
    filesDir = mkdtempSync(join(tmpdir(), 'files-test-'))
    county = await startTestCounty(target, { filesDir, maxUploadBytes: MAX_BYTES })
    token = (await enroll(county.server, STATION)).token
    otherToken = (await enroll(county.server, OTHER_STATION)).token
    operator = await operatorToken(county.server)
  })
  afterAll(async () => {
    await county?.close()
    rmSync(filesDir, { recursive: true, force: true })
  })

  const metadataFor = (bytes: Buffer, intakeId: string, changes: Record<string, string> = {}) => ({
    sha256: sha256Hex(bytes),
    intakeId,
    materialId: 'M01',
    filename: '户口簿首页.jpg',
    mime: 'image/jpeg',
    ...changes,
  })

  const create = (length: number, metadata: Record<string, string>, as = token) =>
    inject({
      method: 'POST',
      url: '/api/v1/files/',
      headers: { ...bearer(as), ...TUS, 'upload-length': String(length), 'upload-metadata': encodeMetadata(metadata) },
    })

  const createUpload = async (bytes: Buffer, intakeId: string, as = token): Promise<string> => {
    const response = await create(bytes.length, metadataFor(bytes, intakeId), as)
    expect(response.statusCode, response.body).toBe(201)
    const location = response.headers.location
    expect(location).toMatch(/^\/api\/v1\/files\/[0-9a-f-]{36}$/)
    return String(location)
  }

  const patch = (location: string, offset: number, chunk: Buffer, options: { checksum?: string; as?: string } = {}) =>
    inject({
      method: 'PATCH',
      url: location,
      headers: {
        ...bearer(options.as ?? token),
        ...TUS,
        'content-type': 'application/offset+octet-stream',
        'upload-offset': String(offset),
        ...(options.checksum ? { 'upload-checksum': options.checksum } : {}),
      },
      payload: chunk,
    })

  const offsetOf = async (location: string, as = token): Promise<number> => {
    const response = await inject({ method: 'HEAD', url: location, headers: { ...bearer(as), ...TUS } })
    expect(response.statusCode).toBe(200)
    return Number(response.headers['upload-offset'])
  }

  const blobStatus = async (sha256: string, as = token) => (await inject({ method: 'HEAD', url: `/api/v1/blobs/${sha256}`, headers: bearer(as) })).statusCode

  /** An intake of the station naming `attachments` on its one material, pushed to the county. */
  const pushIntake = async (attachments: string[], intakeId?: string) => {
    const item = itemWith(() => true)
    const mutation = submitMutation(STATION, item, {
      ...(intakeId ? { id: intakeId } : {}),
      materials: [{ materialId: 'M01', name: '户口簿', status: 'provided', form: 'copy', count: 1, attachments }],
    })
    if (intakeId) mutation.entityId = intakeId
    const response = await inject({ method: 'POST', url: '/api/v1/push', headers: bearer(token), payload: { mutations: [mutation] } })
    expect(pushResponseSchema.parse(response.json()).results[0]?.status).toBe('applied')
    return mutation.entityId
  }

  const adminIntake = async (id: string) => {
    const response = await inject({ method: 'GET', url: `/api/v1/admin/intakes/${id}`, headers: bearer(operator) })
    expect(response.statusCode).toBe(200)
    return adminIntakeResponseSchema.parse(response.json()).intake
  }
  const missingFilesList = async () => {
    const response = await inject({ method: 'GET', url: `/api/v1/admin/intakes?missingFiles=true&stationCode=${STATION}`, headers: bearer(operator) })
    expect(response.statusCode).toBe(200)
    return adminIntakeListResponseSchema.parse(response.json()).intakes.map((intake) => intake.id)
  }

  const uploadRows = async (sha256: string) => db().select().from(uploads).where(eq(uploads.sha256, sha256))
  const blobRows = async (sha256: string) => db().select().from(blobs).where(eq(blobs.sha256, sha256))

  it('answers OPTIONS with the tus version, extensions, size limit and checksum algorithm', async () => {
    const response = await inject({ method: 'OPTIONS', url: '/api/v1/files/' })
    expect(response.statusCode).toBe(204)
    expect(response.headers['tus-version']).toBe('1.0.0')
    expect(String(response.headers['tus-extension']).split(',')).toEqual(expect.arrayContaining(['creation', 'checksum']))
    expect(response.headers['tus-max-size']).toBe(String(MAX_BYTES))
    expect(response.headers['tus-checksum-algorithm']).toBe('sha256')
  })

  it('takes a file in several checksummed PATCHes, and the intake stops missing it', async () => {
    const file = randomBytes(100_000)
    const sha256 = sha256Hex(file)
    const intakeId = await pushIntake([sha256])

    expect((await adminIntake(intakeId)).missingFiles).toEqual([sha256])
    expect(await missingFilesList()).toContain(intakeId)
    expect(await blobStatus(sha256)).toBe(404)

    const location = await createUpload(file, intakeId)
    expect(await offsetOf(location)).toBe(0)
    const cuts = [0, 30_000, 70_000, file.length]
    for (let index = 0; index < cuts.length - 1; index++) {
      const chunk = file.subarray(cuts[index], cuts[index + 1])
      const response = await patch(location, cuts[index]!, chunk, { checksum: `sha256 ${sha256Base64(chunk)}` })
      expect(response.statusCode, response.body).toBe(204)
      expect(response.headers['upload-offset']).toBe(String(cuts[index + 1]))
      expect(response.headers['tus-resumable']).toBe('1.0.0')
    }

    expect(await blobStatus(sha256)).toBe(200)
    expect(await blobStatus(sha256, otherToken)).toBe(404)
    expect((await adminIntake(intakeId)).missingFiles).toEqual([])
    expect(await missingFilesList()).not.toContain(intakeId)
    const complete = await inject({ method: 'GET', url: `/api/v1/admin/intakes?missingFiles=false&stationCode=${STATION}`, headers: bearer(operator) })
    expect(adminIntakeListResponseSchema.parse(complete.json()).intakes.map((intake) => intake.id)).toContain(intakeId)

    const download = await inject({ method: 'GET', url: `/api/v1/admin/files/${sha256}`, headers: bearer(operator) })
    expect(download.statusCode).toBe(200)
    expect(download.headers['content-type']).toBe('image/jpeg')
    expect(download.headers['content-disposition']).toBe(`inline; filename="_____.jpg"; filename*=UTF-8''${encodeURIComponent('户口簿首页.jpg')}`)
    expect(download.headers['x-content-type-options']).toBe('nosniff')
    expect(Buffer.compare(download.rawPayload, file)).toBe(0)
    expect((await inject({ method: 'GET', url: `/api/v1/admin/files/${sha256}`, headers: bearer(token) })).statusCode).toBe(401)
    expect((await inject({ method: 'GET', url: `/api/v1/admin/files/${'0'.repeat(64)}`, headers: bearer(operator) })).statusCode).toBe(404)
  })

  it('accepts a file before its record and links it when the record arrives', async () => {
    const file = randomBytes(5_000)
    const sha256 = sha256Hex(file)
    const intakeId = randomUUID()
    const location = await createUpload(file, intakeId)
    expect((await patch(location, 0, file)).statusCode).toBe(204)
    expect(await blobStatus(sha256)).toBe(200)

    await pushIntake([sha256], intakeId)
    expect((await adminIntake(intakeId)).missingFiles).toEqual([])
  })

  it('names the file on every answer about it (File-Sha256), so a station can tell an answer about another file', async () => {
    const file = randomBytes(3_000)
    const sha256 = sha256Hex(file)
    const created = await create(file.length, metadataFor(file, randomUUID()))
    const location = String(created.headers.location)
    const progress = await inject({ method: 'HEAD', url: location, headers: { ...bearer(token), ...TUS } })
    const appended = await patch(location, 0, file)
    const held = await inject({ method: 'HEAD', url: `/api/v1/blobs/${sha256}`, headers: bearer(token) })
    expect([created, progress, appended, held].map((answer) => [answer.statusCode, answer.headers[FILE_SHA256_HEADER.toLowerCase()]])).toEqual([
      [201, sha256],
      [200, sha256],
      [204, sha256],
      [200, sha256],
    ])
    expect(String((await inject({ method: 'OPTIONS', url: '/api/v1/files/' })).headers['access-control-expose-headers'])).toContain(FILE_SHA256_HEADER)
  })

  it('answers a repeated PATCH at a stale offset with 409 and keeps the bytes once', async () => {
    const file = randomBytes(20_000)
    const location = await createUpload(file, randomUUID())
    const first = file.subarray(0, 8_000)
    expect((await patch(location, 0, first)).statusCode).toBe(204)
    const again = await patch(location, 0, first)
    expect(again.statusCode).toBe(409)
    expect(errorBodySchema.parse(again.json()).error.message).toContain('8000')
    expect(await offsetOf(location)).toBe(8_000)
    expect((await patch(location, 8_000, file.subarray(8_000))).statusCode).toBe(204)
    expect(await blobStatus(sha256Hex(file))).toBe(200)
  })

  it('keeps the bytes of a PATCH cut mid-body and resumes from the offset HEAD gives', async () => {
    const file = randomBytes(120_000)
    const sha256 = sha256Hex(file)
    const location = await createUpload(file, randomUUID())
    const sent = 50_000
    await cutPatch(county.server.url, location, token, file, sent)

    // The server finishes the cut request on its own time: wait for that, not for a clock.
    let offset = await offsetOf(location)
    for (let tries = 0; offset !== sent && tries < 500; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      offset = await offsetOf(location)
    }
    expect(offset).toBe(sent)

    const rest = await patch(location, offset, file.subarray(offset), { checksum: `sha256 ${sha256Base64(file.subarray(offset))}` })
    expect(rest.statusCode, rest.body).toBe(204)
    const download = await inject({ method: 'GET', url: `/api/v1/admin/files/${sha256}`, headers: bearer(operator) })
    expect(Buffer.compare(download.rawPayload, file)).toBe(0)
  })

  it('drops a cut PATCH that carried a checksum, so the chunk is sent again whole', async () => {
    const file = randomBytes(40_000)
    const location = await createUpload(file, randomUUID())
    await cutPatch(county.server.url, location, token, file, 10_000, `sha256 ${sha256Base64(file)}`)
    const whole = await patch(location, 0, file, { checksum: `sha256 ${sha256Base64(file)}` })
    expect(whole.statusCode, whole.body).toBe(204)
    const download = await inject({ method: 'GET', url: `/api/v1/admin/files/${sha256Hex(file)}`, headers: bearer(operator) })
    expect(Buffer.compare(download.rawPayload, file)).toBe(0)
  })

  it('refuses a chunk whose checksum does not match (460) and keeps nothing of it', async () => {
    const file = randomBytes(10_000)
    const location = await createUpload(file, randomUUID())
    const response = await patch(location, 0, file.subarray(0, 4_000), { checksum: `sha256 ${sha256Base64(Buffer.from('other'))}` })
    expect(response.statusCode).toBe(460)
    expect(errorBodySchema.parse(response.json()).error.message).toContain('校验失败')
    expect(await offsetOf(location)).toBe(0)
    const unknownAlgorithm = await patch(location, 0, file, { checksum: `md5 ${Buffer.alloc(16).toString('base64')}` })
    expect(unknownAlgorithm.statusCode).toBe(400)
  })

  it('discards a whole file whose SHA-256 is not the declared one', async () => {
    const file = randomBytes(30_000)
    const declared = sha256Hex(randomBytes(30_000))
    const response = await create(file.length, metadataFor(file, randomUUID(), { sha256: declared }))
    const location = String(response.headers.location)
    expect((await patch(location, 0, file.subarray(0, 10_000))).statusCode).toBe(204)
    const last = await patch(location, 10_000, file.subarray(10_000))
    expect(last.statusCode).toBe(460)
    expect(errorBodySchema.parse(last.json()).error.message).toContain('SHA-256')

    expect((await inject({ method: 'HEAD', url: location, headers: { ...bearer(token), ...TUS } })).statusCode).toBe(404)
    expect(await blobStatus(declared)).toBe(404)
    expect(await uploadRows(declared)).toEqual([])
    expect(await blobRows(declared)).toEqual([])
    expect(readdirSync(join(filesDir, 'partial'))).toEqual([])
    expect(readdirSync(join(filesDir, 'chunks'))).toEqual([])
    expect(readdirSync(join(filesDir, 'blobs')).flatMap((dir) => readdirSync(join(filesDir, 'blobs', dir)))).not.toContain(declared)
  })

  it('refuses files over the size limit with 413', async () => {
    const tooBig = await create(MAX_BYTES + 1, metadataFor(Buffer.from('x'), randomUUID()))
    expect(tooBig.statusCode).toBe(413)
    expect(errorBodySchema.parse(tooBig.json()).error.message).toContain('上限')

    const file = randomBytes(1_000)
    const location = await createUpload(file, randomUUID())
    const overflow = await patch(location, 0, Buffer.concat([file, Buffer.from('extra')]))
    expect(overflow.statusCode).toBe(413)
    expect(await offsetOf(location)).toBe(0)
  })

  it("refuses uploads for another station's intake with 403, and another station's upload", async () => {
    const file = randomBytes(2_000)
    const intakeId = await pushIntake([sha256Hex(file)])
    const refused = await create(file.length, metadataFor(file, intakeId), otherToken)
    expect(refused.statusCode).toBe(403)
    expect(errorBodySchema.parse(refused.json()).error.path).toBe('Upload-Metadata.intakeId')

    const location = await createUpload(file, intakeId)
    expect((await inject({ method: 'HEAD', url: location, headers: { ...bearer(otherToken), ...TUS } })).statusCode).toBe(403)
    expect((await patch(location, 0, file, { as: otherToken })).statusCode).toBe(403)
    expect(await offsetOf(location)).toBe(0)
  })

  it("clears a station's uploads left unfinished for a week when it starts a new one", async () => {
    const file = randomBytes(6_000)
    const location = await createUpload(file, randomUUID())
    expect((await patch(location, 0, file.subarray(0, 2_000))).statusCode).toBe(204)
    const id = location.split('/').pop()!
    expect(readdirSync(join(filesDir, 'partial'))).toContain(id)
    await db()
      .update(uploads)
      .set({ createdAt: new Date(Date.now() - 8 * 24 * 60 * 60 * 1000) })
      .where(eq(uploads.id, id))

    await createUpload(randomBytes(10), randomUUID(), otherToken)
    expect(await offsetOf(location)).toBe(2_000)
    await createUpload(randomBytes(10), randomUUID())
    expect((await inject({ method: 'HEAD', url: location, headers: { ...bearer(token), ...TUS } })).statusCode).toBe(404)
    expect(readdirSync(join(filesDir, 'partial'))).not.toContain(id)
  })

  it('answers bad requests with 4xx and a Chinese message, never 5xx', async () => {
    const file = randomBytes(100)
    const good = metadataFor(file, randomUUID())
    const post = (headers: Record<string, string>) => inject({ method: 'POST', url: '/api/v1/files/', headers: { ...bearer(token), ...headers } })
    const cases: [string, Awaited<ReturnType<typeof inject>>, number][] = [
      [
        'no token',
        await inject({ method: 'POST', url: '/api/v1/files/', headers: { ...TUS, 'upload-length': '100', 'upload-metadata': encodeMetadata(good) } }),
        401,
      ],
      ['no Tus-Resumable', await post({ 'upload-length': '100', 'upload-metadata': encodeMetadata(good) }), 412],
      ['bad length', await post({ ...TUS, 'upload-length': 'abc', 'upload-metadata': encodeMetadata(good) }), 400],
      ['empty file', await post({ ...TUS, 'upload-length': '0', 'upload-metadata': encodeMetadata(good) }), 400],
      ['deferred length', await post({ ...TUS, 'upload-defer-length': '1', 'upload-metadata': encodeMetadata(good) }), 400],
      ['no metadata', await post({ ...TUS, 'upload-length': '100' }), 400],
      ['broken metadata', await post({ ...TUS, 'upload-length': '100', 'upload-metadata': 'sha256 !!!,x' }), 400],
      ['bad hash', await post({ ...TUS, 'upload-length': '100', 'upload-metadata': encodeMetadata({ ...good, sha256: 'abc' }) }), 400],
      ['bad intake id', await post({ ...TUS, 'upload-length': '100', 'upload-metadata': encodeMetadata({ ...good, intakeId: '1' }) }), 400],
      ['bad mime', await post({ ...TUS, 'upload-length': '100', 'upload-metadata': encodeMetadata({ ...good, mime: 'not a type' }) }), 400],
      ['huge filename', await post({ ...TUS, 'upload-length': '100', 'upload-metadata': encodeMetadata({ ...good, filename: '文'.repeat(5000) }) }), 400],
      ['blob hash malformed', await inject({ method: 'HEAD', url: '/api/v1/blobs/xyz', headers: bearer(token) }), 400],
      ['blob without token', await inject({ method: 'HEAD', url: `/api/v1/blobs/${sha256Hex(file)}` }), 401],
      ['unknown upload', await inject({ method: 'HEAD', url: `/api/v1/files/${randomUUID()}`, headers: { ...bearer(token), ...TUS } }), 404],
      ['upload id not a uuid', await inject({ method: 'HEAD', url: '/api/v1/files/abc', headers: { ...bearer(token), ...TUS } }), 400],
    ]
    const location = await createUpload(file, randomUUID())
    const patchWith = (headers: Record<string, string>) =>
      inject({
        method: 'PATCH',
        url: location,
        headers: { ...bearer(token), ...TUS, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0', ...headers },
        payload: file,
      })
    cases.push(
      ['patch json', await inject({ method: 'PATCH', url: location, headers: { ...bearer(token), ...TUS, 'upload-offset': '0' }, payload: { a: 1 } }), 415],
      ['patch wrong offset', await patchWith({ 'upload-offset': '5' }), 409],
      ['patch bad offset', await patchWith({ 'upload-offset': '-1' }), 400],
      ['patch bad checksum header', await patchWith({ 'upload-checksum': 'sha256' }), 400],
      [
        'patch unknown upload',
        await inject({
          method: 'PATCH',
          url: `/api/v1/files/${randomUUID()}`,
          headers: { ...bearer(token), ...TUS, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
          payload: file,
        }),
        404,
      ],
    )
    for (const [label, response, status] of cases) {
      expect(response.statusCode, label).toBe(status)
      if (response.body) expect(errorBodySchema.parse(response.json()).error.message, label).toMatch(/[\u4e00-\u9fff]/)
    }
    expect(await offsetOf(location)).toBe(0)
  })
})

/**
 * A PATCH whose connection is cut after `sent` bytes of the body: headers and those bytes
 * are written, then the socket is destroyed, as a dropped link would.
 */
async function cutPatch(baseUrl: string, location: string, token: string, file: Buffer, sent: number, checksum?: string): Promise<void> {
  await new Promise<void>((resolve) => {
    const request = httpRequest(`${baseUrl}${location}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${token}`,
        'tus-resumable': '1.0.0',
        'content-type': 'application/offset+octet-stream',
        'upload-offset': '0',
        'content-length': String(file.length),
        ...(checksum ? { 'upload-checksum': checksum } : {}),
      },
    })
    request.on('error', () => resolve())
    request.on('response', (response) => {
      response.resume()
      resolve()
    })
    request.flushHeaders()
    request.write(file.subarray(0, sent), () => {
      request.destroy()
      resolve()
    })
  })
}
