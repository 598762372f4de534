import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminIntakeListResponseSchema, loginResponseSchema } from '../../shared/admin'
import { adminOperatorListResponseSchema, adminOperatorResponseSchema } from '../../shared/operator-admin'
import { buildApp } from '../../server/app'
import { DEMO_REVIEWER_PASSWORD } from '../../server/config'
import { operators, operatorSessions } from '../../server/db/schema'
import { DEMO_REVIEWER } from '../../server/seed/demo-stations'
import { bearer, enroll, itemWith, operatorToken, startTestCounty, submitMutation, testConfig, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'

const targets = await databaseTargets()

const TUS = { 'tus-resumable': '1.0.0' }
const encodeMetadata = (metadata: Record<string, string>) =>
  Object.entries(metadata)
    .map(([key, value]) => `${key} ${Buffer.from(value, 'utf8').toString('base64')}`)
    .join(',')

describe.each(targets)('console accounts and roles on $name', (target) => {
  let county: TestCounty
  let filesDir: string
  let admin: string
  let device: string
  const inject = (options: InjectOptions) => county.server.app.inject(options)
  const login = (username: string, password: string) => inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username, password } })
  const tokenOf = async (username: string, password: string) => {
    const response = await login(username, password)
    expect(response.statusCode, response.body).toBe(200)
    return loginResponseSchema.parse(response.json()).token
  }
  const listIntakeIds = async (token: string) => {
    const response = await inject({ method: 'GET', url: '/api/v1/admin/intakes', headers: bearer(token) })
    expect(response.statusCode).toBe(200)
    return adminIntakeListResponseSchema.parse(response.json()).intakes.map((intake) => intake.id)
  }

  /** An intake of the item, naming one uploaded attachment; answers its id and the file's sha256. */
  const intakeWithFile = async (department: string, other: boolean) => {
    const item = itemWith((candidate) => (other ? candidate.department !== department : candidate.department === department) && !candidate.acceptOnReceipt)
    const bytes = randomBytes(64)
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const mutation = submitMutation('MHZ01', item, {
      materials: [{ materialId: 'M01', name: '户口簿', status: 'provided', form: 'copy', count: 1, attachments: [sha256] }],
    })
    const pushed = await inject({ method: 'POST', url: '/api/v1/push', headers: bearer(device), payload: { mutations: [mutation] } })
    expect(pushed.json().results[0].status, pushed.body).toBe('applied')
    const created = await inject({
      method: 'POST',
      url: '/api/v1/files/',
      headers: {
        ...bearer(device),
        ...TUS,
        'upload-length': String(bytes.length),
        'upload-metadata': encodeMetadata({ sha256, intakeId: mutation.entityId, materialId: 'M01', filename: '户口簿.jpg', mime: 'image/jpeg' }),
      },
    })
    expect(created.statusCode, created.body).toBe(201)
    const patched = await inject({
      method: 'PATCH',
      url: String(created.headers.location),
      headers: { ...bearer(device), ...TUS, 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
      payload: bytes,
    })
    expect(patched.statusCode, patched.body).toBe(204)
    return { id: mutation.entityId, sha256 }
  }

  beforeAll(async () => {
    filesDir = mkdtempSync(join(tmpdir(), 'roles-test-'))
    county = await startTestCounty(target, { filesDir })
    admin = await operatorToken(county.server)
    device = (await enroll(county.server, 'MHZ01')).token
  })
  afterAll(async () => {
    await county?.close()
    rmSync(filesDir, { recursive: true, force: true })
  })

  it('seeds the demo reviewer of 勐海县民政局 and says how to log in', async () => {
    expect(county.server.reviewerLoginHint).toBe(`minzheng (password ${DEMO_REVIEWER_PASSWORD}, demo default; department reviewer of 勐海县民政局)`)
    const response = await login(DEMO_REVIEWER.username, DEMO_REVIEWER_PASSWORD)
    expect(loginResponseSchema.parse(response.json()).operator).toEqual({
      username: 'minzheng',
      displayName: DEMO_REVIEWER.displayName,
      role: 'countyOperator',
      department: '勐海县民政局',
    })
    const [row] = await county.server.db.select().from(operators).where(eq(operators.username, 'minzheng'))
    // scrypt with its own salt: never the password, never the same hash twice.
    expect(row!.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{88}$/)
  })

  it('lets a department reviewer see, open and decide only the intakes of their department', async () => {
    const own = await intakeWithFile('勐海县民政局', false)
    const foreign = await intakeWithFile('勐海县民政局', true)
    const reviewer = await tokenOf('minzheng', DEMO_REVIEWER_PASSWORD)

    expect(await listIntakeIds(admin)).toEqual(expect.arrayContaining([own.id, foreign.id]))
    const seen = await listIntakeIds(reviewer)
    expect(seen).toContain(own.id)
    expect(seen).not.toContain(foreign.id)

    expect((await inject({ method: 'GET', url: `/api/v1/admin/intakes/${own.id}`, headers: bearer(reviewer) })).statusCode).toBe(200)
    const refused = await inject({ method: 'GET', url: `/api/v1/admin/intakes/${foreign.id}`, headers: bearer(reviewer) })
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error.message).toBe('该办件的事项不属于您所在部门，无权查看或处理')

    const decide = (id: string, token: string) =>
      inject({ method: 'POST', url: `/api/v1/admin/intakes/${id}/decision`, headers: bearer(token), payload: { decision: 'accept' } })
    expect((await decide(foreign.id, reviewer)).statusCode).toBe(403)
    const foreignDetail = await inject({ method: 'GET', url: `/api/v1/admin/intakes/${foreign.id}`, headers: bearer(admin) })
    expect(foreignDetail.json().intake.status).toBe('submitted')
    expect((await decide(own.id, reviewer)).json()).toMatchObject({ status: 'accepted' })

    const file = (sha256: string, token: string) => inject({ method: 'GET', url: `/api/v1/admin/files/${sha256}`, headers: bearer(token) })
    expect((await file(own.sha256, reviewer)).statusCode).toBe(200)
    expect((await file(foreign.sha256, reviewer)).statusCode).toBe(403)
    expect((await file(foreign.sha256, admin)).statusCode).toBe(200)

    // Managing is the administrator's.
    expect((await inject({ method: 'GET', url: '/api/v1/admin/operators', headers: bearer(reviewer) })).statusCode).toBe(403)
    expect((await inject({ method: 'POST', url: '/api/v1/admin/stations/MHZ01/enrollment-codes', headers: bearer(reviewer), payload: {} })).statusCode).toBe(
      403,
    )
  })

  it('lets the administrator create, reset and disable accounts; a reset or a disable ends their sessions', async () => {
    const listed = adminOperatorListResponseSchema.parse((await inject({ method: 'GET', url: '/api/v1/admin/operators', headers: bearer(admin) })).json())
    expect(listed.departments).toContain('勐海县民政局')
    expect(listed.operators.map((entry) => entry.username)).toEqual(expect.arrayContaining(['admin', 'minzheng']))

    const create = (body: object) => inject({ method: 'POST', url: '/api/v1/admin/operators', headers: bearer(admin), payload: body })
    const noDepartment = await create({ username: 'renshe01', displayName: '人社局审核员', role: 'countyOperator', password: 'renshe-2026' })
    expect(noDepartment.statusCode).toBe(400)
    expect(noDepartment.json().error).toMatchObject({ path: 'department', message: '部门审核人员须选择所在部门' })
    expect(
      (await create({ username: 'renshe01', displayName: '人社局审核员', role: 'countyOperator', department: '不存在的局', password: 'renshe-2026' }))
        .statusCode,
    ).toBe(400)
    const created = await create({
      username: 'renshe01',
      displayName: '人社局审核员',
      role: 'countyOperator',
      department: '勐海县人力资源和社会保障局',
      password: 'renshe-2026',
    })
    expect(created.statusCode, created.body).toBe(200)
    expect(adminOperatorResponseSchema.parse(created.json()).operator).toMatchObject({
      username: 'renshe01',
      department: '勐海县人力资源和社会保障局',
      disabledAt: null,
    })
    const again = await create({ username: 'renshe01', displayName: '重名', role: 'countyAdmin', password: 'renshe-2026' })
    expect(again.statusCode).toBe(409)

    const first = await tokenOf('renshe01', 'renshe-2026')
    const reset = await inject({
      method: 'POST',
      url: '/api/v1/admin/operators/renshe01/password',
      headers: bearer(admin),
      payload: { password: 'renshe-2027' },
    })
    expect(reset.statusCode, reset.body).toBe(200)
    expect((await inject({ method: 'GET', url: '/api/v1/admin/intakes', headers: bearer(first) })).statusCode).toBe(401)
    expect((await login('renshe01', 'renshe-2026')).statusCode).toBe(401)
    const second = await tokenOf('renshe01', 'renshe-2027')

    expect((await inject({ method: 'POST', url: '/api/v1/admin/operators/admin/disable', headers: bearer(admin), payload: {} })).statusCode).toBe(409)
    const disabled = await inject({ method: 'POST', url: '/api/v1/admin/operators/renshe01/disable', headers: bearer(admin), payload: { reason: '调离' } })
    expect(adminOperatorResponseSchema.parse(disabled.json()).operator.disabledAt).not.toBeNull()
    expect((await inject({ method: 'GET', url: '/api/v1/admin/intakes', headers: bearer(second) })).statusCode).toBe(401)
    expect((await login('renshe01', 'renshe-2027')).statusCode).toBe(401)
    expect(await county.server.db.$count(operatorSessions, eq(operatorSessions.username, 'renshe01'))).toBe(0)
    expect((await inject({ method: 'POST', url: '/api/v1/admin/operators/nosuch/disable', headers: bearer(admin), payload: {} })).statusCode).toBe(404)
  })

  it('keeps sessions in the database: a second instance on the same database honours a login and a logout', async () => {
    const other = buildApp({ db: county.server.db, config: testConfig() })
    try {
      const token = await tokenOf('minzheng', DEMO_REVIEWER_PASSWORD)
      expect((await other.inject({ method: 'GET', url: '/api/v1/admin/intakes', headers: bearer(token) })).statusCode).toBe(200)
      expect((await other.inject({ method: 'POST', url: '/api/v1/admin/logout', headers: bearer(token), payload: {} })).statusCode).toBe(200)
      expect((await inject({ method: 'GET', url: '/api/v1/admin/intakes', headers: bearer(token) })).statusCode).toBe(401)
    } finally {
      await other.close()
    }
  })

  it('ends the session at logout: the row is gone and the token answers 401', async () => {
    const token = await tokenOf('admin', 'menghai2026')
    const sessions = await county.server.db.$count(operatorSessions)
    const out = await inject({ method: 'POST', url: '/api/v1/admin/logout', headers: bearer(token), payload: {} })
    expect(out.json()).toEqual({ loggedOut: true })
    expect(await county.server.db.$count(operatorSessions)).toBe(sessions - 1)
    expect((await inject({ method: 'GET', url: '/api/v1/admin/intakes', headers: bearer(token) })).statusCode).toBe(401)
    expect((await inject({ method: 'POST', url: '/api/v1/admin/logout', headers: bearer(token), payload: {} })).statusCode).toBe(401)
  })
})
