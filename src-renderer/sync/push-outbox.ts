import type { MutationResult } from '../../shared/protocol'
import type { OutboxEntry, RecordError } from '../../shared/station-records'
import type { StationDb } from '../db/station-db'
import { CountyError, type CountyClient } from './county-client'
import { payloadHashesOf, sentMutationOf } from './sent-mutation-log'
import { PUSH_BATCH_MAX_BYTES, PUSH_BATCH_MAX_MUTATIONS, PushBatchBuilder, toMutation } from './push-batch'

const DEFAULT_PUSH_BATCH_SIZE = PUSH_BATCH_MAX_MUTATIONS

/** How many queued entries are read at a time while a batch is picked. */
const SCAN_PAGE = 1000

type PushSummary = { confirmed: number; rejected: number; setAside: number }

type PushOptions = { batchSize?: number; maxBatchBytes?: number; now?: () => Date }

/** After this many failed pushes (5xx) an entry at the head of the queue is sent alone. */
const ISOLATE_AFTER_SERVER_FAILURES = 2
/** After this many, failing alone while the county takes the entries behind it, it is set aside. */
export const SET_ASIDE_AFTER_SERVER_FAILURES = 5

/**
 * Sends the outbox oldest first (by local sequence), in batches (see PushBatchBuilder),
 * until nothing sendable is left. An entry leaves the outbox only when the county
 * answered `applied` or `duplicate`; its intake becomes `synced` once none of its
 * entries is queued. A `rejected` answer keeps the entry, marks it and its intake with
 * the county's reason, and holds back that record only. Any other failure throws and
 * leaves the outbox as it was, so the next round sends the same mutations again; the
 * county ignores repeats by id. A confirmed entry is written to `sentMutations` in the
 * transaction that removes it, so the station can still list it at 日终对账.
 *
 * No poison pill: a 5xx answers the whole request, so one mutation the county fails on would
 * stop every round at the same oldest-first batch. Each entry counts the failed pushes it was
 * in; once the head of the queue has failed ISOLATE_AFTER times it goes alone (unless the
 * county already took a push this round), and when it has failed SET_ASIDE_AFTER times the
 * rest is pushed without it. Only if the county takes that push is the entry set aside, with
 * the county's words, for the clerk to retry (retry-set-aside.ts); if the rest fails too, the
 * county itself is failing and nothing is set aside.
 */
export async function pushOutbox(db: StationDb, client: CountyClient, options: PushOptions = {}): Promise<PushSummary> {
  const now = options.now ?? (() => new Date())
  let maxMutations = Math.max(1, Math.min(options.batchSize ?? DEFAULT_PUSH_BATCH_SIZE, PUSH_BATCH_MAX_MUTATIONS))
  const maxBytes = Math.min(options.maxBatchBytes ?? PUSH_BATCH_MAX_BYTES, PUSH_BATCH_MAX_BYTES)
  const summary: PushSummary = { confirmed: 0, rejected: 0, setAside: 0 }
  /** The entry that failed alone SET_ASIDE_AFTER times, while the rest is tried without it. */
  let suspect: { entry: OutboxEntry; error: CountyError } | null = null
  let countyTookAPush = false
  for (;;) {
    const candidates = await nextBatch(db, { maxMutations, maxBytes }, suspect?.entry.id)
    // Alone in the queue, a suspect blocks nothing: it stays queued and is tried again next round.
    if (candidates.length === 0) return summary
    const head = candidates[0]!
    const batch = suspect === null && !countyTookAPush && (head.serverFailures ?? 0) >= ISOLATE_AFTER_SERVER_FAILURES ? [head] : candidates
    const tookAPushBefore = countyTookAPush
    let results: MutationResult[]
    try {
      results = (await client.push(batch.map(toMutation))).results
    } catch (error) {
      const refused = refusedEntry(error, batch)
      if (refused) {
        const settled = await settleResults(db, [refused], batch, now, tookAPushBefore)
        summary.rejected += settled.rejected
        continue
      }
      if (error instanceof CountyError && error.kind === 'tooLarge' && batch.length > 1) {
        maxMutations = Math.max(1, Math.floor(batch.length / 2))
        continue
      }
      await noteFailure(db, batch, error, tookAPushBefore)
      if (
        error instanceof CountyError &&
        error.kind === 'server' &&
        suspect === null &&
        batch.length === 1 &&
        (head.serverFailures ?? 0) + 1 >= SET_ASIDE_AFTER_SERVER_FAILURES
      ) {
        suspect = { entry: head, error }
        continue
      }
      throw error
    }
    countyTookAPush = true
    if (suspect) {
      await setAside(db, suspect.entry, suspect.error, now)
      summary.setAside++
      suspect = null
    }
    const settled = await settleResults(db, results, batch, now, tookAPushBefore)
    summary.confirmed += settled.confirmed
    summary.rejected += settled.rejected
    if (settled.confirmed + settled.rejected === 0) {
      // Nothing we sent was answered: looping would resend the same batch forever.
      throw new CountyError('protocol', '县级服务器没有对发送的办件逐条答复，请联系县政务服务管理局')
    }
  }
}

