import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm'
import type { Executor } from '../db/database'
import { changes, countyDataKey, intakes, mutations, reports } from '../db/schema'
import { PERSONAL_CHANGE_ENTITIES } from './change-repository'

/*
 * The county data key's bookkeeping row and the start's pass that seals rows written before
 * column encryption (migration 0016). The pass reads raw (sealed or not) values on purpose:
 * it is the one place that must see what is actually stored.
 */

type DataKeyRow = typeof countyDataKey.$inferSelect

/** The row (id 1), created with this key's check value on the first start with a key. */
export async function ensureDataKeyRow(db: Executor, keyCheck: string): Promise<DataKeyRow> {
  await db.insert(countyDataKey).values({ id: 1, keyCheck }).onConflictDoNothing()
  const [row] = await db.select().from(countyDataKey).where(eq(countyDataKey.id, 1))
  if (!row) throw new Error('county_data_key row vanished')
  return row
}

export async function markDataSealed(db: Executor, what: 'rows' | 'files', at: Date): Promise<void> {
  await db
    .update(countyDataKey)
    .set(what === 'rows' ? { rowsSealedAt: at } : { filesSealedAt: at })
    .where(eq(countyDataKey.id, 1))
}

type StoredIntakeFields = Pick<
  typeof intakes.$inferSelect,
  'id' | 'payload' | 'handOver' | 'applicantIdHash' | 'applicantPhoneHash' | 'agentIdHash' | 'agentPhoneHash'
>

/** A batch of intakes after `afterId`, by id, locked for the pass's update. */
export async function listStoredIntakeFields(db: Executor, afterId: string | undefined, limit: number): Promise<StoredIntakeFields[]> {
  return db
    .select({
      id: intakes.id,
      payload: intakes.payload,
      handOver: intakes.handOver,
      applicantIdHash: intakes.applicantIdHash,
      applicantPhoneHash: intakes.applicantPhoneHash,
      agentIdHash: intakes.agentIdHash,
      agentPhoneHash: intakes.agentPhoneHash,
    })
    .from(intakes)
    .where(afterId === undefined ? undefined : gt(intakes.id, afterId))
    .orderBy(asc(intakes.id))
    .limit(limit)
    .for('update')
}

export async function writeStoredIntakeFields(db: Executor, fields: StoredIntakeFields): Promise<void> {
  const { id, ...values } = fields
  await db.update(intakes).set(values).where(eq(intakes.id, id))
}

type StoredMutationPayload = { stationCode: string; id: string; payload: unknown }

export async function listStoredMutationPayloads(
  db: Executor,
  after: { stationCode: string; id: string } | undefined,
  limit: number,
): Promise<StoredMutationPayload[]> {
  return db
    .select({ stationCode: mutations.stationCode, id: mutations.id, payload: mutations.payload })
    .from(mutations)
    .where(after === undefined ? undefined : sql`(${mutations.stationCode}, ${mutations.id}) > (${after.stationCode}, ${after.id}::uuid)`)
    .orderBy(asc(mutations.stationCode), asc(mutations.id))
    .limit(limit)
    .for('update')
}

export async function writeStoredMutationPayload(db: Executor, row: StoredMutationPayload): Promise<void> {
  await db
    .update(mutations)
    .set({ payload: row.payload })
    .where(and(eq(mutations.stationCode, row.stationCode), eq(mutations.id, row.id)))
}

type StoredChangeData = { seq: number; data: unknown }

/** Changes of the entities that carry personal fields (PERSONAL_CHANGE_ENTITIES), after `afterSeq`. */
export async function listStoredPersonalChanges(db: Executor, afterSeq: number, limit: number): Promise<StoredChangeData[]> {
  return db
    .select({ seq: changes.seq, data: changes.data })
    .from(changes)
    .where(and(gt(changes.seq, afterSeq), inArray(changes.entity, [...PERSONAL_CHANGE_ENTITIES])))
    .orderBy(asc(changes.seq))
    .limit(limit)
    .for('update')
}

export async function writeStoredChangeData(db: Executor, row: StoredChangeData): Promise<void> {
  await db.update(changes).set({ data: row.data }).where(eq(changes.seq, row.seq))
}

type StoredReportPhone = { id: string; residentPhone: string }

export async function listStoredReportPhones(db: Executor, afterId: string | undefined, limit: number): Promise<StoredReportPhone[]> {
  return db
    .select({ id: reports.id, residentPhone: reports.residentPhone })
    .from(reports)
    .where(afterId === undefined ? undefined : gt(reports.id, afterId))
    .orderBy(asc(reports.id))
    .limit(limit)
    .for('update')
}

export async function writeStoredReportPhone(db: Executor, row: StoredReportPhone): Promise<void> {
  await db.update(reports).set({ residentPhone: row.residentPhone }).where(eq(reports.id, row.id))
}
