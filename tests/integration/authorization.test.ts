import { randomUUID } from 'node:crypto'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pullResponseSchema, pushResponseSchema, type MutationInput, type PullChange } from '../../shared/protocol'
import { intakes, mutations } from '../../server/db/schema'
import { startCountyServer, type CountyServer } from '../../server/start-county-server'
import { bearer, enroll, itemWith, operatorToken, stationMutation, submitMutation, testConfig } from './county-fixture'
import { databaseTargets, type PreparedDatabase } from './databases'

const targets = await databaseTargets()

const OWN = 'MHZMZ01'
const OTHER = 'MZZJZ01'

type LogLine = { level: number; msg: string; deviceId?: string; deviceStation?: string; payloadStation?: string; type?: string }

// A device reads and writes only its own station's data (PROTOCOL.md, Errors): a push naming
// another station, or another station's intake, is answered 403 for the whole batch and the
// attempt is logged; pull never carries another station's decisions.
describe.each(targets)('cross-station authorization on $name', (target) => {
  let database: PreparedDatabase
  let server: CountyServer
  let own: { token: string; deviceId: string }
  let other: { token: string; deviceId: string }
  let operator: string
  const logged: LogLine[] = []
  const inject = (options: InjectOptions) => server.app.inject(options)
  const push = (token: string, list: MutationInput[]) => inject({ method: 'POST', url: '/api/v1/push', headers: bearer(token), payload: { mutations: list } })
  const counts = async () => ({ intakes: await server.db.$count(intakes), mutations: await server.db.$count(mutations) })
  const refusals = () => logged.filter((line) => line.msg === 'cross-station push refused')

  const pullAll = async (token: string): Promise<PullChange[]> => {
    const all: PullChange[] = []
    let cursor = ''
    for (;;) {
      const page = pullResponseSchema.parse((await inject({ method: 'GET', url: `/api/v1/pull?cursor=${cursor}&limit=1000`, headers: bearer(token) })).json())
      all.push(...page.changes)
      cursor = page.cursor
      if (!page.more) return all
    }
  }

  const submitted = async (token: string, stationCode: string): Promise<string> => {
    const mutation = submitMutation(
      stationCode,
      itemWith((item) => item.handling === '2' && !item.acceptOnReceipt),
    )
    const response = await push(token, [mutation])
    expect(pushResponseSchema.parse(response.json()).results[0]?.status).toBe('applied')
    return mutation.entityId
  }
  const supplement = (intakeId: string) =>
    stationMutation('intake.supplement', intakeId, {
      intakeId,
      materials: [{ materialId: 'M01', name: '户口簿', status: 'provided', form: 'copy', count: 1 }],
      staffName: '岩温',
      createdAt: '2026-11-28T03:00:00.000Z',
    })
  const withdraw = (intakeId: string) =>
    stationMutation('intake.withdraw', intakeId, { intakeId, reason: '申请人决定暂不办理', staffName: '岩温', createdAt: '2026-11-28T03:00:00.000Z' })

  beforeAll(async () => {
    database = await target.prepare()
    const stream = { write: (line: string) => void logged.push(JSON.parse(line) as LogLine) }
    server = await startCountyServer(testConfig({ dataDir: database.dataDir ?? 'memory://', databaseUrl: database.databaseUrl, logLevel: 'warn' }), {
      logStream: stream,
    })
    own = await enroll(server, OWN)
    other = await enroll(server, OTHER)
    operator = await operatorToken(server)
  })
  afterAll(async () => {
    await server?.close()
    await database?.dispose()
  })

  it('answers 403 to an intake.submit naming another station, stores nothing and logs the attempt', async () => {
    const before = await counts()
    const foreign = submitMutation(
      OTHER,
      itemWith(() => true),
    )
    const response = await push(own.token, [
      submitMutation(
        OWN,
        itemWith(() => true),
      ),
      foreign,
    ])
    expect(response.statusCode).toBe(403)
    expect(response.json().error).toMatchObject({ code: 'forbidden', path: 'mutations.1.payload.stationCode', message: expect.stringContaining(OTHER) })
    expect(await counts()).toEqual(before)
    expect(refusals()).toContainEqual(
      expect.objectContaining({ level: 40, deviceId: own.deviceId, deviceStation: OWN, payloadStation: OTHER, type: 'intake.submit' }),
    )
  })

  it('answers 403 to a supplement or withdrawal of another station’s intake, and logs each', async () => {
    const foreignIntake = await submitted(other.token, OTHER)
    for (const attempt of [supplement(foreignIntake), withdraw(foreignIntake)]) {
      const before = await counts()
      const logsBefore = refusals().length
      const response = await push(own.token, [attempt])
      expect(response.statusCode, attempt.type).toBe(403)
      expect(response.json().error, attempt.type).toMatchObject({ code: 'forbidden', path: 'mutations.0.payload.intakeId' })
      expect(await counts(), attempt.type).toEqual(before)
      expect(refusals().slice(logsBefore), attempt.type).toEqual([expect.objectContaining({ deviceStation: OWN, payloadStation: OTHER, type: attempt.type })])
    }
    // The owner still can.
    expect(pushResponseSchema.parse((await push(other.token, [withdraw(foreignIntake)])).json()).results[0]?.status).toBe('applied')
  })

  it('never pulls another station’s decisions, even after the county decided them', async () => {
    const foreignIntake = await submitted(other.token, OTHER)
    const ownIntake = await submitted(own.token, OWN)
    for (const id of [foreignIntake, ownIntake]) {
      const decided = await inject({ method: 'POST', url: `/api/v1/admin/intakes/${id}/decision`, headers: bearer(operator), payload: { decision: 'accept' } })
      expect(decided.statusCode).toBe(200)
    }
    const ownIntakes = new Set(
      (await server.db.select({ id: intakes.id, stationCode: intakes.stationCode }).from(intakes))
        .filter((row) => row.stationCode === OWN)
        .map((row) => row.id),
    )
    const pulled = await pullAll(own.token)
    const decisions = pulled.filter((change) => change.entity === 'intakeDecision')
    expect(decisions.map((change) => change.id)).toContain(ownIntake)
    expect(decisions.every((change) => ownIntakes.has(change.id))).toBe(true)
    expect(pulled.some((change) => change.id === foreignIntake)).toBe(false)
    // Station-scoped reference data too: only this station's 进驻事项 and station record.
    expect(pulled.filter((change) => change.entity === 'stationItems' || change.entity === 'station').every((change) => change.id === OWN)).toBe(true)
  })

  it('keeps mutation ids per station: the same id from two stations is two mutations, neither a duplicate of the other', async () => {
    const shared = randomUUID()
    const mine = {
      ...submitMutation(
        OWN,
        itemWith(() => true),
      ),
      id: shared,
    }
    const theirs = {
      ...submitMutation(
        OTHER,
        itemWith(() => true),
      ),
      id: shared,
    }
    expect(pushResponseSchema.parse((await push(own.token, [mine])).json()).results[0]?.status).toBe('applied')
    expect(pushResponseSchema.parse((await push(other.token, [theirs])).json()).results[0]?.status).toBe('applied')
  })
})
