import Fastify, { type InjectOptions } from 'fastify'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  adminEnrollmentCodeSchema,
  adminIntakeListResponseSchema,
  adminStationListResponseSchema,
  loginResponseSchema,
  revokeDeviceResponseSchema,
  type AdminStation,
} from '../../shared/admin'
import { insertOperatorIfAbsent } from '../../server/repositories/operator-repository'
import { hashPassword } from '../../server/secrets'
import { SEEDED_STATIONS } from '../../server/seed/demo-stations'
import { CONSOLE_CSP, registerConsoleRoutes } from '../../server/routes/console-routes'
import { bearer, enroll, itemWith, startTestCounty, submitMutation, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'

const targets = await databaseTargets()

describe.each(targets)('county console stations API on $name', (target) => {
  let county: TestCounty
  let operatorToken: string
  const inject = (options: InjectOptions) => county.server.app.inject(options)
  const stations = async (): Promise<AdminStation[]> => {
    const response = await inject({ method: 'GET', url: '/api/v1/admin/stations', headers: bearer(operatorToken) })
    expect(response.statusCode).toBe(200)
    return adminStationListResponseSchema.parse(response.json()).stations
  }
  const station = async (code: string) => (await stations()).find((candidate) => candidate.code === code)!
  const enrollWith = (code: string) => inject({ method: 'POST', url: '/api/v1/enroll', payload: { code, deviceName: '综合窗口一号机' } })
  const issue = (stationCode: string, body: object = {}, token = operatorToken) =>
    inject({ method: 'POST', url: `/api/v1/admin/stations/${stationCode}/enrollment-codes`, headers: bearer(token), payload: body })
  const revoke = (deviceId: string, body: object = {}, token = operatorToken) =>
    inject({ method: 'POST', url: `/api/v1/admin/devices/${deviceId}/revoke`, headers: bearer(token), payload: body })

  beforeAll(async () => {
    county = await startTestCounty(target)
    const login = await inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: 'admin', password: 'menghai2026' } })
    operatorToken = loginResponseSchema.parse(login.json()).token
  })
  afterAll(async () => {
    await county?.close()
  })

  it('lists every station with a live code (its expiry, never the code) and no devices yet', async () => {
    const listed = await stations()
    expect(listed.map((entry) => entry.code)).toEqual(SEEDED_STATIONS.map((demo) => demo.code).sort())
    for (const printed of county.server.enrollmentCodes) {
      const entry = listed.find((candidate) => candidate.code === printed.stationCode)
      expect(entry).toMatchObject({
        name: printed.stationName,
        enrollmentCode: { stationCode: printed.stationCode, expiresAt: expect.any(String) },
        devices: [],
      })
      expect(Object.keys(entry!.enrollmentCode!).sort()).toEqual(['expiresAt', 'stationCode'])
    }
  })

  it('shows an enrolled device with its last contact, and no code once it is used', async () => {
    const printed = county.server.enrollmentCodes.find((entry) => entry.stationCode === 'MHZ01')!
    const enrolled = await enrollWith(printed.code)
    expect(enrolled.statusCode).toBe(200)
    const deviceToken = (enrolled.json() as { deviceId: string; token: string }).token
    expect((await inject({ method: 'GET', url: '/api/v1/pull', headers: bearer(deviceToken) })).statusCode).toBe(200)

    const entry = await station('MHZ01')
    expect(entry.enrollmentCode).toBeNull()
    expect(entry.devices).toHaveLength(1)
    expect(entry.devices[0]).toMatchObject({ id: (enrolled.json() as { deviceId: string }).deviceId, name: '综合窗口一号机', revokedAt: null })
    expect(Date.parse(entry.devices[0]!.lastSeenAt!)).toBeGreaterThanOrEqual(Date.parse(entry.devices[0]!.enrolledAt))
  })

  it('issues a new code that enrolls once, and voids the unused one before it', async () => {
    const before = county.server.enrollmentCodes.find((entry) => entry.stationCode === 'MHZMZ01')!
    const response = await issue('MHZMZ01', { validDays: 7 })
    expect(response.statusCode).toBe(200)
    const issued = adminEnrollmentCodeSchema.parse(response.json())
    expect(issued.stationCode).toBe('MHZMZ01')
    expect(issued.code).not.toBe(before.code)
    const days = (Date.parse(issued.expiresAt) - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(6.9)
    expect(days).toBeLessThanOrEqual(7)
    expect((await station('MHZMZ01')).enrollmentCode).toEqual({ stationCode: issued.stationCode, expiresAt: issued.expiresAt })

    const old = await enrollWith(before.code)
    expect(old.statusCode).toBe(401)
    expect(old.json().error.message).toContain('已过期')
    expect((await enrollWith(issued.code)).statusCode).toBe(200)
    expect((await enrollWith(issued.code)).statusCode).toBe(401)
    expect((await station('MHZMZ01')).enrollmentCode).toBeNull()

    // Without validDays the server's configured lifetime applies (30 days by default).
    const standard = adminEnrollmentCodeSchema.parse((await issue('MHZMZ01')).json())
    expect(Math.round((Date.parse(standard.expiresAt) - Date.now()) / 86_400_000)).toBe(30)
  })

  it('answers 404 for an unknown station and 400 for a bad one or a bad lifetime', async () => {
    const unknown = await issue('NOSUCH01')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().error).toEqual({ code: 'not_found', message: '站点 NOSUCH01 不存在，请核对站点编码' })
    expect((await issue('bad-code')).statusCode).toBe(400)
    const tooLong = await issue('MHZ01', { validDays: 400 })
    expect(tooLong.statusCode).toBe(400)
    expect(tooLong.json().error).toMatchObject({ path: 'validDays', message: '有效期不能超过365天' })
  })

  it('finds intakes by part of the item name, with % and _ taken literally', async () => {
    const { token } = await enroll(county.server, 'MZZJZ01')
    const item = itemWith((candidate) => candidate.name.length >= 4)
    const mutation = submitMutation('MZZJZ01', item)
    const pushed = await inject({ method: 'POST', url: '/api/v1/push', headers: bearer(token), payload: { mutations: [mutation] } })
    expect(pushed.json().results[0].status).toBe('applied')
    const search = async (itemName: string) => {
      const response = await inject({
        method: 'GET',
        url: `/api/v1/admin/intakes?stationCode=MZZJZ01&itemName=${encodeURIComponent(itemName)}`,
        headers: bearer(operatorToken),
      })
      expect(response.statusCode).toBe(200)
      return adminIntakeListResponseSchema.parse(response.json()).intakes.map((intake) => intake.id)
    }
    expect(await search(item.name.slice(1, 3))).toEqual([mutation.entityId])
    expect(await search(` ${item.name} `)).toEqual([mutation.entityId])
    expect(await search('没有这个事项')).toEqual([])
    expect(await search('%')).toEqual([])
    expect(await search(`${item.name.slice(0, 1)}_${item.name.slice(2, 3)}`)).toEqual([])
  })

  it('refuses both endpoints without an operator token, and to a station device', async () => {
    expect((await inject({ method: 'GET', url: '/api/v1/admin/stations' })).statusCode).toBe(401)
    expect((await inject({ method: 'GET', url: '/api/v1/admin/stations', headers: bearer('x'.repeat(43)) })).statusCode).toBe(401)
    expect((await inject({ method: 'POST', url: '/api/v1/admin/stations/MHZ01/enrollment-codes', payload: {} })).statusCode).toBe(401)

    const { code } = adminEnrollmentCodeSchema.parse((await issue('MHZ01')).json())
    const deviceToken = (await enrollWith(code)).json().token as string
    expect((await inject({ method: 'GET', url: '/api/v1/admin/stations', headers: bearer(deviceToken) })).statusCode).toBe(401)
    expect((await issue('MHZ01', {}, deviceToken)).statusCode).toBe(401)
  })

  it('revokes a device: its token gets 401 on pull and push, the station’s other device goes on', async () => {
    const lost = await enroll(county.server, 'MHZMZ01')
    const kept = await enroll(county.server, 'MHZMZ01')
    const pull = (token: string) => inject({ method: 'GET', url: '/api/v1/pull', headers: bearer(token) })
    const push = (token: string) =>
      inject({
        method: 'POST',
        url: '/api/v1/push',
        headers: bearer(token),
        payload: {
          mutations: [
            submitMutation(
              'MHZMZ01',
              itemWith(() => true),
            ),
          ],
        },
      })
    expect((await pull(lost.token)).statusCode).toBe(200)

    const response = await revoke(lost.deviceId, { reason: '电脑丢失' })
    expect(response.statusCode).toBe(200)
    const revoked = revokeDeviceResponseSchema.parse(response.json())
    expect(revoked).toMatchObject({ stationCode: 'MHZMZ01', device: { id: lost.deviceId, name: '测试设备 MHZMZ01' } })
    expect(revoked.device.revokedAt).not.toBeNull()

    for (const answer of [await pull(lost.token), await push(lost.token)]) {
      expect(answer.statusCode).toBe(401)
      expect(answer.json().error).toMatchObject({ code: 'unauthorized', message: expect.stringContaining('已被停用') })
    }
    expect((await pull(kept.token)).statusCode).toBe(200)
    expect((await push(kept.token)).json().results[0].status).toBe('applied')
    const listed = (await station('MHZMZ01')).devices
    expect(listed.find((device) => device.id === lost.deviceId)?.revokedAt).toBe(revoked.device.revokedAt)
    expect(listed.find((device) => device.id === kept.deviceId)?.revokedAt).toBeNull()

    // Revoking again changes nothing: the first revocation time stands.
    const again = await revoke(lost.deviceId)
    expect(again.statusCode).toBe(200)
    expect(revokeDeviceResponseSchema.parse(again.json()).device.revokedAt).toBe(revoked.device.revokedAt)
  })

  it('lets only a county administrator revoke, and answers 404 and 400 for unknown and bad ids', async () => {
    const device = await enroll(county.server, 'MZZJZ01')
    expect((await revoke('7d1c3d52-95a4-4c55-9f0e-1c2b9a7e4f10')).json().error).toEqual({ code: 'not_found', message: '设备不存在，请刷新站点列表后重试' })
    expect((await revoke('7d1c3d52-95a4-4c55-9f0e-1c2b9a7e4f10')).statusCode).toBe(404)
    const bad = await revoke('not-a-uuid')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.path).toBe('id')
    expect((await revoke(device.deviceId, { reason: '因'.repeat(201) })).statusCode).toBe(400)
    expect((await inject({ method: 'POST', url: `/api/v1/admin/devices/${device.deviceId}/revoke`, payload: {} })).statusCode).toBe(401)
    expect((await revoke(device.deviceId, {}, device.token)).statusCode).toBe(401)

    await insertOperatorIfAbsent(county.server.db, {
      username: 'shenpi01',
      displayName: '审批员',
      role: 'countyOperator',
      passwordHash: await hashPassword('shenpi-2026'),
    })
    const login = await inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: 'shenpi01', password: 'shenpi-2026' } })
    const reviewer = loginResponseSchema.parse(login.json()).token
    const refused = await revoke(device.deviceId, {}, reviewer)
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error).toMatchObject({ code: 'forbidden', message: '只有县级管理员可以停用设备' })
    expect((await station('MZZJZ01')).devices.find((listed) => listed.id === device.deviceId)?.revokedAt).toBeNull()
    expect((await inject({ method: 'GET', url: '/api/v1/pull', headers: bearer(device.token) })).statusCode).toBe(200)
  })

  it('revokes a station\u2019s unused codes without issuing another; enrolled devices go on', async () => {
    const revokeCodes = (stationCode: string, token = operatorToken) =>
      inject({ method: 'POST', url: `/api/v1/admin/stations/${stationCode}/enrollment-codes/revoke`, headers: bearer(token), payload: {} })
    const device = await enroll(county.server, 'MZZJZ01')
    const issued = adminEnrollmentCodeSchema.parse((await issue('MZZJZ01')).json())

    await insertOperatorIfAbsent(county.server.db, {
      username: 'shenpi02',
      displayName: '审批员',
      role: 'countyOperator',
      passwordHash: await hashPassword('shenpi-2026'),
    })
    const login = await inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: 'shenpi02', password: 'shenpi-2026' } })
    const refused = await revokeCodes('MZZJZ01', loginResponseSchema.parse(login.json()).token)
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error.message).toBe('只有县级管理员可以作废注册码')
    expect((await station('MZZJZ01')).enrollmentCode?.expiresAt).toBe(issued.expiresAt)

    const revoked = await revokeCodes('MZZJZ01')
    expect(revoked.statusCode).toBe(200)
    expect(revoked.json()).toEqual({ stationCode: 'MZZJZ01', revoked: 1 })
    expect((await station('MZZJZ01')).enrollmentCode).toBeNull()
    const late = await enrollWith(issued.code)
    expect(late.statusCode).toBe(401)
    expect(late.json().error.message).toContain('已过期')
    expect((await inject({ method: 'GET', url: '/api/v1/pull', headers: bearer(device.token) })).statusCode).toBe(200)

    expect((await revokeCodes('MZZJZ01')).json()).toEqual({ stationCode: 'MZZJZ01', revoked: 0 })
    expect((await revokeCodes('NOSUCH01')).statusCode).toBe(404)
    expect((await revokeCodes('bad code!')).statusCode).toBe(400)
  })
})