/** Reads the queue a page at a time, oldest first, until the batch is full or the queue ends. */
async function nextBatch(db: StationDb, limits: { maxMutations: number; maxBytes: number }, excludedId?: string): Promise<OutboxEntry[]> {
  const builder = new PushBatchBuilder(limits, new Set(excludedId === undefined ? [] : [excludedId]))
  // Every entry read is opened (decrypted): read about as many as a batch takes, not a whole page more.
  const pageSize = Math.min(SCAN_PAGE, limits.maxMutations + 1)
  let after = 0
  while (!builder.isFull) {
    const page = await db.outbox.where('seq').above(after).limit(pageSize).toArray()
    for (const entry of page) {
      if (builder.offer(entry) === 'full') break
    }
    if (page.length < pageSize) break
    after = page[page.length - 1]!.seq!
  }
  return builder.entries
}

/**
 * A refusal of the whole request that names one mutation (a 400 whose path is
 * "mutations.N…", or a single mutation too large to send) is that mutation's answer:
 * the county will never take it as it is.
 */
function refusedEntry(error: unknown, batch: OutboxEntry[]): MutationResult | null {
  if (!(error instanceof CountyError)) return null
  if (error.kind === 'tooLarge' && batch.length === 1) {
    return { id: batch[0]!.id, status: 'rejected', error: { code: 'too_large', message: '该办件的数据过大，县级服务器无法接收，请联系技术支持' } }
  }
  if (error.kind !== 'rejected' || error.path === undefined) return null
  const match = /^mutations\.(\d+)(\.|$)/.exec(error.path)
  const entry = match ? batch[Number(match[1])] : undefined
  if (entry === undefined) return null
  return { id: entry.id, status: 'rejected', error: { code: error.code ?? 'bad_request', message: error.message } }
}

/**
 * Counts a push on an entry that stays queued: its attempts, and a 5xx against it. Once the
 * county has taken a push this round (`tookAPush`, before this one), earlier 5xx (a passing
 * outage) no longer count. Counted after the answer, not before the request: every count is a
 * write of the sealed entry (opened and sealed again), and a confirmed entry leaves the queue
 * with its count anyway, so only the entries that stay are written.
 */
function countPush(entry: OutboxEntry, tookAPush: boolean, serverFault = false): void {
  entry.attempts += 1
  if (tookAPush) delete entry.serverFailures
  if (serverFault) entry.serverFailures = (entry.serverFailures ?? 0) + 1
}

/** Keeps the last failure on each entry for diagnosis, and counts the push (countPush); the entries themselves stay queued. */
async function noteFailure(db: StationDb, batch: OutboxEntry[], error: unknown, tookAPush: boolean): Promise<void> {
  const lastError: RecordError = error instanceof CountyError ? { code: error.kind, message: error.message } : { code: 'unknown', message: String(error) }
  const serverFault = error instanceof CountyError && error.kind === 'server'
  const seqs = batch.map((entry) => entry.seq!)
  await db.outbox
    .where('seq')
    .anyOf(seqs)
    .modify((entry) => {
      entry.lastError = lastError
      countPush(entry, tookAPush, serverFault)
    })
}

/**
 * Sets aside an entry the county keeps failing on while it takes the others: not sent again
 * until the clerk retries it. Its record shows the county's words; an intake stays 未发送.
 */
async function setAside(db: StationDb, entry: OutboxEntry, error: CountyError, now: () => Date): Promise<void> {
  const reason: RecordError = {
    code: 'set_aside',
    message: `县级服务器多次处理出错（${error.message}），已暂缓发送该条，其余照常同步；请核对后点"重新发送"，或联系县政务服务管理局`,
  }
  await db.transaction('rw', [db.outbox, db.intakes, db.audit], async () => {
    if ((await db.outbox.get(entry.seq!)) === undefined) return
    await db.outbox.update(entry.seq!, { setAside: { ...reason, at: now().toISOString() }, lastError: reason })
    const intake = await db.intakes.get(entry.entityId)
    if (intake !== undefined) await db.intakes.update(entry.entityId, { lastError: reason })
    await db.audit.add({ at: now().toISOString(), action: 'sync.setAside', entityId: entry.entityId, intakeNo: intake?.intakeNo, detail: reason.message })
  })
}

