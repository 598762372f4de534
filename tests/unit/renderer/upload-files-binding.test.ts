import 'fake-indexeddb/auto'
import { createHash } from 'node:crypto'
import type { HttpRequest, HttpResponse, HttpStack } from 'tus-js-client'
import { afterEach, describe, expect, it } from 'vitest'
import { FILE_SHA256_HEADER } from '../../../shared/files'
import { attachmentRowId, type StationAttachment } from '../../../shared/station-attachment'
import type { StationDb } from '../../../src-renderer/db/station-db'
import { CountyError } from '../../../src-renderer/sync/county-client'
import { createFileUploader, NO_FILES } from '../../../src-renderer/sync/upload-files'
import { freshDb } from './fixtures'

// The station's side of "a file is marked uploaded only on an answer bound to it by hash".
// The network here is scripted on purpose: it plays the stale, repeated and misrouted answers
// a flaky line produces (tests/integration/station-files.test.ts does it through the fault
// proxy and the real county). Every answer below is a valid county answer, about another file.

const BASE = 'http://county.test'
const INTAKE_ID = '6f0c6a3e-5b7a-4d8e-9a51-0c2d3e4f5a6b'
const bytes = new Uint8Array(3000).map((_, index) => (index * 13) & 0xff)
const OURS = createHash('sha256').update(bytes).digest('hex')
const OTHER = createHash('sha256').update('户口簿 另一个文件').digest('hex')

type Answer = { status: number; headers?: Record<string, string> }
type Script = { blob: (sha256: string) => Answer; tus: (method: string, path: string) => Answer }

let db: StationDb

afterEach(async () => {
  await db?.delete()
})

/** tus-js-client's HTTP stack, answering from the script and logging each request as "METHOD /path". */
function scriptedStack(script: Script, log: string[]): HttpStack {
  return {
    getName: () => 'scripted',
    createRequest(method: string, url: string): HttpRequest {
      const headers = new Map<string, string>()
      return {
        getMethod: () => method,
        getURL: () => url,
        setHeader: (name, value) => void headers.set(name.toLowerCase(), value),
        getHeader: (name) => headers.get(name.toLowerCase()),
        setProgressHandler: () => undefined,
        async send(): Promise<HttpResponse> {
          const path = new URL(url).pathname
          log.push(`${method} ${path}`)
          const answer = script.tus(method, path)
          const answered = new Map(Object.entries(answer.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]))
          return { getStatus: () => answer.status, getHeader: (name) => answered.get(name.toLowerCase()), getBody: () => '', getUnderlyingObject: () => null }
        },
        abort: async () => undefined,
        getUnderlyingObject: () => null,
      }
    },
  }
}

async function attachment(changes: Partial<StationAttachment> = {}): Promise<StationAttachment> {
  const row: StationAttachment = {
    id: attachmentRowId(INTAKE_ID, 'M01', OURS),
    sha256: OURS,
    intakeId: INTAKE_ID,
    materialId: 'M01',
    filename: '身份证.jpg',
    mime: 'image/jpeg',
    size: bytes.length,
    blob: new Blob([bytes]),
    state: 'pending',
    bytesConfirmed: 0,
    createdAt: '2026-12-06T02:00:00.000Z',
    ...changes,
  }
  await db.attachments.put(row)
  return row
}

async function runUploader(script: Script): Promise<{ log: string[]; error: unknown; row: StationAttachment }> {
  const log: string[] = []
  const uploader = createFileUploader({
    baseUrl: BASE,
    token: 't'.repeat(40),
    fetch: async (input, init) => {
      log.push(`${init.method} ${new URL(input).pathname}`)
      const answer = script.blob(input.slice(input.lastIndexOf('/') + 1))
      return new Response(null, { status: answer.status, headers: answer.headers })
    },
    httpStack: scriptedStack(script, log),
    // tus-js-client's Node build reads Buffers.
    toUploadInput: async (blob) => Buffer.from(await blob.arrayBuffer()),
  })
  let error: unknown
  await uploader.uploadPending(db, () => NO_FILES).catch((caught: unknown) => (error = caught))
  const row = (await db.attachments.toArray())[0]!
  return { log, error, row }
}

