import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pullResponseSchema, pushResponseSchema, type MutationInput } from '../../shared/protocol'
import { bearer, enroll, itemWith, startTestCounty, submitMutation, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'

// Savepoints and the JSON recordset inserts are engine work: both engines.
const targets = await databaseTargets({ both: true })

/**
 * A run of `intake.submit`s is applied as a set (intake-submit-service submitIntakes);
 * whatever the set cannot judge falls back to one savepoint per mutation. Either way
 * each mutation's result, and what is stored and published, must be what it would be alone.
 */
describe.each(targets)('a batch of submits on $name', (target) => {
  let county: TestCounty
  let token: string
  const STATION = 'MHZMZ01'

  beforeAll(async () => {
    county = await startTestCounty(target)
    token = (await enroll(county.server, STATION)).token
  })
  afterAll(async () => {
    await county?.close()
  })

  const push = async (mutations: MutationInput[]) => {
    const response = await county.server.app.inject({ method: 'POST', url: '/api/v1/push', headers: bearer(token), payload: { mutations } })
    expect(response.statusCode).toBe(200)
    return pushResponseSchema.parse(response.json()).results
  }
  /** The `intake` changes the station pulls: id to data. */
  const pulledIntakes = async () => {
    const intakes = new Map<string, unknown>()
    let cursor = ''
    for (;;) {
      const response = await county.server.app.inject({ method: 'GET', url: `/api/v1/pull?cursor=${cursor}&limit=1000`, headers: bearer(token) })
      const page = pullResponseSchema.parse(response.json())
      for (const change of page.changes) if (change.entity === 'intake') intakes.set(change.id, change.data)
      cursor = page.cursor
      if (!page.more) return intakes
    }
  }

  it('answers each submit of a run as it would alone: applied, duplicate, conflict, a number already taken, an unknown item', async () => {
    const item = itemWith((candidate) => candidate.acceptOnReceipt)
    const first = [submitMutation(STATION, item), submitMutation(STATION, item)]
    expect((await push(first)).map((result) => result.status)).toEqual(['applied', 'applied'])

    // All the set can judge: a new one, a repeat (duplicate), a reused id with another payload (conflict).
    const fresh = submitMutation(STATION, item, { lookupKey: randomBytes(32).toString('base64url') })
    const changed = { ...first[1]!, payload: { ...first[1]!.payload, staffName: '玉罕' } }
    const setResults = await push([fresh, first[0]!, changed])
    expect(setResults.map((result) => result.status)).toEqual(['applied', 'duplicate', 'rejected'])
    expect(setResults[2]?.error?.code).toBe('conflict')

    // What it cannot: an intake number already taken (found only by the insert, which the set
    // rolls back), an unknown item; between good ones, only those are refused.
    const before = submitMutation(STATION, item)
    const takenNumber = submitMutation(STATION, item, { intakeNo: first[0]!.payload.intakeNo })
    const after = submitMutation(STATION, item)
    const taken = await push([before, takenNumber, after])
    expect(taken.map((result) => result.status)).toEqual(['applied', 'rejected', 'applied'])
    expect(taken[1]?.error?.code).toBe('conflict')
    const unknownItem = submitMutation(STATION, { ...item, id: 'NO-SUCH-ITEM' })
    const last = submitMutation(STATION, item)
    const unknown = await push([unknownItem, last])
    expect(unknown.map((result) => result.status)).toEqual(['rejected', 'applied'])
    expect(unknown[0]?.error?.message).toContain('不在本县事项目录中')

    // A refused mutation leaves nothing behind: sent again under the same id once fixed, it applies.
    const fixed = { ...takenNumber, payload: { ...takenNumber.payload, intakeNo: `${STATION}-20261128-9999` } }
    expect((await push([fixed, submitMutation(STATION, item)])).map((result) => result.status)).toEqual(['applied', 'applied'])

    const applied = [...first, fresh, before, after, last, fixed]
    const pulled = await pulledIntakes()
    expect(pulled.size).toBe(applied.length + 1)
    // Each as submitted, by the set or one by one, without its 进度查询码.
    for (const { entityId, payload } of applied) {
      const { lookupKey: _key, ...submitted } = payload as typeof payload & { lookupKey?: string }
      expect(pulled.get(entityId)).toMatchObject(submitted)
      expect(pulled.get(entityId)).not.toHaveProperty('lookupKey')
    }
  })
})