/**
 * Applies the county's answers in one transaction. A confirmed entry leaves the outbox
 * together with the change to its intake's sync state; a rejected one stays, marked with
 * the reason, and its intake shows that reason (plus an audit entry). Answers for ids we
 * did not send in this batch are ignored: only a reply to this very request counts.
 *
 * The confirmed ones are settled together, with a few bulk requests whatever their number
 * (an end-of-day push confirms hundreds at a time): which entries are still queued is read from
 * the keys alone (nothing opened), the log rows and the removals go in one request each, and only
 * the intakes left with nothing queued are read, opened and written back. The outcome is the
 * one of settling them one by one: an intake becomes `synced` once none of its entries is queued
 * and it was `pending` (not `rejected` by another answer of the same batch).
 */
async function settleResults(
  db: StationDb,
  results: readonly MutationResult[],
  sent: readonly OutboxEntry[],
  now: () => Date,
  tookAPush: boolean,
): Promise<Pick<PushSummary, 'confirmed' | 'rejected'>> {
  const settled = { confirmed: 0, rejected: 0 }
  const bySentId = new Map(sent.map((entry) => [entry.id, entry]))
  const hashes = await payloadHashesOf(sent)
  await db.transaction('rw', [db.outbox, db.intakes, db.audit, db.sentMutations], async () => {
    // Still queued? A stale or repeated answer must not act twice.
    const queued = new Set(
      await db.outbox
        .where(':id')
        .anyOf(sent.flatMap((entry) => (entry.seq === undefined ? [] : [entry.seq])))
        .primaryKeys(),
    )
    const confirmed: OutboxEntry[] = []
    for (const result of results) {
      const entry = bySentId.get(result.id)
      if (entry === undefined || entry.seq === undefined) continue
      bySentId.delete(result.id)
      if (!queued.has(entry.seq)) continue
      if (result.status !== 'rejected') {
        confirmed.push(entry)
        continue
      }
      const rejection: RecordError = {
        code: result.error?.code ?? 'rejected',
        message: result.error?.message ?? '县级服务器退回了该办件，未说明原因',
      }
      const counted = { ...entry }
      countPush(counted, tookAPush)
      await db.outbox.update(entry.seq, { rejection, lastError: rejection, attempts: counted.attempts, serverFailures: counted.serverFailures })
      await db.intakes.update(entry.entityId, { syncState: 'rejected', lastError: rejection })
      const intake = await db.intakes.get(entry.entityId)
      await db.audit.add({
        at: now().toISOString(),
        action: 'sync.rejected',
        entityId: entry.entityId,
        intakeNo: intake?.intakeNo,
        detail: rejection.message,
      })
      settled.rejected++
    }
    if (confirmed.length === 0) return
    // The log of what the county confirmed is written with the removal: 日终对账 lists it from here.
    const confirmedAt = now()
    await Promise.all([
      db.sentMutations.bulkPut(confirmed.map((entry) => sentMutationOf(entry, hashes.get(entry.id)!, confirmedAt))),
      deleteEntries(
        db,
        confirmed.map((entry) => entry.seq!),
      ),
    ])
    settled.confirmed += confirmed.length
    const entityIds = [...new Set(confirmed.map((entry) => entry.entityId))]
    // One count per record, issued together: an `anyOf` over the index walks a cursor, one wait per step.
    const queuedCounts = await Promise.all(entityIds.map((entityId) => db.outbox.where('entityId').equals(entityId).count()))
    const stillQueued = new Set(entityIds.filter((_, index) => queuedCounts[index]! > 0))
    const intakes = await db.intakes.bulkGet(entityIds.filter((id) => !stillQueued.has(id)))
    const nowSynced = intakes.flatMap((intake) => {
      if (intake?.syncState !== 'pending') return []
      const { lastError: _cleared, ...rest } = intake
      return [{ ...rest, syncState: 'synced' as const }]
    })
    if (nowSynced.length > 0) await db.intakes.bulkPut(nowSynced)
  })
  return settled
}

/**
 * Removes outbox entries by sequence number: a run of consecutive numbers (an end-of-day batch is
 * mostly one run) as one range delete, instead of a request per entry. Only numbers all removed
 * are joined into a range, so an entry between two of them is never touched.
 */
async function deleteEntries(db: StationDb, seqs: readonly number[]): Promise<void> {
  const sorted = [...seqs].sort((a, b) => a - b)
  const deletes: Promise<unknown>[] = []
  for (let start = 0; start < sorted.length;) {
    let end = start
    while (end + 1 < sorted.length && sorted[end + 1] === sorted[end]! + 1) end++
    deletes.push(end === start ? db.outbox.delete(sorted[start]!) : db.outbox.where(':id').between(sorted[start]!, sorted[end]!, true, true).delete())
    start = end + 1
  }
  await Promise.all(deletes)
}