const named = (sha256: string) => ({ [FILE_SHA256_HEADER]: sha256 })
const notHeld: Script['blob'] = () => ({ status: 404 })
/** A county that creates the upload and takes the whole file in one PATCH, naming `sha256` on each answer. */
const countyNaming =
  (sha256: string): Script['tus'] =>
  (method) => {
    if (method === 'POST')
      return { status: 201, headers: { Location: '/api/v1/files/11111111-2222-4333-8444-555555555555', 'Upload-Offset': '0', ...named(sha256) } }
    if (method === 'PATCH') return { status: 204, headers: { 'Upload-Offset': String(bytes.length), ...named(sha256) } }
    return { status: 404 }
  }

describe('a file is marked uploaded only on an answer about that very file', () => {
  it('control: answers naming the file mark it uploaded (HEAD /blobs, and a tus upload)', async () => {
    db = freshDb()
    await attachment()
    const held = await runUploader({ blob: (sha256) => ({ status: 200, headers: named(sha256) }), tus: () => ({ status: 500 }) })
    expect(held.row.state).toBe('uploaded')
    expect(held.log).toEqual([`HEAD /api/v1/blobs/${OURS}`])

    await attachment()
    const sent = await runUploader({ blob: notHeld, tus: countyNaming(OURS) })
    expect(sent.error).toBeUndefined()
    expect(sent.row).toMatchObject({ state: 'uploaded', bytesConfirmed: bytes.length })
  })

  it('a "held" from HEAD /blobs about another file (or naming none) is no proof: the file is uploaded instead', async () => {
    db = freshDb()
    await attachment()
    const misrouted = await runUploader({ blob: () => ({ status: 200, headers: named(OTHER) }), tus: () => ({ status: 503 }) })
    expect(misrouted.row.state).not.toBe('uploaded')
    expect(misrouted.log).toContain('POST /api/v1/files/')
    expect(misrouted.error).toBeInstanceOf(CountyError)

    const unnamed = await runUploader({ blob: () => ({ status: 200 }), tus: () => ({ status: 503 }) })
    expect(unnamed.row.state).not.toBe('uploaded')
  })

  it('a replayed creation answer (another file\u2019s upload address) is neither stored nor resumed', async () => {
    db = freshDb()
    await attachment()
    const replayed = await runUploader({ blob: notHeld, tus: countyNaming(OTHER) })
    expect(replayed.error).toMatchObject({ kind: 'network' })
    expect(replayed.log).toEqual([`HEAD /api/v1/blobs/${OURS}`, 'POST /api/v1/files/'])
    expect(replayed.row).toMatchObject({ state: 'pending', bytesConfirmed: 0 })
    expect(replayed.row.uploadUrl).toBeUndefined()
  })

  it('a stale "complete" for the stored upload address that names another file does not finish this one; the address is dropped', async () => {
    db = freshDb()
    const url = `${BASE}/api/v1/files/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee`
    await attachment({ state: 'uploading', uploadUrl: url, bytesConfirmed: 1000 })
    const stale = await runUploader({
      blob: notHeld,
      tus: (method) =>
        method === 'HEAD'
          ? { status: 200, headers: { 'Upload-Offset': String(bytes.length), 'Upload-Length': String(bytes.length), ...named(OTHER) } }
          : { status: 409 },
    })
    expect(stale.log).toEqual([`HEAD /api/v1/blobs/${OURS}`, 'HEAD /api/v1/files/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'])
    expect(stale.row).toMatchObject({ state: 'pending', bytesConfirmed: 0 })
    expect(stale.row.uploadUrl).toBeUndefined()
  })

  it('the last chunk\u2019s answer naming another file (a duplicated answer read by the wrong request) does not finish this one', async () => {
    db = freshDb()
    await attachment()
    const tus = countyNaming(OURS)
    const duplicated = await runUploader({
      blob: notHeld,
      tus: (method, path) => (method === 'PATCH' ? { status: 204, headers: { 'Upload-Offset': String(bytes.length), ...named(OTHER) } } : tus(method, path)),
    })
    expect(duplicated.log).toEqual([`HEAD /api/v1/blobs/${OURS}`, 'POST /api/v1/files/', 'PATCH /api/v1/files/11111111-2222-4333-8444-555555555555'])
    expect(duplicated.error).toMatchObject({ kind: 'network' })
    expect(duplicated.row.state).not.toBe('uploaded')
    expect(duplicated.row.bytesConfirmed).toBe(0)
  })
})
