import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm'
import type { PullEntity } from '../../shared/protocol'
import { countyKeysOf } from '../at-rest/key-registry'
import { openPersonalFields, sealPersonalFields } from '../at-rest/personal-fields'
import type { Executor, Transaction } from '../db/database'
import { changes } from '../db/schema'

/** Key of the transaction-level advisory lock every writer of `changes` holds. */
const CHANGE_LOG_LOCK_KEY = 532_822_000

/** Every change is one a station pulls, so the log knows exactly the protocol's entities. */
export type ChangeEntity = PullEntity

export type NewChange = {
  /** Null: every station pulls it. */
  stationCode: string | null
  entity: ChangeEntity
  entityId: string
  op: 'put' | 'delete'
  data: unknown
}

export type ChangeRow = typeof changes.$inferSelect

/**
 * Must run first in any transaction that appends changes. Sequence numbers are
 * handed out at insert but become visible at commit; holding this lock until
 * commit makes seq order equal commit order, so a puller reading `seq > cursor`
 * can never miss a change that committed after a higher one.
 */
export async function lockChangeLog(tx: Transaction): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${CHANGE_LOG_LOCK_KEY})`)
}

/**
 * The entities whose data carries residents' ID numbers or phones (an intake as submitted, a
 * decision with its 送达回证): their personal fields are sealed in the log and opened when pulled.
 */
export const PERSONAL_CHANGE_ENTITIES: ReadonlySet<ChangeEntity> = new Set<ChangeEntity>(['intake', 'intakeDecision'])

/** The `data` of a change as the log stores it. */
export function sealedChangeData(db: Executor, entity: ChangeEntity, data: unknown): unknown {
  return PERSONAL_CHANGE_ENTITIES.has(entity) ? sealPersonalFields(countyKeysOf(db), data) : data
}

export async function appendChange(tx: Transaction, change: NewChange): Promise<number> {
  const [row] = await tx
    .insert(changes)
    .values({ stationCode: change.stationCode, entity: change.entity, entityId: change.entityId, op: change.op, data: sealedChangeData(tx, change.entity, change.data) })
    .returning({ seq: changes.seq })
  if (!row) throw new Error('appending a change returned no sequence number')
  return row.seq
}

/** What one station may see after its cursor: county-wide changes and its own, oldest first, in plain text (the station seals its own copy). */
export async function listChangesAfter(db: Executor, stationCode: string, cursor: number, limit: number): Promise<ChangeRow[]> {
  const keys = countyKeysOf(db)
  const rows = await db
    .select()
    .from(changes)
    .where(and(gt(changes.seq, cursor), or(isNull(changes.stationCode), eq(changes.stationCode, stationCode))))
    .orderBy(asc(changes.seq))
    .limit(limit)
  return rows.map((row) => (PERSONAL_CHANGE_ENTITIES.has(row.entity as ChangeEntity) ? { ...row, data: openPersonalFields(keys, row.data) } : row))
}
