import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pushResponseSchema } from '../../shared/protocol'
import { bearer, enroll, itemWith, startTestCounty, submitMutation, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'

// Issue 5, catalog versions: a station offline for days sends intakes made under the item
// version it had. The county accepts them with that version whatever it has published since
// (changed, suspended or withdrawn): the resident applied under the rules of that day, so
// there is no grace period to run out. The intake keeps the version it was made under.
const targets = await databaseTargets()
const STATION = 'MHZ01'

describe.each(targets)('intakes made under an older item version on $name', (target) => {
  let county: TestCounty
  let token: string

  beforeAll(async () => {
    county = await startTestCounty(target)
    token = (await enroll(county.server, STATION)).token
  })
  afterAll(async () => {
    await county?.close()
  })

  const push = async (mutation: ReturnType<typeof submitMutation>) => {
    const response = await county.server.app.inject({ method: 'POST', url: '/api/v1/push', headers: bearer(token), payload: { mutations: [mutation] } })
    expect(response.statusCode).toBe(200)
    return pushResponseSchema.parse(response.json()).results[0]
  }

  it('accepts an intake made under a version the county has since replaced, and keeps that version', async () => {
    const item = itemWith(() => true)
    // The county has since published version 5 of the item, with another limit.
    await county.server.db.execute(
      sql`UPDATE catalog_items SET version = 5, data = jsonb_set(jsonb_set(data, '{version}', '5'), '{promisedLimitDays}', '3') WHERE id = ${item.id}`,
    )
    const mutation = submitMutation(STATION, { ...item, version: 1 })
    expect(await push(mutation)).toMatchObject({ status: 'applied' })
    const stored = await county.server.db.execute(sql`SELECT item_version FROM intakes WHERE id = ${mutation.payload.id}::uuid`)
    // PGlite and node-postgres both answer { rows }; bigint comes back as a number or a string.
    expect(Number((stored as unknown as { rows: { item_version: unknown }[] }).rows[0]?.item_version)).toBe(1)
  })

  it('accepts an intake made before its item was withdrawn', async () => {
    const item = itemWith((candidate) => candidate.id !== itemWith(() => true).id)
    await county.server.db.execute(
      sql`UPDATE catalog_items SET version = 6, status = 'withdrawn', data = jsonb_set(jsonb_set(data, '{version}', '6'), '{status}', '"withdrawn"') WHERE id = ${item.id}`,
    )
    expect(await push(submitMutation(STATION, item))).toMatchObject({ status: 'applied' })
  })
})
