import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pullResponseSchema, pushResponseSchema, type PullChange } from '../../shared/protocol'
import { addSimulationStations } from '../../scripts/lib/sim-county'
import { bearer, enroll, itemWith, startTestCounty, submitMutation, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'

/**
 * The change log under load, on PostgreSQL (PGlite runs one transaction at a time,
 * so it cannot interleave commits): several stations push at once, two devices
 * each, while other devices of the same stations pull in small pages in a loop. A
 * cursor that moved past a row whose transaction committed later would never see
 * it, so every puller must end with every change of its station exactly once.
 *
 * Late commits are made on purpose, not left to chance: a deferred trigger holds
 * back the commit of one push per station (it carries a marked intake) until a
 * later-numbered change of that station is visible, or a second has passed, while the
 * other devices of the station go on pushing and pulling. With pull reading past
 * the settled horizon (settledChangeHorizon) this test fails (checked).
 */
const postgres = (await databaseTargets()).filter((target) => target.name === 'postgres')
if (postgres.length === 0) console.warn('concurrent-push: no PostgreSQL at DATABASE_URL or 127.0.0.1:5432; skipped')

const STATIONS = ['CCA01', 'CCB01', 'CCC01']
const WRITERS_PER_STATION = 3
const BATCHES_PER_WRITER = 8
const PULLERS_PER_STATION = 2
const SLOW_NOTE = '测试：此批提交较慢'

describe.skipIf(postgres.length === 0).each(postgres)('concurrent pushes and pulls on $name', (target) => {
  let county: TestCounty

  beforeAll(async () => {
    county = await startTestCounty(target)
    await addSimulationStations(county.server.db, STATIONS)
    // Runs at commit, after the transaction's changes got their sequence numbers. A marked
    // transaction commits late: only once a later-numbered change of its station is
    // visible (then half a second more, for the pullers to read past it), or after a
    // second, when none comes (a puller waiting for the horizon holds other writers back meanwhile).
    await county.server.db.execute(sql`
      CREATE FUNCTION test_late_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        deadline timestamptz := clock_timestamp() + interval '1 second';
      BEGIN
        IF NEW.entity = 'intake' AND NEW.data->>'note' = '${sql.raw(SLOW_NOTE)}' AND coalesce(current_setting('test.late', true), '') = '' THEN
          PERFORM set_config('test.late', 'yes', true);
          WHILE clock_timestamp() < deadline LOOP
            IF EXISTS (SELECT 1 FROM changes WHERE seq > NEW.seq AND station_code = NEW.station_code) THEN
              PERFORM pg_sleep(0.5);
              EXIT;
            END IF;
            PERFORM pg_sleep(0.01);
          END LOOP;
        END IF;
        RETURN NULL;
      END $$`)
    await county.server.db.execute(
      sql`CREATE CONSTRAINT TRIGGER changes_late_commit AFTER INSERT ON changes DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_late_commit()`,
    )
  })
  afterAll(async () => {
    await county?.close()
  })

  const http = (path: string, token: string, init: RequestInit = {}) =>
    fetch(`${county.server.url}${path}`, { ...init, headers: { ...bearer(token), 'content-type': 'application/json', ...init.headers } })

  it('gives every puller every change exactly once while stations push concurrently', async () => {
    const item = itemWith((candidate) => candidate.acceptOnReceipt)
    const tokens = async (station: string, count: number) =>
      Promise.all(Array.from({ length: count }, async () => (await enroll(county.server, station)).token))
    const writers = await Promise.all(STATIONS.map(async (station) => ({ station, tokens: await tokens(station, WRITERS_PER_STATION) })))
    const pullers = (
      await Promise.all(STATIONS.map(async (station) => (await tokens(station, PULLERS_PER_STATION)).map((token) => ({ station, token }))))
    ).flat()

    // Where each puller starts: after what the county held before any push.
    const start = new Map<string, string>()
    for (const { token } of pullers) start.set(token, await drain(token, ''))

    let writing = true
    const pulled = new Map<string, PullChange[]>()
    const pulling = pullers.map(async ({ token }, index) => {
      // Some pull in small pages, some in large ones that keep them at the head of the log, where a late commit bites.
      const limit = index % 2 === 0 ? 7 : 500
      const seen: PullChange[] = []
      let cursor = start.get(token)!
      for (;;) {
        const stillWriting = writing
        const page = await pullPage(token, cursor, limit)
        seen.push(...page.changes)
        cursor = page.cursor
        if (!stillWriting && !page.more) break
      }
      pulled.set(token, seen)
    })

    // Batches of different sizes, so transactions of one station overlap with another's and commit out of start order.
    const pushed = new Map<string, string[]>(STATIONS.map((station) => [station, []]))
    const pushing = writers.flatMap(({ station, tokens: writerTokens }) =>
      writerTokens.map(async (token, writer) => {
        for (let batch = 0; batch < BATCHES_PER_WRITER; batch++) {
          const size = 1 + ((batch * 7 + writer * 3 + station.charCodeAt(2)) % 25)
          const slow = writer === 0 && batch === 1
          const mutations = Array.from({ length: size }, (_, index) => submitMutation(station, item, slow && index === 0 ? { note: SLOW_NOTE } : {}))
          const response = await http('/api/v1/push', token, { method: 'POST', body: JSON.stringify({ mutations }) })
          expect(response.status).toBe(200)
          const { results } = pushResponseSchema.parse(await response.json())
          expect(results.map((result) => result.status)).toEqual(mutations.map(() => 'applied'))
          pushed.get(station)!.push(...mutations.map((mutation) => mutation.entityId))
        }
      }),
    )
    try {
      await Promise.all(pushing)
    } finally {
      writing = false
    }
    await Promise.all(pulling)

    for (const { station, token } of pullers) {
      const changes = pulled.get(token)!
      const seqs = changes.map((change) => change.seq)
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
      expect(new Set(seqs).size).toBe(seqs.length)
      for (const entity of ['intake', 'intakeDecision'] as const) {
        const ids = changes.filter((change) => change.entity === entity).map((change) => change.id)
        expect(ids.length, `${entity} changes pulled at ${station}`).toBe(pushed.get(station)!.length)
        expect(new Set(ids)).toEqual(new Set(pushed.get(station)))
      }
      // Nothing of another station leaked into this one's pull.
      expect(changes.every((change) => change.entity !== 'intake' || (change.data as { stationCode: string }).stationCode === station)).toBe(true)
    }
  })

  async function pullPage(token: string, cursor: string, limit: number) {
    const response = await http(`/api/v1/pull?cursor=${cursor}&limit=${limit}`, token)
    expect(response.status).toBe(200)
    return pullResponseSchema.parse(await response.json())
  }

  async function drain(token: string, cursor: string): Promise<string> {
    for (;;) {
      const page = await pullPage(token, cursor, 1000)
      cursor = page.cursor
      if (!page.more) return cursor
    }
  }
})
