import { sql } from 'drizzle-orm'
import { sealIntakeValues } from '../at-rest/intake-sealing'
import { countyKeysOf } from '../at-rest/key-registry'
import type { Executor } from '../db/database'
import { intakes, mutations } from '../db/schema'
import type { NewIntake } from './intake-repository'
import type { NewMutation } from './mutation-repository'
import { recordShape } from './recordset-insert'

/** An `intake.submit` as stored: its mutation row and its intake row share one payload. */
export type NewSubmission = { mutation: Omit<NewMutation, 'payload'>; intake: Omit<NewIntake, 'payload'>; payload: NewIntake['payload'] }

/** Submissions per statement: each chunk is one JSON parameter; this bounds its size. */
const INSERT_CHUNK = 1000

const MUTATION = recordShape(mutations, ['stationCode', 'id', 'deviceId', 'type', 'entityId', 'payloadHash', 'createdAt', 'receivedAt'])

/** What a newly received intake sets (the decision columns start empty), the payload apart. */
const INTAKE = recordShape(intakes, [
  'id',
  'stationCode',
  'intakeNo',
  'mutationId',
  'itemId',
  'itemVersion',
  'promisedLimitDays',
  'limitUnit',
  'status',
  'receivedAt',
  'stationReceivedAt',
  'acceptedAt',
  'dueDate',
  'lookupKeyHash',
  'history',
  'updatedAt',
  // Set by sealIntakeValues from the payload.
  'applicantIdHash',
  'applicantPhoneHash',
  'agentIdHash',
  'agentPhoneHash',
])

/**
 * The set path of `intake.submit`: for each submission, its mutation row unless (station, id)
 * exists (the idempotency guard, as insertMutationIfAbsent), and its intake row only if that
 * mutation was recorded here and neither the intake id nor its number at the station exists.
 * One statement per chunk: the payload is sealed once (personal fields, lookup hashes) and
 * travels once for both tables. Answers the mutation ids recorded and the intake ids stored;
 * the caller decides what a recorded mutation without its intake means.
 */
export async function insertSubmissionsIfAbsent(db: Executor, list: readonly NewSubmission[]): Promise<{ recorded: Set<string>; stored: Set<string> }> {
  const keys = countyKeysOf(db)
  const recorded = new Set<string>()
  const stored = new Set<string>()
  for (let start = 0; start < list.length; start += INSERT_CHUNK) {
    const rows = list.slice(start, start + INSERT_CHUNK).map(({ mutation, intake, payload }) => {
      const sealed = sealIntakeValues(keys, { ...intake, payload })
      return { m: MUTATION.record(mutation), i: INTAKE.record(sealed), p: sealed.payload }
    })
    const result = await db.execute(sql`
      WITH input AS (
        SELECT e.ordinality, e.value->'m' AS m, e.value->'i' AS i, e.value->'p' AS p
        FROM jsonb_array_elements(${JSON.stringify(rows)}::jsonb) WITH ORDINALITY AS e(value, ordinality)
      ), recorded AS (
        INSERT INTO "mutations" (${MUTATION.list}, "payload")
        SELECT ${MUTATION.of('r')}, input.p FROM input CROSS JOIN LATERAL jsonb_populate_record(NULL::"mutations", input.m) AS r
        ORDER BY input.ordinality
        ON CONFLICT DO NOTHING
        RETURNING "id"
      ), stored AS (
        INSERT INTO "intakes" (${INTAKE.list}, "payload")
        SELECT ${INTAKE.of('r')}, input.p FROM input CROSS JOIN LATERAL jsonb_populate_record(NULL::"intakes", input.i) AS r
        WHERE r."mutation_id" IN (SELECT "id" FROM recorded)
        ORDER BY input.ordinality
        ON CONFLICT DO NOTHING
        RETURNING "id"
      )
      SELECT 'mutation' AS kind, "id"::text AS value FROM recorded
      UNION ALL
      SELECT 'intake' AS kind, "id"::text AS value FROM stored`)
    for (const row of (result as unknown as { rows: { kind: string; value: string }[] }).rows) {
      if (row.kind === 'mutation') recorded.add(row.value)
      else stored.add(row.value)
    }
  }
  return { recorded, stored }
}
