import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, enroll, itemWith, operatorToken, startTestCounty, submitMutation, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'

/**
 * Walks every operation of the OpenAPI document (the same specs that register the routes) and
 * sends it bad input: no or wrong tokens, bad path parameters (non-UUID ids, traversal, NUL),
 * bad query values, malformed JSON, a wrong content type, bodies of the wrong shape, wrong
 * types, 1 MB strings and 10,000-element arrays in every top-level field and in a station's
 * mutation. Every answer must be a 4xx with a JSON error in Chinese, and no table may gain
 * or lose a row (rate-limit counters aside: counting is their job).
 */

const targets = await databaseTargets()

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema; anyOf?: JsonSchema[] }
type Parameter = { name: string; in: string; schema?: JsonSchema }
type Operation = {
  security?: Record<string, unknown>[]
  parameters?: Parameter[]
  requestBody?: { content: Record<string, { schema?: JsonSchema }> }
  operationId: string
}
type OpenApi = { paths: Record<string, Record<string, Operation>> }
type Probe = { label: string; options: InjectOptions; mayPass?: boolean }

const MEGABYTE_STRING = '办'.repeat(350_000) // 1,050,000 bytes of UTF-8
const HUGE_ARRAY = Array.from({ length: 10_000 }, (_, index) => `x${index}`)
const CHINESE = /[\u4e00-\u9fff]/

/** A syntactically valid value nobody holds, so a request that passes validation finds nothing. */
const UNKNOWN_PARAM: Record<string, string> = { id: randomUUID(), code: 'NOSUCH01', sha256: '0'.repeat(64), username: 'nosuch-user' }
const BAD_PARAMS = ['not-a-uuid', '..%2F..%2Fetc%2Fpasswd', '..', '%00', '%E2%80%AE%E4%B8%AD', 'a'.repeat(3000), '1%27%20OR%201%3D1', '%E0%A4%A', '%ZZ']
const BAD_QUERY_VALUES = ['abc', '-1', '1e309', '%00', 'x'.repeat(5000), '[object Object]']

function wrongTypeFor(schema: JsonSchema | undefined): unknown[] {
  const type = [schema?.type ?? (schema?.anyOf ? 'mixed' : 'unknown')].flat()
  const values: unknown[] = [{ nested: { deeper: [1, 2, 3] } }, true, null]
  if (!type.includes('string')) values.push('文本')
  if (!type.includes('number') && !type.includes('integer')) values.push(12345)
  if (!type.includes('array')) values.push(['a'])
  return values
}

function bodyVariants(schema: JsonSchema | undefined, base: Record<string, unknown>): [string, unknown][] {
  const variants: [string, unknown][] = [
    ['array body', []],
    ['string body', '请求'],
    ['number body', 42],
    ['null body', null],
  ]
  if ((schema?.required ?? []).length > 0) variants.push(['empty object', {}])
  for (const [name, property] of Object.entries(schema?.properties ?? {})) {
    for (const value of wrongTypeFor(property)) variants.push([`${name} = ${JSON.stringify(value)}`, { ...base, [name]: value }])
    variants.push([`${name} = 1 MB string`, { ...base, [name]: MEGABYTE_STRING }])
    variants.push([`${name} = 10k array`, { ...base, [name]: HUGE_ARRAY }])
    variants.push([`${name} with NUL`, { ...base, [name]: 'a\u0000b' }])
  }
  // Unknown fields are ignored (a newer station may send more), so only an otherwise empty body is bad.
  if ((schema?.required ?? []).length > 0) variants.push(['only an unknown field of 1 MB', { zzUnknown: MEGABYTE_STRING }])
  return variants
}

