import type { MutationResult } from '../../shared/protocol'
import type { OutboxEntry, RecordError } from '../../shared/station-records'
import type { StationDb } from '../db/station-db'
import { CountyError, type CountyClient } from './county-client'
import { payloadHashesOf, sentMutationOf } from './sent-mutation-log'
import { PUSH_BATCH_MAX_BYTES, PUSH_BATCH_MAX_MUTATIONS, PushBatchBuilder, toMutation } from './push-batch'

export const DEFAULT_PUSH_BATCH_SIZE = PUSH_BATCH_MAX_MUTATIONS

/** How many queued entries are read at a time while a batch is picked. */
const SCAN_PAGE = 1000

export type PushSummary = { confirmed: number; rejected: number }

export type PushOptions = { batchSize?: number; maxBatchBytes?: number; now?: () => Date }

/**
 * Sends the outbox oldest first (by local sequence), in batches (see PushBatchBuilder),
 * until nothing sendable is left. An entry leaves the outbox only when the county
 * answered `applied` or `duplicate`; its intake becomes `synced` once none of its
 * entries is queued. A `rejected` answer keeps the entry, marks it and its intake with
 * the county's reason, and holds back that record only. Any other failure throws and
 * leaves the outbox as it was, so the next round sends the same mutations again; the
 * county ignores repeats by id. A confirmed entry is written to `sentMutations` in the
 * transaction that removes it, so the station can still list it at 日终对账.
 */
export async function pushOutbox(db: StationDb, client: CountyClient, options: PushOptions = {}): Promise<PushSummary> {
  const now = options.now ?? (() => new Date())
  let maxMutations = Math.max(1, Math.min(options.batchSize ?? DEFAULT_PUSH_BATCH_SIZE, PUSH_BATCH_MAX_MUTATIONS))
  const maxBytes = Math.min(options.maxBatchBytes ?? PUSH_BATCH_MAX_BYTES, PUSH_BATCH_MAX_BYTES)
  const summary: PushSummary = { confirmed: 0, rejected: 0 }
  for (;;) {
    const batch = await nextBatch(db, { maxMutations, maxBytes })
    if (batch.length === 0) return summary
    await countAttempt(db, batch)
    let results: MutationResult[]
    try {
      results = (await client.push(batch.map(toMutation))).results
    } catch (error) {
      const refused = refusedEntry(error, batch)
      if (refused) {
        const settled = await settleResults(db, [refused], batch, now)
        summary.rejected += settled.rejected
        continue
      }
      if (error instanceof CountyError && error.kind === 'tooLarge' && batch.length > 1) {
        maxMutations = Math.max(1, Math.floor(batch.length / 2))
        continue
      }
      await noteFailure(db, batch, error)
      throw error
    }
    const settled = await settleResults(db, results, batch, now)
    summary.confirmed += settled.confirmed
    summary.rejected += settled.rejected
    if (settled.confirmed + settled.rejected === 0) {
      // Nothing we sent was answered: looping would resend the same batch forever.
      throw new CountyError('protocol', '县级服务器没有对发送的办件逐条答复，请联系县政务服务管理局')
    }
  }
}

/** Reads the queue a page at a time, oldest first, until the batch is full or the queue ends. */
async function nextBatch(db: StationDb, limits: { maxMutations: number; maxBytes: number }): Promise<OutboxEntry[]> {
  const builder = new PushBatchBuilder(limits)
  let after = 0
  while (!builder.isFull) {
    const page = await db.outbox.where('seq').above(after).limit(SCAN_PAGE).toArray()
    for (const entry of page) {
      if (builder.offer(entry) === 'full') break
    }
    if (page.length < SCAN_PAGE) break
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

async function countAttempt(db: StationDb, batch: OutboxEntry[]): Promise<void> {
  const seqs = batch.map((entry) => entry.seq!)
  await db.outbox.where('seq').anyOf(seqs).modify((entry) => {
    entry.attempts += 1
  })
}

/** Keeps the last failure on each entry for diagnosis; the entries themselves stay queued. */
async function noteFailure(db: StationDb, batch: OutboxEntry[], error: unknown): Promise<void> {
  const lastError: RecordError =
    error instanceof CountyError ? { code: error.kind, message: error.message } : { code: 'unknown', message: String(error) }
  const seqs = batch.map((entry) => entry.seq!)
  await db.outbox.where('seq').anyOf(seqs).modify((entry) => {
    entry.lastError = lastError
  })
}

/**
 * Applies the county's answers in one transaction. A confirmed entry leaves the outbox
 * together with the change to its intake's sync state; a rejected one stays, marked with
 * the reason, and its intake shows that reason (plus an audit entry). Answers for ids we
 * did not send in this batch are ignored: only a reply to this very request counts.
 */
async function settleResults(
  db: StationDb,
  results: readonly MutationResult[],
  sent: readonly OutboxEntry[],
  now: () => Date,
): Promise<PushSummary> {
  const settled: PushSummary = { confirmed: 0, rejected: 0 }
  const bySentId = new Map(sent.map((entry) => [entry.id, entry]))
  const hashes = payloadHashesOf(sent)
  await db.transaction('rw', [db.outbox, db.intakes, db.audit, db.sentMutations], async () => {
    for (const result of results) {
      const entry = bySentId.get(result.id)
      if (entry === undefined || entry.seq === undefined) continue
      bySentId.delete(result.id)
      // Still queued? A stale or repeated answer must not act twice.
      if ((await db.outbox.get(entry.seq)) === undefined) continue
      if (result.status === 'rejected') {
        const rejection: RecordError = {
          code: result.error?.code ?? 'rejected',
          message: result.error?.message ?? '县级服务器退回了该办件，未说明原因',
        }
        await db.outbox.update(entry.seq, { rejection, lastError: rejection })
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
      } else {
        // The log of what the county confirmed is written with the removal: 日终对账 lists it from here.
        await db.sentMutations.put(sentMutationOf(entry, hashes.get(entry.id)!, now()))
        await db.outbox.delete(entry.seq)
        const stillQueued = await db.outbox.where('entityId').equals(entry.entityId).count()
        const intake = await db.intakes.get(entry.entityId)
        if (stillQueued === 0 && intake?.syncState === 'pending') {
          await db.intakes.update(entry.entityId, { syncState: 'synced', lastError: undefined })
        }
        settled.confirmed++
      }
    }
  })
  return settled
}
