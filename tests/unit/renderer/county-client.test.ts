import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { readEnrollment, readMeta } from '../../../src-renderer/db/meta'
import type { StationDb } from '../../../src-renderer/db/station-db'
import { enrollDevice } from '../../../src-renderer/features/setup/enroll-device'
import { UserError } from '../../../src-renderer/lib/user-error'
import { CountyError, createCountyClient, normaliseCountyUrl, type FetchLike } from '../../../src-renderer/sync/county-client'
import { freshDb, station } from './fixtures'

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

type Call = { url: string; init: RequestInit }

function fakeFetch(answer: (call: Call) => Response | Promise<Response>): FetchLike & { calls: Call[] } {
  const calls: Call[] = []
  const fetch = async (url: string, init: RequestInit) => {
    calls.push({ url, init })
    return answer({ url, init })
  }
  return Object.assign(fetch, { calls })
}

async function countyErrorOf(promise: Promise<unknown>): Promise<CountyError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(CountyError)
  return error as CountyError
}

const TOKEN = 't'.repeat(40)

describe('normaliseCountyUrl', () => {
  it('accepts what clerks type and refuses what cannot be a county address', () => {
    expect(normaliseCountyUrl(' 10.53.1.2:8080/ ')).toBe('http://10.53.1.2:8080')
    expect(normaliseCountyUrl('https://zwfw.menghai.gov.cn/station/')).toBe('https://zwfw.menghai.gov.cn/station')
    expect(normaliseCountyUrl('')).toBeNull()
    expect(normaliseCountyUrl('ftp://10.0.0.1')).toBeNull()
    expect(normaliseCountyUrl('http://host/?q=1')).toBeNull()
  })
})

describe('createCountyClient', () => {
  it('sends the bearer token, validates answers and builds the pull query', async () => {
    const fetch = fakeFetch(() => json(200, { changes: [], cursor: '12', more: false }))
    const client = createCountyClient({ baseUrl: 'http://county.test:8080/', token: TOKEN, fetch })
    expect(await client.pull('11', 200)).toEqual({ changes: [], cursor: '12', more: false })
    expect(fetch.calls[0]!.url).toBe('http://county.test:8080/api/v1/pull?cursor=11&limit=200')
    expect((fetch.calls[0]!.init.headers as Record<string, string>).authorization).toBe(`Bearer ${TOKEN}`)
  })

  it('classifies failures: network and 5xx are retried, 4xx need attention, bad answers are protocol errors', async () => {
    const down = createCountyClient({ baseUrl: 'http://county.test', token: TOKEN, fetch: async () => Promise.reject(new TypeError('fetch failed')) })
    const network = await countyErrorOf(down.health())
    expect([network.kind, network.retryable, network.message]).toEqual(['network', true, '无法连接县级服务器，请检查地址和网络'])

    const answering = (response: () => Response) => createCountyClient({ baseUrl: 'http://county.test', token: TOKEN, fetch: async () => response() })
    const server = await countyErrorOf(answering(() => json(503, {})).push([]))
    expect([server.kind, server.retryable]).toEqual(['server', true])

    const limited = await countyErrorOf(answering(() => json(429, {}, { 'retry-after': '7' })).push([]))
    expect([limited.kind, limited.retryable, limited.retryAfterMs]).toEqual(['rateLimited', true, 7000])

    const unauthorized = await countyErrorOf(answering(() => json(401, { error: { code: 'unauthorized', message: '设备令牌已被吊销' } })).pull(''))
    expect([unauthorized.kind, unauthorized.retryable, unauthorized.message]).toEqual(['unauthorized', false, '设备令牌已被吊销'])

    const bad = await countyErrorOf(
      answering(() => json(400, { error: { code: 'bad_request', message: '联系电话格式不正确', path: 'mutations.0.payload.applicant.phone' } })).push([]),
    )
    expect([bad.kind, bad.retryable, bad.path]).toEqual(['rejected', false, 'mutations.0.payload.applicant.phone'])

    const wrongShape = await countyErrorOf(answering(() => json(200, { hello: 'world' })).health())
    expect(wrongShape.kind).toBe('protocol')
  })

  it('gives up after its timeout', async () => {
    const hanging: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))
    const client = createCountyClient({ baseUrl: 'http://county.test', token: TOKEN, fetch: hanging, healthTimeoutMs: 20 })
    const error = await countyErrorOf(client.health())
    expect(error.kind).toBe('network')
    expect(error.message).toContain('无法连接县级服务器')
  })
})

describe('enrollDevice', () => {
  let db: StationDb
  afterEach(async () => {
    await db?.delete()
  })

  const enrolled = { deviceId: '7d7f3c1e-4a53-4c0b-9d1e-2f4b7c8a9e10', deviceNumber: 2, token: TOKEN, station }

  it('registers the device and stores the county address, token and station together', async () => {
    db = freshDb()
    const fetch = fakeFetch(() => json(200, enrolled))
    await enrollDevice(db, { countyUrl: '10.53.1.2:8080', code: 'ABCD-1234' }, { fetch })
    expect(fetch.calls[0]!.url).toBe('http://10.53.1.2:8080/api/v1/enroll')
    expect(JSON.parse(String(fetch.calls[0]!.init.body))).toMatchObject({ code: 'ABCD-1234' })
    expect(await readEnrollment(db)).toEqual({ countyUrl: 'http://10.53.1.2:8080', deviceToken: TOKEN, deviceId: enrolled.deviceId, station })
    expect(await readMeta(db, 'deviceNumber')).toBe(2)
    expect(await db.audit.where('action').equals('device.enroll').count()).toBe(1)
  })

  it('shows the county\u2019s reason for a refused code, and a clear message when the county cannot be reached', async () => {
    db = freshDb()
    const refused = enrollDevice(
      db,
      { countyUrl: 'http://county.test', code: 'USED-CODE' },
      {
        fetch: async () => json(401, { error: { code: 'unauthorized', message: '注册码已被使用' } }),
      },
    )
    await expect(refused).rejects.toThrow(UserError)
    await expect(refused).rejects.toMatchObject({ message: '注册码已被使用', issues: [{ path: ['code'] }] })

    const unreachable = enrollDevice(
      db,
      { countyUrl: 'http://county.test', code: 'GOOD-CODE' },
      {
        fetch: async () => Promise.reject(new TypeError('fetch failed')),
      },
    )
    await expect(unreachable).rejects.toMatchObject({ message: '无法连接县级服务器，请检查地址和网络', issues: [{ path: ['countyUrl'] }] })
    expect(await readEnrollment(db)).toBeNull()
    expect(await db.meta.count()).toBe(0)
  })
})
