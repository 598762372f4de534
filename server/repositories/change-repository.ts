import { sql, type SQL } from 'drizzle-orm'
import type { PullEntity } from '../../shared/protocol'
import { countyKeysOf } from '../at-rest/key-registry'
import { openPersonalFieldsInJson, SEALED_PREFIX, sealPersonalFields } from '../at-rest/personal-fields'
import type { Database, Executor, Transaction } from '../db/database'
import { changes } from '../db/schema'

/** Key of the transaction-level advisory lock that orders appends to `changes` against pullers. */
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

/**
 * The `intake` change of an intake stored in this transaction: its data is the payload the
 * intakes table holds (sealed), copied by the database as the change is appended instead of
 * travelling a second time (a push of 500 submits sent 400 KB less). An intake's payload
 * never changes once stored, so the copy is the payload as submitted.
 */
export type StoredIntakeChange = { stationCode: string; entity: 'intake'; entityId: string; op: 'put'; dataOfStoredIntake: true }

export type QueuedChange = NewChange | StoredIntakeChange

/** A change as pulled: what the protocol sends of it, its data as JSON text (`null` for none). */
export type PulledChangeRow = Pick<typeof changes.$inferSelect, 'seq' | 'entity' | 'entityId' | 'op'> & { dataJson: string }

/** Changes queued by an open transaction (or savepoint), appended when it is about to commit. */
const queued = new WeakMap<Executor, QueuedChange[]>()

/** Rows per INSERT: each chunk is one JSON parameter; this bounds its size. */
const APPEND_CHUNK = 2000

/*
 * Gap safety. Sequence numbers are handed out at insert but become visible at commit, so
 * a later number can be visible before an earlier one; a puller that read `seq > cursor`
 * up to the newest visible row would skip the earlier one for ever. So: a writer takes the
 * change-log lock in SHARED mode in the statement that inserts its changes and holds it to
 * commit (writers never wait for each other, and commit together); a puller takes it EXCLUSIVE for
 * a moment, which waits out every writer between insert and commit, and notes the newest
 * seq then: every number up to it is settled (committed or rolled back), and it reads no
 * further than that horizon. Nothing else is waited on while the lock is held, so it cannot
 * deadlock with row locks taken earlier in a writer's transaction.
 */

/**
 * The newest seq up to which no change can still appear: every writer that took a number by
 * now has committed or rolled back. Read committed, so the max is read after the lock was granted.
 */
