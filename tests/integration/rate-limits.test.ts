import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/app'
import { AppError } from '../../server/app-error'
import { rateLimitWindows } from '../../server/db/rate-limit-schema'
import { consumeRate } from '../../server/services/rate-limits/rate-limit-service'
import { CountyError, createCountyClient } from '../../src-renderer/sync/county-client'
import { bearer, enroll, startTestCounty, testConfig, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'

const targets = await databaseTargets()

const LIMITS = { deviceRequestsPerMinute: 4, loginFailuresPerUser: 3, loginFailuresPerIp: 6, enrollFailuresPerIp: 2, loginWindowMinutes: 15 }

describe.each(targets)('429 rate limits kept in the database on $name', (target) => {
  let county: TestCounty
  // A second instance of the server on the same database: the counters must be shared.
  let second: ReturnType<typeof buildApp>
  const inject = (options: InjectOptions) => county.server.app.inject(options)

  beforeAll(async () => {
    county = await startTestCounty(target, LIMITS)
    second = buildApp({ db: county.server.db, config: testConfig(LIMITS) })
    await second.ready()
  })
  afterAll(async () => {
    await second?.close()
    await county?.close()
  })

  const expectTooMany = (response: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, windowSeconds: number) => {
    expect(response.statusCode).toBe(429)
    const retryAfter = Number(response.headers['retry-after'])
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    expect(retryAfter).toBeLessThanOrEqual(windowSeconds)
    const error = (response.json() as { error: { code: string; message: string } }).error
    expect(error.code).toBe('rate_limited')
    expect(error.message).toContain(`${retryAfter} 秒后重试`)
  }

  it('answers a device past its requests per minute with 429 and Retry-After, counted over every instance', async () => {
    const { token } = await enroll(county.server, 'MHZ01')
    const { token: other } = await enroll(county.server, 'MHZMZ01')
    const pull = (app: typeof second, as: string) => app.inject({ method: 'GET', url: '/api/v1/pull', headers: bearer(as) })
    const answers = [await pull(county.server.app, token), await pull(second, token), await pull(county.server.app, token), await pull(second, token)]
    // The window may turn over between two calls; then the count starts again and all pass.
    const refused = await pull(county.server.app, token)
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 200])
    if (refused.statusCode !== 200) expectTooMany(refused, 60)
    expect((await pull(second, other)).statusCode).toBe(200)
  })

  it("gives the station's county client the wait the county asked for", async () => {
    const { token } = await enroll(county.server, 'MZZJZ01')
    const client = createCountyClient({ baseUrl: county.server.url, token })
    let refused: unknown
    // Enough pulls to pass the limit even when a new minute starts in between.
    for (let i = 0; i < 2 * LIMITS.deviceRequestsPerMinute + 1 && refused === undefined; i++) {
      await client.pull('0').catch((error: unknown) => (refused = error))
    }
    expect(refused).toBeInstanceOf(CountyError)
    expect((refused as CountyError).kind).toBe('rateLimited')
    expect((refused as CountyError).retryAfterMs).toBeGreaterThanOrEqual(1000)
    expect((refused as CountyError).retryAfterMs).toBeLessThanOrEqual(60_000)
  })

  it('counts fixed windows: the next window starts from zero', async () => {
    const rule = { bucket: 'test:window', limit: 2, windowSeconds: 60 }
    const at = (iso: string) => new Date(iso)
    await consumeRate(county.server.db, rule, '测试', at('2026-11-30T08:00:01Z'))
    await consumeRate(county.server.db, rule, '测试', at('2026-11-30T08:00:30Z'))
    const refused = await consumeRate(county.server.db, rule, '测试', at('2026-11-30T08:00:45Z')).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(AppError)
    expect((refused as AppError).headers).toEqual({ 'Retry-After': '15' })
    await expect(consumeRate(county.server.db, rule, '测试', at('2026-11-30T08:01:00Z'))).resolves.toBeUndefined()
  })

  it('slows password guessing per username and address: a stranger locks out only themselves, and an administrator can unlock', async () => {
    const login = (password: string, remoteAddress: string, app = county.server.app) =>
      app.inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: 'admin', password }, remoteAddress })
    // Successful logins do not count.
    for (let i = 0; i < 5; i++) expect((await login('menghai2026', '10.0.0.1')).statusCode).toBe(200)
    // A stranger at one address guesses admin's password, on both instances.
    expect((await login('guess-1', '10.6.6.6')).statusCode).toBe(401)
    expect((await login('guess-2', '10.6.6.6', second)).statusCode).toBe(401)
    expect((await login('guess-3', '10.6.6.6')).statusCode).toBe(401)
    const refused = await login('guess-4', '10.6.6.6', second)
    expectTooMany(refused, 15 * 60)
    expect(refused.json().error.message).toMatch(/^登录失败次数过多/)
    // Past the limit even the right password waits, at that address only.
    expectTooMany(await login('menghai2026', '10.6.6.6'), 15 * 60)
    // The administrator, at their own address, is not locked out by the stranger.
    const own = await login('menghai2026', '10.0.0.1', second)
    expect(own.statusCode).toBe(200)
    const adminToken = (own.json() as { token: string }).token

    // 解除锁定: only an administrator, for an existing account; the locked address may sign in again.
    const unlock = (username: string, token: string) =>
      inject({ method: 'POST', url: `/api/v1/admin/operators/${username}/unlock`, headers: bearer(token), payload: {} })
    const reviewer = await inject({
      method: 'POST',
      url: '/api/v1/admin/login',
      payload: { username: 'minzheng', password: 'minzheng2026' },
      remoteAddress: '10.0.0.7',
    })
    expect((await unlock('admin', (reviewer.json() as { token: string }).token)).statusCode).toBe(403)
    expect((await unlock('nobody-here', adminToken)).statusCode).toBe(404)
    const unlocked = await unlock('admin', adminToken)
    expect(unlocked.statusCode).toBe(200)
    expect(unlocked.json()).toEqual({ username: 'admin', unlocked: true })
    expect((await login('menghai2026', '10.6.6.6')).statusCode).toBe(200)
    expect((await unlock('admin', adminToken)).json()).toEqual({ username: 'admin', unlocked: false })
  })

  it('limits failed logins per address, whichever names are tried', async () => {
    const login = (username: string) =>
      inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username, password: 'wrong-password' }, remoteAddress: '10.9.9.9' })
    for (let i = 0; i < LIMITS.loginFailuresPerIp; i++) expect((await login(`user${i}`)).statusCode).toBe(401)
    expectTooMany(await login('user-next'), 15 * 60)
    // Another address is not affected.
    expect(
      (await inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: 'user-next', password: 'wrong-password' }, remoteAddress: '10.9.9.8' }))
        .statusCode,
    ).toBe(401)
  })

  it('limits wrong enrollment codes per address; bad input is a 400 and not a guess', async () => {
    const enrollWith = (payload: object) => inject({ method: 'POST', url: '/api/v1/enroll', payload, remoteAddress: '10.7.7.7' })
    for (let i = 0; i < 5; i++) expect((await enrollWith({ code: 12345 })).statusCode).toBe(400)
    expect((await enrollWith({ code: 'ZZZZ2222', deviceName: '猜测' })).statusCode).toBe(401)
    expect((await enrollWith({ code: 'ZZZZ3333', deviceName: '猜测' })).statusCode).toBe(401)
    expectTooMany(await enrollWith({ code: 'ZZZZ4444', deviceName: '猜测' }), 15 * 60)
    expect(await county.server.db.$count(rateLimitWindows)).toBeGreaterThan(0)
  })
})
