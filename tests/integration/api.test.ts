import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginResponseSchema } from '../../shared/admin'
import { errorBodySchema, healthResponseSchema, PROTOCOL_VERSION, PUSH_MAX_BYTES } from '../../shared/protocol'
import { stationSchema } from '../../shared/station'
import { enrollmentCodes } from '../../server/db/schema'
import { registeredRoutes } from '../../server/http/route-list'
import { findActiveDeviceByTokenHash, revokeDevice } from '../../server/repositories/device-repository'
import { insertEnrollmentCode } from '../../server/repositories/enrollment-code-repository'
import { sha256HexOfText } from '../../shared/sha256'
import { DEMO_STATIONS } from '../../server/seed/demo-stations'
import { bearer, enroll, startTestCounty, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'

const targets = await databaseTargets({ both: true })

describe.each(targets)('county API basics on $name', (target) => {
  let county: TestCounty
  const server = () => county.server
  const inject = (options: InjectOptions) => county.server.app.inject(options)

  beforeAll(async () => {
    county = await startTestCounty(target)
  })
  afterAll(async () => {
    await county?.close()
  })

  it('answers /health with the county and protocol version', async () => {
    const response = await inject({ method: 'GET', url: '/api/v1/health' })
    expect(response.statusCode).toBe(200)
    const health = healthResponseSchema.parse(response.json())
    expect(health.county).toEqual({ code: '532822', name: '勐海县' })
    expect(health.protocolVersion).toBe(PROTOCOL_VERSION)
    expect(Math.abs(Date.parse(health.serverTime) - Date.now())).toBeLessThan(60_000)
  })

  it('documents exactly the registered routes, each with its schemas', async () => {
    const response = await inject({ method: 'GET', url: '/api/v1/openapi.json' })
    expect(response.statusCode).toBe(200)
    const document = response.json() as {
      openapi: string
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: { content: Record<string, { schema: object }> }
            parameters: unknown[]
            responses: Record<string, { content: Record<string, { schema: Record<string, unknown> }> }>
          }
        >
      >
    }
    expect(document.openapi).toBe('3.1.0')

    const routes = registeredRoutes(server().app)
      // The console's static pages (/console) are no API: only /api/v1 is documented.
      .filter((route) => route.method !== 'HEAD' && route.method !== 'OPTIONS' && route.url.startsWith('/api/'))
      .map((route) => `${route.method} ${route.url.replace(/:(\w+)/g, '{$1}')}`)
      .sort()
    const allDocumented = Object.entries(document.paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
      .sort()
    // HEAD and OPTIONS are compared apart: Fastify adds a HEAD to every GET on its own.
    const documented = allDocumented.filter((route) => !route.startsWith('HEAD ') && !route.startsWith('OPTIONS '))
    expect(documented).toEqual(routes)
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /api/v1/health',
        'POST /api/v1/enroll',
        'GET /api/v1/pull',
        'POST /api/v1/push',
        'POST /api/v1/admin/intakes/{id}/decision',
        'POST /api/v1/reconcile',
        'POST /api/v1/files/',
        'PATCH /api/v1/files/{id}',
        'GET /api/v1/admin/files/{sha256}',
      ]),
    )
    expect(allDocumented).toEqual(expect.arrayContaining(['HEAD /api/v1/blobs/{sha256}', 'HEAD /api/v1/files/{id}', 'OPTIONS /api/v1/files/']))
    const registeredHeads = registeredRoutes(server().app)
      .filter((route) => route.method === 'HEAD')
      .map((route) => route.url)
    expect(registeredHeads).toEqual(expect.arrayContaining(['/api/v1/blobs/:sha256', '/api/v1/files/:id']))

    // Files travel as bytes, not JSON (tus): their operations name their own media types.
    const binary = new Set([
      'post /api/v1/files/',
      'patch /api/v1/files/{id}',
      'get /api/v1/admin/files/{sha256}',
      'get /api/v1/admin/statistics/{period}/workbook',
    ])
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const label = `${method} ${path}`
        if (binary.has(label) || method === 'head' || method === 'options') {
          expect(
            Object.keys(operation.responses).some((status) => status.startsWith('2')),
            label,
          ).toBe(true)
          continue
        }
        expect(operation.responses['200']?.content['application/json']?.schema, label).toBeTypeOf('object')
        if (method === 'post') expect(operation.requestBody?.content['application/json']?.schema, label).toBeTypeOf('object')
      }
    }
    const push = document.paths['/api/v1/push']?.post
    expect(JSON.stringify(push?.requestBody)).toContain('intake.submit')
    const pull = document.paths['/api/v1/pull']?.get
    expect(pull?.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'cursor', in: 'query' })]))
    const decision = document.paths['/api/v1/admin/intakes/{id}/decision']?.post
    expect(decision?.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })])
    expect(JSON.stringify(decision?.requestBody)).toContain('requestCorrection')
    const patch = document.paths['/api/v1/files/{id}']?.patch
    expect(patch?.requestBody?.content['application/offset+octet-stream']?.schema).toBeTypeOf('object')
    expect(JSON.stringify(patch?.parameters)).toContain('Upload-Checksum')
    expect(JSON.stringify(document.paths['/api/v1/reconcile']?.post?.requestBody)).toContain('payloadHash')
  })

  it('answers CORS preflights and sets the allow-origin header on real HTTP', async () => {
    const preflight = await fetch(`${server().url}/api/v1/push`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://127.0.0.1:5174', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*')
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization')
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Upload-Checksum')

    const health = await fetch(`${server().url}/api/v1/health`, { headers: { Origin: 'http://127.0.0.1:5174' } })
    expect(health.status).toBe(200)
    expect(health.headers.get('access-control-allow-origin')).toBe('*')
    expect(health.headers.get('access-control-expose-headers')).toContain('Upload-Offset')
  })

  it('answers an unknown route with a JSON 404', async () => {
    const response = await inject({ method: 'GET', url: '/api/v1/nothing-here' })
    expect(response.statusCode).toBe(404)
    expect(errorBodySchema.parse(response.json()).error.code).toBe('not_found')
  })

  it('enrolls a device with its one-time code and refuses the code a second time', async () => {
    const station = DEMO_STATIONS[1]!
    const code = server().enrollmentCodes.find((entry) => entry.stationCode === station.code)!.code
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/)

    const first = await inject({ method: 'POST', url: '/api/v1/enroll', payload: { code: code.toLowerCase(), deviceName: '曼真村电脑' } })
    expect(first.statusCode).toBe(200)
    const enrolled = first.json() as { deviceId: string; token: string; station: unknown }
    expect(stationSchema.parse(enrolled.station)).toMatchObject({ code: station.code, name: station.name, countyCode: '532822' })
    const device = await findActiveDeviceByTokenHash(server().db, sha256HexOfText(enrolled.token))
    expect(device).toMatchObject({ id: enrolled.deviceId, stationCode: station.code, name: '曼真村电脑' })

    const again = await inject({ method: 'POST', url: '/api/v1/enroll', payload: { code } })
    expect(again.statusCode).toBe(401)
    expect(again.json()).toEqual({ error: { code: 'unauthorized', message: expect.stringContaining('已被使用') } })
  })

  it('refuses an unknown or expired enrollment code with 401 and a reason', async () => {
    const unknown = await inject({ method: 'POST', url: '/api/v1/enroll', payload: { code: 'ZZZZ2222' } })
    expect(unknown.statusCode).toBe(401)
    expect(unknown.json().error.message).toContain('不存在')

    const now = new Date()
    await insertEnrollmentCode(server().db, { codeHash: sha256HexOfText('EXPD2345'), stationCode: 'MHZ01', expiresAt: new Date(now.getTime() - 1000), now })
    const expired = await inject({ method: 'POST', url: '/api/v1/enroll', payload: { code: 'EXPD2345' } })
    expect(expired.statusCode).toBe(401)
    expect(expired.json().error.message).toContain('已过期')

    const empty = await inject({ method: 'POST', url: '/api/v1/enroll', payload: {} })
    expect(empty.statusCode).toBe(400)
    expect(empty.json().error.path).toBe('code')
  })

  it('refuses a missing, unknown or revoked device token with 401', async () => {
    const missing = await inject({ method: 'GET', url: '/api/v1/pull' })
    expect(missing.statusCode).toBe(401)
    expect(errorBodySchema.parse(missing.json()).error.code).toBe('unauthorized')

    const unknown = await inject({ method: 'GET', url: '/api/v1/pull', headers: bearer('x'.repeat(43)) })
    expect(unknown.statusCode).toBe(401)

    const device = await enroll(server(), 'MZZJZ01')
    expect((await inject({ method: 'GET', url: '/api/v1/pull?limit=1', headers: bearer(device.token) })).statusCode).toBe(200)
    await revokeDevice(server().db, device.deviceId, new Date())
    const revoked = await inject({ method: 'POST', url: '/api/v1/push', headers: bearer(device.token), payload: { mutations: [] } })
    expect(revoked.statusCode).toBe(401)
    expect(revoked.json().error.message).toContain('重新注册')
  })

  it('answers malformed JSON and bad query strings with 400, an oversize body with 413', async () => {
    const badJson = await inject({
      method: 'POST',
      url: '/api/v1/enroll',
      headers: { 'content-type': 'application/json' },
      payload: '{"code": "ABCD',
    })
    expect(badJson.statusCode).toBe(400)
    expect(badJson.json()).toEqual({ error: { code: 'bad_request', message: '请求内容不是有效的 JSON' } })

    const badForm = await inject({ method: 'POST', url: '/api/v1/enroll', headers: { 'content-type': 'text/plain' }, payload: 'hello' })
    expect(badForm.statusCode).toBeGreaterThanOrEqual(400)
    expect(badForm.statusCode).toBeLessThan(500)
    expect(errorBodySchema.safeParse(badForm.json()).success).toBe(true)

    const login = await inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: 'admin', password: 'menghai2026' } })
    const token = loginResponseSchema.parse(login.json()).token
    const badStatus = await inject({ method: 'GET', url: '/api/v1/admin/intakes?status=lost', headers: bearer(token) })
    expect(badStatus.statusCode).toBe(400)
    expect(badStatus.json().error.path).toBe('status')
    const badId = await inject({ method: 'GET', url: '/api/v1/admin/intakes/not-a-uuid', headers: bearer(token) })
    expect(badId.statusCode).toBe(400)
    expect(badId.json().error.path).toBe('id')

    const device = await enroll(server(), 'MHZ01')
    const badCursor = await inject({ method: 'GET', url: '/api/v1/pull?cursor=-1&limit=2', headers: bearer(device.token) })
    expect(badCursor.statusCode).toBe(400)
    expect(badCursor.json().error).toEqual({ code: 'bad_request', message: 'cursor 应为非负整数', path: 'cursor' })
    const badLimit = await inject({ method: 'GET', url: '/api/v1/pull?limit=5000', headers: bearer(device.token) })
    expect(badLimit.statusCode).toBe(400)
    expect(badLimit.json().error.path).toBe('limit')

    const oversize = await inject({
      method: 'POST',
      url: '/api/v1/push',
      headers: { ...bearer(device.token), 'content-type': 'application/json' },
      payload: JSON.stringify({ mutations: [], padding: 'x'.repeat(PUSH_MAX_BYTES) }),
    })
    expect(oversize.statusCode).toBe(413)
    expect(oversize.json().error.code).toBe('too_large')
  })

  it('logs an operator in and refuses a wrong password with 401', async () => {
    const ok = await inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: 'admin', password: 'menghai2026' } })
    expect(ok.statusCode).toBe(200)
    const login = loginResponseSchema.parse(ok.json())
    expect(login.operator).toEqual({ username: 'admin', displayName: expect.any(String), role: 'countyAdmin' })
    expect(Date.parse(login.expiresAt)).toBeGreaterThan(Date.now())

    const list = await inject({ method: 'GET', url: '/api/v1/admin/intakes', headers: bearer(login.token) })
    expect(list.statusCode).toBe(200)

    const wrong = await inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: 'admin', password: 'menghai2025' } })
    expect(wrong.statusCode).toBe(401)
    expect(wrong.json()).toEqual({ error: { code: 'unauthorized', message: '用户名或密码错误' } })
    const nobody = await inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: 'nobody', password: 'menghai2026' } })
    expect(nobody.statusCode).toBe(401)

    const noSession = await inject({ method: 'GET', url: '/api/v1/admin/intakes', headers: bearer('y'.repeat(43)) })
    expect(noSession.statusCode).toBe(401)
    // A device token is not an operator session.
    const device = await enroll(server(), 'MHZ01')
    expect((await inject({ method: 'GET', url: '/api/v1/admin/intakes', headers: bearer(device.token) })).statusCode).toBe(401)
  })

  it('keeps one unused code per demo station listed at start, stored only as its hash', async () => {
    expect(
      server()
        .enrollmentCodes.map((entry) => entry.stationCode)
        .sort(),
    ).toEqual(DEMO_STATIONS.map((station) => station.code).sort())
    const stored = await server().db.select().from(enrollmentCodes)
    for (const entry of server().enrollmentCodes) {
      expect(stored.find((row) => row.codeHash === sha256HexOfText(entry.code))?.stationCode).toBe(entry.stationCode)
      expect(JSON.stringify(stored)).not.toContain(entry.code)
    }
  })
})