export async function settledChangeHorizon(db: Database): Promise<number> {
  return db.transaction(
    async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${CHANGE_LOG_LOCK_KEY})`)
      const [row] = await tx.select({ seq: sql<string | null>`max(${changes.seq})` }).from(changes)
      return Number(row?.seq ?? 0)
    },
    { isolationLevel: 'read committed' },
  )
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
export function openChangeQueue(tx: Executor): QueuedChange[] {
  const queue: QueuedChange[] = []
  queued.set(tx, queue)
  return queue
}

/** The queue of an enclosing inChangeTransaction, if `db` is one. */
export function changeQueueOf(db: Executor): QueuedChange[] | undefined {
  return queued.get(db)
}

/**
 * Queues a change; it is written, numbered, when its transaction commits
 * (inChangeTransaction). A savepoint that rolls back drops its queued changes with it.
 */
export async function appendChange(tx: Transaction, change: QueuedChange): Promise<void> {
  const queue = queued.get(tx)
  if (!queue) throw new Error('appendChange outside inChangeTransaction: the change would never be numbered')
  queue.push(change)
}

/**
 * Writes changes in order (one statement per 2,000), numbered as written: call once, just
 * before the commit (see services/sync/change-transaction.ts). The first statement takes the
 * change-log lock shared (held to commit) in a CTE: it calls a volatile function, so it is
 * evaluated once and never inlined, and every row is joined to its one row, so no row reaches
 * the table, and no sequence number is drawn, before the lock is held. The rows travel as one
 * JSON parameter (see recordset-insert.ts), in order (the ORDER BY keeps the SELECT a subquery,
 * so seq defaults are drawn in that order).
 */
export async function appendChanges(tx: Transaction, list: readonly QueuedChange[]): Promise<void> {
  for (let start = 0; start < list.length; start += APPEND_CHUNK) {
    const rows = list.slice(start, start + APPEND_CHUNK).map((change) =>
      'dataOfStoredIntake' in change
        ? { station_code: change.stationCode, entity: change.entity, entity_id: change.entityId, op: change.op, intake_id: change.entityId }
        : {
            station_code: change.stationCode,
            entity: change.entity,
            entity_id: change.entityId,
            op: change.op,
            data: sealedChangeData(tx, change.entity, change.data),
          },
    )
    await tx.execute(sql`
      WITH entered AS (SELECT 1 AS entered FROM pg_advisory_xact_lock_shared(${CHANGE_LOG_LOCK_KEY}))
      INSERT INTO ${changes} (station_code, entity, entity_id, op, data)
      SELECT r.station_code, r.entity, r.entity_id, r.op, COALESCE(stored.payload, r.data)
      FROM jsonb_array_elements(${JSON.stringify(rows)}::jsonb) WITH ORDINALITY AS e(value, ordinality)
      CROSS JOIN LATERAL jsonb_populate_record(NULL::changes, e.value) AS r
      LEFT JOIN intakes AS stored ON stored.id = (e.value->>'intake_id')::uuid
      CROSS JOIN entered
      ORDER BY e.ordinality`)
  }
}

/**
 * What one station may see after its cursor, up to a settled horizon (settledChangeHorizon):
 * county-wide changes and its own, oldest first, in plain text (the station seals its own copy).
 * The data comes as the database writes it out and is passed on as that text: only data that
 * holds a sealed field (its text holds the sealed prefix) has its sealed values opened, in the
 * text itself (openPersonalFieldsInJson). A first sync pulls megabytes of catalog items and
 * decisions with nothing sealed in them, and thousands of intakes.
 */
export async function listChangesAfter(
  db: Executor,
  stationCode: string,
  range: { cursor: number; horizon: number },
  limit: number,
): Promise<PulledChangeRow[]> {
  const keys = countyKeysOf(db)
  // Two ordered walks of an index, county-wide rows and the station's, each stopping at
  // `limit`. One filter with OR, or a bitmap scan (the planner's pick whenever its statistics
  // are stale, as they always are on PGlite, which has no autovacuum), gathered every row
  // after the cursor and sorted them on every page, so a first sync cost the square of the
  // log's length. The data is written out as text only for the rows of the page.
  const branch = (owner: SQL) =>
    sql`(SELECT seq, entity, entity_id, op, data FROM ${changes} WHERE ${owner} AND seq > ${range.cursor} AND seq <= ${range.horizon} ORDER BY seq LIMIT ${limit})`
  const result = await db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL enable_bitmapscan = off`)
    return tx.execute(sql`
      SELECT seq, entity, entity_id AS "entityId", op, data::text AS data
      FROM (${branch(sql`station_code IS NULL`)} UNION ALL ${branch(sql`station_code = ${stationCode}`)}) AS page
      ORDER BY seq
      LIMIT ${limit}`)
  })
  const rows = (result as unknown as { rows: { seq: number | string; entity: string; entityId: string; op: 'put' | 'delete'; data: string | null }[] }).rows
  return rows.map(({ seq, data, ...row }) => {
    const sealed = data !== null && PERSONAL_CHANGE_ENTITIES.has(row.entity as ChangeEntity) && data.includes(`"${SEALED_PREFIX}`)
    return { ...row, seq: Number(seq), dataJson: sealed ? openPersonalFieldsInJson(keys, data) : (data ?? 'null') }
  })
}
