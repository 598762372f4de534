import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminIntakeResponseSchema, loginResponseSchema } from '../../shared/admin'
import { pullResponseSchema } from '../../shared/protocol'
import { maskedConfig, resolveConfig } from '../../server/config'
import { loadMigrations } from '../../server/db/migrate'
import { changes, operators } from '../../server/db/schema'
import { startCountyServer, type CountyServer } from '../../server/start-county-server'
import { bearer, enroll, itemWith, submitMutation, testConfig } from './county-fixture'
import { databaseTargets, type PreparedDatabase } from './databases'

const targets = await databaseTargets({ both: true })

describe('config', () => {
  it('layers defaults, a JSON file, the environment and overrides, and masks secrets', () => {
    const dir = mkdtempSync(join(tmpdir(), 'county-config-'))
    try {
      const file = join(dir, 'county.json')
      writeFileSync(file, JSON.stringify({ port: 9000, host: '0.0.0.0', enrollmentCodeDays: 7 }))
      const config = resolveConfig({
        env: { COUNTY_CONFIG: file, PORT: '9100', DATABASE_URL: 'postgres://county:s3cret@db.local:5432/county', COUNTY_ADMIN_PASSWORD: 'longenough1' },
        overrides: { logLevel: 'warn' },
      })
      expect(config).toMatchObject({
        port: 9100,
        host: '0.0.0.0',
        enrollmentCodeDays: 7,
        logLevel: 'warn',
        dataDir: './data/county',
        adminPassword: 'longenough1',
      })
      const masked = JSON.stringify(maskedConfig(config))
      expect(masked).not.toContain('s3cret')
      expect(masked).not.toContain('longenough1')
      expect(masked).toContain('db.local')

      expect(resolveConfig({ env: {} })).toMatchObject({ port: 8787, host: '127.0.0.1', dataDir: './data/county', county: { code: '532822', name: '勐海县' } })
      expect(() => resolveConfig({ env: { PORT: 'eighty' } })).toThrow(/port/)
      writeFileSync(file, JSON.stringify({ colour: 'red' }))
      expect(() => resolveConfig({ env: { COUNTY_CONFIG: file } })).toThrow(/配置无效/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe.each(targets)('restart on the same data ($name)', (target) => {
  let database: PreparedDatabase
  let server: CountyServer | undefined

  const start = () => startCountyServer(testConfig({ dataDir: database.dataDir, databaseUrl: database.databaseUrl }))

  beforeAll(async () => {
    if (target.name === 'pglite') {
      const dataDir = mkdtempSync(join(tmpdir(), 'county-pglite-'))
      database = { dataDir, dispose: async () => rmSync(dataDir, { recursive: true, force: true }) }
    } else {
      database = await target.prepare()
    }
  })
  afterAll(async () => {
    await server?.close()
    await database?.dispose()
  })

  it('keeps devices, intakes, codes and the change log, and seeds nothing twice', async () => {
    server = await start()
    const firstCodes = server.enrollmentCodes
    const device = await enroll(server, 'MHZ01')
    const mutation = submitMutation(
      'MHZ01',
      itemWith(() => true),
    )
    const pushed = await server.app.inject({ method: 'POST', url: '/api/v1/push', headers: bearer(device.token), payload: { mutations: [mutation] } })
    expect(pushed.json().results[0].status).toBe('applied')
    const changeCount = await server.db.$count(changes)
    await server.close()

    server = await start()
    // Codes are kept hashed, so a start cannot print the last start's codes again: it issues
    // fresh ones, and the codes printed before stop working.
    const byStation = Object.fromEntries(server.enrollmentCodes.map((entry) => [entry.stationCode, entry.code]))
    expect(byStation.MHZ01).toMatch(/^[A-HJ-NP-Z2-9]{8}$/)
    for (const entry of firstCodes) {
      expect(byStation[entry.stationCode]).not.toBe(entry.code)
      const stale = await server.app.inject({ method: 'POST', url: '/api/v1/enroll', payload: { code: entry.code, deviceName: '旧注册码' } })
      expect(stale.statusCode).toBe(401)
    }

    expect(await server.db.$count(changes)).toBe(changeCount)
    expect(await server.db.$count(operators, eq(operators.username, 'admin'))).toBe(1)
    const migrations = await server.db.execute(sql`SELECT version FROM schema_migrations ORDER BY version`)
    expect((migrations as unknown as { rows: { version: string }[] }).rows.map((row) => row.version)).toEqual(
      loadMigrations().map((migration) => migration.version),
    )

    const pull = await server.app.inject({ method: 'GET', url: '/api/v1/pull', headers: bearer(device.token) })
    expect(pull.statusCode).toBe(200)
    const decisions = pullResponseSchema.parse(pull.json()).changes.filter((change) => change.entity === 'intakeDecision')
    expect(decisions.map((change) => change.id)).toEqual([mutation.entityId])

    const again = await server.app.inject({ method: 'POST', url: '/api/v1/push', headers: bearer(device.token), payload: { mutations: [mutation] } })
    expect(again.json().results[0].status).toBe('duplicate')

    const login = await server.app.inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: 'admin', password: 'menghai2026' } })
    const token = loginResponseSchema.parse(login.json()).token
    const intake = await server.app.inject({ method: 'GET', url: `/api/v1/admin/intakes/${mutation.entityId}`, headers: bearer(token) })
    expect(adminIntakeResponseSchema.parse(intake.json()).intake.intakeNo).toBe(mutation.payload.intakeNo)
  })
})