describe('county console static files', () => {
  let root: string
  const app = Fastify({ logger: false })

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'bianmin-console-'))
    registerConsoleRoutes(app, { root })
    await app.ready()
  })
  afterAll(async () => {
    await app.close()
    await rm(root, { recursive: true, force: true })
  })

  it('says in Chinese to build the console while out/console is missing', async () => {
    const response = await app.inject({ method: 'GET', url: '/console/' })
    expect(response.statusCode).toBe(503)
    expect(response.headers['content-type']).toContain('text/html')
    expect(response.body).toContain('县级管理后台尚未构建')
    expect(response.body).toContain('npm run build:console')
  })

  it('serves the build with its CSP, falls back to index.html for client routes, and stays inside its folder', async () => {
    await mkdir(join(root, 'assets'))
    await writeFile(join(root, 'index.html'), '<!doctype html><title>县级管理后台</title>')
    await writeFile(join(root, 'assets', 'index-abc123.js'), 'console.log(1)')

    const redirect = await app.inject({ method: 'GET', url: '/console' })
    expect(redirect.statusCode).toBe(302)
    expect(redirect.headers.location).toBe('/console/')

    const index = await app.inject({ method: 'GET', url: '/console/' })
    expect(index.statusCode).toBe(200)
    expect(index.headers['content-security-policy']).toBe(CONSOLE_CSP)
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(index.body).toContain('县级管理后台')

    const route = await app.inject({ method: 'GET', url: '/console/stations' })
    expect(route.statusCode).toBe(200)
    expect(route.body).toBe(index.body)

    const script = await app.inject({ method: 'GET', url: '/console/assets/index-abc123.js' })
    expect(script.statusCode).toBe(200)
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(script.headers['cache-control']).toContain('immutable')

    expect((await app.inject({ method: 'GET', url: '/console/assets/missing.js' })).statusCode).toBe(404)
    for (const url of ['/console/../package.json', '/console/%2e%2e/%2e%2e/package.json', '/console/..%2f..%2fpackage.json']) {
      const escaped = await app.inject({ method: 'GET', url })
      expect(escaped.body, url).not.toContain('"name"')
    }
  })

  it('serves a favicon at the root, and frames only the blob of a fetched attachment', async () => {
    const icon = await app.inject({ method: 'GET', url: '/favicon.ico' })
    expect(icon.statusCode).toBe(200)
    expect(icon.headers['content-type']).toBe('image/x-icon')
    // An ICO header: reserved 0, type 1 (icon).
    expect([...icon.rawPayload.subarray(0, 4)]).toEqual([0, 0, 1, 0])

    const directives = new Map(
      CONSOLE_CSP.split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values.join(' ')]),
    )
    expect(directives.get('frame-src')).toBe('blob:')
    expect(directives.get('object-src')).toBe("'none'")
    expect(directives.get('frame-ancestors')).toBe("'none'")
  })

  it('keeps the policy out of the page: a meta tag would silently drop frame-ancestors', async () => {
    const page = await readFile(resolve(import.meta.dirname, '../../server/console/index.html'), 'utf8')
    expect(page).not.toMatch(/http-equiv=["']Content-Security-Policy/i)
    expect(page).toContain('<link rel="icon" href="/favicon.ico" />')
  })
})
