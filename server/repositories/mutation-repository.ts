import { and, eq, inArray, sql } from 'drizzle-orm'
import { countyKeysOf } from '../at-rest/key-registry'
import { sealPersonalFields } from '../at-rest/personal-fields'
import type { Executor } from '../db/database'
import { mutations } from '../db/schema'

export type NewMutation = typeof mutations.$inferInsert

/**
 * Inserts the mutation unless (station, id) exists. The unique index decides, not
 * a read before the write, so two concurrent deliveries of one mutation cannot both apply.
 * The payload's personal fields are sealed (server/at-rest/personal-fields.ts); `payloadHash`
 * stays the hash of the plain payload the station sent, so idempotency is unchanged.
 */
export async function insertMutationIfAbsent(db: Executor, mutation: NewMutation): Promise<boolean> {
  const sealed = { ...mutation, payload: sealPersonalFields(countyKeysOf(db), mutation.payload) }
  const inserted = await db.insert(mutations).values(sealed).onConflictDoNothing().returning({ id: mutations.id })
  return inserted.length === 1
}

export async function findMutationHash(db: Executor, stationCode: string, id: string): Promise<string | undefined> {
  const [row] = await db
    .select({ payloadHash: mutations.payloadHash })
    .from(mutations)
    .where(and(eq(mutations.stationCode, stationCode), eq(mutations.id, id)))
  return row?.payloadHash
}

type MutationHash = { id: string; payloadHash: string }

/** The hashes of those of these mutations the station's devices delivered, whatever their day. */
export async function findMutationHashes(db: Executor, stationCode: string, ids: readonly string[]): Promise<MutationHash[]> {
  if (ids.length === 0) return []
  return db
    .select({ id: mutations.id, payloadHash: mutations.payloadHash })
    .from(mutations)
    .where(and(eq(mutations.stationCode, stationCode), inArray(mutations.id, [...ids])))
}

/**
 * The station's mutations whose device time (`createdAt`, kept as ISO text with its offset)
 * falls in [from, to). Device clocks order nothing; they only say which day a station
 * counts a mutation in, the same way the station does.
 */
export async function listMutationHashesCreatedBetween(db: Executor, stationCode: string, from: Date, to: Date): Promise<MutationHash[]> {
  return db
    .select({ id: mutations.id, payloadHash: mutations.payloadHash })
    .from(mutations)
    .where(
      and(
        eq(mutations.stationCode, stationCode),
        sql`${mutations.createdAt}::timestamptz >= ${from.toISOString()}::timestamptz`,
        sql`${mutations.createdAt}::timestamptz < ${to.toISOString()}::timestamptz`,
      ),
    )
}