describe.each(targets)('bad input on every endpoint on $name', (target) => {
  let county: TestCounty
  let document: OpenApi
  let tokens: { device: string; operator: string }
  const inject = (options: InjectOptions) => county.server.app.inject(options)

  /**
   * Rows in every table of the county's schema, the rate-limit counters and the device sync
   * log aside: a lenient probe that passes (a pull with an odd cursor) is a real pull and is logged.
   */
  const rowCounts = async (): Promise<Record<string, number>> => {
    const tables = await county.server.db.execute(
      sql`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )
    const counts: Record<string, number> = {}
    for (const { table_name: name } of (tables as unknown as { rows: { table_name: string }[] }).rows) {
      if (name === 'rate_limit_windows' || name === 'device_sync_log') continue
      const result = await county.server.db.execute(sql`SELECT count(*)::int AS n FROM ${sql.identifier(name)}`)
      counts[name] = (result as unknown as { rows: { n: number }[] }).rows[0]!.n
    }
    return counts
  }

  beforeAll(async () => {
    // Generous limits as in production would still let one test file through; these make sure.
    county = await startTestCounty(target, { loginFailuresPerIp: 100_000, loginFailuresPerUser: 100_000, enrollFailuresPerIp: 100_000 })
    tokens = {
      device: (await enroll(county.server, 'MHZ01')).token,
      operator: await operatorToken(county.server),
    }
    document = (await inject({ method: 'GET', url: '/api/v1/openapi.json' })).json()
  })
  afterAll(async () => {
    await county?.close()
  })

  /** Valid requests but for the one bad part, so each probe tests that part. */
  const validBase = (operationId: string): Record<string, unknown> => {
    switch (operationId) {
      case 'adminLogin':
        return { username: 'nobody', password: 'wrong-password' }
      case 'enroll':
        return { code: 'ZZZZ2222', deviceName: '测试设备' }
      case 'push':
        return {
          mutations: [
            submitMutation(
              'MHZ01',
              itemWith(() => true),
            ),
          ],
        }
      default:
        return {}
    }
  }

  const probesFor = (path: string, method: string, operation: Operation): Probe[] => {
    const auth = Object.keys(operation.security?.[0] ?? {})[0]
    const token = auth === 'deviceToken' ? tokens.device : auth === 'operatorToken' ? tokens.operator : undefined
    const params = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path')
    const query = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query')
    const urlWith = (values: Record<string, string>) => path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? UNKNOWN_PARAM[name] ?? 'x')
    const goodUrl = urlWith({})
    const headers = (as: string | undefined, extra: Record<string, string> = {}) => ({ ...(as ? bearer(as) : {}), ...extra })
    const upper = method.toUpperCase() as InjectOptions['method']
    const jsonBody = operation.requestBody?.content['application/json']
    const probes: Probe[] = []
    const add = (label: string, options: Omit<InjectOptions, 'method'>, how: { mayPass?: boolean } = {}) =>
      probes.push({ label: `${method.toUpperCase()} ${path}: ${label}`, options: { method: upper, ...options }, ...how })

    if (auth) {
      add('no token', { url: goodUrl, ...(jsonBody ? { payload: validBase(operation.operationId) } : {}) })
      add('malformed token', { url: goodUrl, headers: { authorization: 'Bearer not-a-token' } })
      add('token in a wrong scheme', { url: goodUrl, headers: { authorization: `Basic ${token}` } })
      add('the other kind of token', { url: goodUrl, headers: headers(auth === 'deviceToken' ? tokens.operator : tokens.device) })
    }
    for (const parameter of params) {
      for (const bad of BAD_PARAMS) add(`path ${parameter.name} = ${bad.slice(0, 30)}`, { url: urlWith({ [parameter.name]: bad }), headers: headers(token) })
    }
    for (const parameter of query) {
      // Some of these are fine for a free-text or code parameter (itemName=abc): those may pass, never fail.
      const lenient = { mayPass: true }
      for (const bad of BAD_QUERY_VALUES)
        add(
          `query ${parameter.name} = ${bad.slice(0, 30)}`,
          { url: `${goodUrl}?${parameter.name}=${encodeURIComponent(bad)}`, headers: headers(token) },
          lenient,
        )
      add(`query ${parameter.name} = 1 MB`, { url: `${goodUrl}?${parameter.name}=${'x'.repeat(1024 * 1024)}`, headers: headers(token) })
      add(`query ${parameter.name} twice`, { url: `${goodUrl}?${parameter.name}=1&${parameter.name}=2`, headers: headers(token) }, lenient)
      add(`query ${parameter.name} as an object`, { url: `${goodUrl}?${parameter.name}[a]=1`, headers: headers(token) }, lenient)
    }
    if (jsonBody) {
      const base = validBase(operation.operationId)
      add('malformed JSON', { url: goodUrl, headers: headers(token, { 'content-type': 'application/json' }), payload: '{"mutations": [' })
      add('text/plain body', { url: goodUrl, headers: headers(token, { 'content-type': 'text/plain' }), payload: 'hello' })
      add('form body', { url: goodUrl, headers: headers(token, { 'content-type': 'application/x-www-form-urlencoded' }), payload: 'a=1' })
      add('no body', { url: goodUrl, headers: headers(token) })
      add('empty JSON body', { url: goodUrl, headers: headers(token, { 'content-type': 'application/json' }), payload: '' })
      add('body over 8 MiB', {
        url: goodUrl,
        headers: headers(token, { 'content-type': 'application/json' }),
        payload: JSON.stringify({ padding: 'x'.repeat(9 * 1024 * 1024) }),
      })
      for (const [label, payload] of bodyVariants(jsonBody.schema, base)) {
        add(label, { url: goodUrl, headers: headers(token, { 'content-type': 'application/json' }), payload: JSON.stringify(payload) })
      }
    }
    return probes
  }

  const expectRefusal = (probe: Probe, response: LightMyRequestResponse) => {
    expect(response.statusCode, `${probe.label} → ${response.body.slice(0, 200)}`).toBeLessThan(500)
    if (probe.mayPass && response.statusCode < 300) return
    expect(response.statusCode, `${probe.label} → ${response.statusCode} ${response.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400)
    if (probe.options.method === 'HEAD') return
    expect(response.headers['content-type'], probe.label).toMatch(/^application\/json/)
    const body = response.json() as { error?: { code?: unknown; message?: unknown } }
    expect(typeof body.error?.code, probe.label).toBe('string')
    expect(String(body.error?.message), probe.label).toMatch(CHINESE)
  }

  it('answers every bad request to every documented operation with a 4xx and a Chinese JSON error, storing nothing', { timeout: 600_000 }, async () => {
    const before = await rowCounts()
    let sent = 0
    // Every probe runs; the failures are listed together at the end.
    const failures: string[] = []
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (method === 'options') continue
        const probes = probesFor(path, method, operation)
        // Past authentication: each operation that takes input must refuse some of it as input (400, 413, 414, 415, 422).
        let refusedAsInput = probes.length === 0 || probes.every((probe) => probe.label.includes('token'))
        for (const probe of probes) {
          const response = await inject(probe.options)
          if ([400, 413, 414, 415, 422].includes(response.statusCode)) refusedAsInput = true
          try {
            expectRefusal(probe, response)
          } catch (error) {
            failures.push((error as Error).message.split('\n')[0]!)
          }
          sent++
        }
        if (!refusedAsInput) failures.push(`${method.toUpperCase()} ${path}: no probe got past authentication to validation`)
      }
    }
    expect(failures).toEqual([])
    expect(sent).toBeGreaterThan(500)
    expect(await rowCounts()).toEqual(before)
  })

  it('refuses bad mutations inside a push with 400: huge strings, huge arrays, wrong types, unknown types', async () => {
    const before = await rowCounts()
    const good = submitMutation(
      'MHZ01',
      itemWith(() => true),
    )
    const payload = good.payload as unknown as Record<string, unknown>
    const mutations: [string, unknown][] = [
      ['applicant name of 1 MB', { ...good, payload: { ...payload, applicant: { ...(payload.applicant as object), name: MEGABYTE_STRING } } }],
      [
        '10k materials',
        {
          ...good,
          payload: { ...payload, materials: Array.from({ length: 10_000 }, (_, index) => ({ materialId: `M${index}`, name: '材料', status: 'provided' })) },
        },
      ],
      ['staff name of 1 MB', { ...good, payload: { ...payload, staffName: MEGABYTE_STRING } }],
      ['intake number of 1 MB', { ...good, payload: { ...payload, intakeNo: MEGABYTE_STRING } }],
      ['wrong type', { ...good, payload: { ...payload, materials: '户口簿' } }],
      ['unknown mutation type', { ...good, type: 'intake.delete' }],
      ['entity id not a UUID', { ...good, entityId: '../../etc/passwd' }],
      ['payload missing', { ...good, payload: undefined }],
    ]
    for (const [label, mutation] of mutations) {
      const response = await inject({ method: 'POST', url: '/api/v1/push', headers: bearer(tokens.device), payload: { mutations: [mutation] } })
      expectRefusal({ label, options: { method: 'POST', url: '/api/v1/push' } }, response)
    }
    const many = await inject({
      method: 'POST',
      url: '/api/v1/push',
      headers: bearer(tokens.device),
      payload: { mutations: Array.from({ length: 10_000 }, () => good) },
    })
    expectRefusal({ label: '10k mutations', options: { method: 'POST', url: '/api/v1/push' } }, many)
    expect(await rowCounts()).toEqual(before)
  })

  it('refuses bad tus requests and bad file and blob paths with a 4xx', async () => {
    const before = await rowCounts()
    const tus = { 'tus-resumable': '1.0.0' }
    const meta = (entries: Record<string, string>) =>
      Object.entries(entries)
        .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
        .join(',')
    const good = { sha256: 'a'.repeat(64), intakeId: randomUUID(), materialId: 'M01', filename: '户口簿.jpg', mime: 'image/jpeg' }
    const creations: [string, Record<string, string>][] = [
      ['no Tus-Resumable', { 'upload-length': '10', 'upload-metadata': meta(good) }],
      ['length not a number', { ...tus, 'upload-length': 'ten', 'upload-metadata': meta(good) }],
      ['negative length', { ...tus, 'upload-length': '-5', 'upload-metadata': meta(good) }],
      ['length past the limit', { ...tus, 'upload-length': String(10 * 1024 * 1024 * 1024), 'upload-metadata': meta(good) }],
      ['no metadata', { ...tus, 'upload-length': '10' }],
      ['metadata not base64', { ...tus, 'upload-length': '10', 'upload-metadata': 'sha256 !!!,intakeId ???' }],
      ['wrong hash', { ...tus, 'upload-length': '10', 'upload-metadata': meta({ ...good, sha256: 'xyz' }) }],
      ['intake id traversal', { ...tus, 'upload-length': '10', 'upload-metadata': meta({ ...good, intakeId: '../../etc' }) }],
      ['1 MB file name', { ...tus, 'upload-length': '10', 'upload-metadata': meta({ ...good, filename: 'a'.repeat(1024 * 1024) }) }],
    ]
    for (const [label, headers] of creations) {
      const response = await inject({ method: 'POST', url: '/api/v1/files/', headers: { ...bearer(tokens.device), ...headers } })
      expectRefusal({ label: `tus create: ${label}`, options: { method: 'POST', url: '/api/v1/files/' } }, response)
    }
    const patch = await inject({
      method: 'PATCH',
      url: `/api/v1/files/${randomUUID()}`,
      headers: { ...bearer(tokens.device), ...tus, 'content-type': 'application/json', 'upload-offset': '0' },
      payload: '{}',
    })
    expectRefusal({ label: 'tus patch as JSON', options: { method: 'PATCH', url: '/api/v1/files/x' } }, patch)
    const traversal = await inject({ method: 'GET', url: '/api/v1/admin/files/..%2F..%2F..%2Fetc%2Fpasswd', headers: bearer(tokens.operator) })
    expectRefusal({ label: 'file path traversal', options: { method: 'GET', url: '' } }, traversal)
    const unknownRoute = await inject({ method: 'GET', url: '/api/v1/../../etc/passwd' })
    expect(unknownRoute.statusCode).toBeGreaterThanOrEqual(400)
    expect(unknownRoute.statusCode).toBeLessThan(500)
    expect(await rowCounts()).toEqual(before)
  })
})
