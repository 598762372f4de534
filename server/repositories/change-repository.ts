import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm'
import type { PullEntity } from '../../shared/protocol'
import { countyKeysOf } from '../at-rest/key-registry'
import { openPersonalFields, sealPersonalFields } from '../at-rest/personal-fields'
import type { Executor, Transaction } from '../db/database'
import { changes } from '../db/schema'
import { insertRecordset } from './recordset-insert'

/** Key of the transaction-level advisory lock every writer of `changes` holds. */
const CHANGE_LOG_LOCK_KEY = 532_822_000

/** Every change is one a station pulls, so the log knows exactly the protocol's entities. */
type ChangeEntity = PullEntity

type NewChange = {
  /** Null: every station pulls it. */
  stationCode: string | null
  entity: ChangeEntity
  entityId: string
  op: 'put' | 'delete'
  data: unknown
}

type ChangeRow = typeof changes.$inferSelect

/** Changes queued by an open transaction (or savepoint), appended when it is about to commit. */
const queued = new WeakMap<Executor, NewChange[]>()

/** Rows per INSERT: each is one JSON parameter (insertRecordset); this bounds its size. */
const APPEND_CHUNK = 2000

/**
 * Taken just before commit, only by a transaction that appends changes (see
 * services/sync/change-transaction.ts). Sequence numbers are handed out at insert but
 * become visible at commit; inserting and committing under this lock makes seq
 * order equal commit order, so a puller reading `seq > cursor` can never miss a
 * change that committed after a higher one. Nothing else is waited on while it is
 * held, so it cannot deadlock with row locks taken earlier in the transaction.
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
function sealedChangeData(db: Executor, entity: ChangeEntity, data: unknown): unknown {
  return PERSONAL_CHANGE_ENTITIES.has(entity) ? sealPersonalFields(countyKeysOf(db), data) : data
}

/** Starts the queue of a transaction or savepoint opened by inChangeTransaction. */
export function openChangeQueue(tx: Executor): NewChange[] {
  const queue: NewChange[] = []
  queued.set(tx, queue)
  return queue
}

/** The queue of an enclosing inChangeTransaction, if `db` is one. */
export function changeQueueOf(db: Executor): NewChange[] | undefined {
  return queued.get(db)
}

/**
 * Queues a change; it is written, numbered, when its transaction commits
 * (inChangeTransaction). A savepoint that rolls back drops its queued changes with it.
 */
export async function appendChange(tx: Transaction, change: NewChange): Promise<void> {
  const queue = queued.get(tx)
  if (!queue) throw new Error('appendChange outside inChangeTransaction: the change would never be numbered')
  queue.push(change)
}

/** Writes changes in order (one statement per 2,000), numbered as written; call only under lockChangeLog. */
export async function appendChanges(tx: Transaction, list: readonly NewChange[]): Promise<void> {
  for (let start = 0; start < list.length; start += APPEND_CHUNK) {
    const rows = list.slice(start, start + APPEND_CHUNK).map((change) => ({ ...change, data: sealedChangeData(tx, change.entity, change.data) }))
    await insertRecordset(tx, changes, rows, { columns: ['stationCode', 'entity', 'entityId', 'op', 'data'] })
  }
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
