import { and, eq } from 'drizzle-orm'
import type { Executor } from '../db/database'
import { mutations } from '../db/schema'

export type NewMutation = typeof mutations.$inferInsert

/**
 * Inserts the mutation unless (station, id) exists. The unique index decides, not
 * a read before the write, so two concurrent deliveries of one mutation cannot both apply.
 */
export async function insertMutationIfAbsent(db: Executor, mutation: NewMutation): Promise<boolean> {
  const inserted = await db.insert(mutations).values(mutation).onConflictDoNothing().returning({ id: mutations.id })
  return inserted.length === 1
}

export async function findMutationHash(db: Executor, stationCode: string, id: string): Promise<string | undefined> {
  const [row] = await db
    .select({ payloadHash: mutations.payloadHash })
    .from(mutations)
    .where(and(eq(mutations.stationCode, stationCode), eq(mutations.id, id)))
  return row?.payloadHash
}
