import { mutationSchema, PUSH_MAX_BYTES, type Mutation, type MutationResult } from '../../shared/protocol'
import type { OutboxEntry, RecordError } from '../../shared/station-records'
import type { StationDb } from '../db/station-db'
import { CountyError, type CountyClient } from './county-client'

export const DEFAULT_PUSH_BATCH_SIZE = 500

/** Leave room under the county's request limit for the JSON envelope. */
const PUSH_BYTE_BUDGET = PUSH_MAX_BYTES - 512 * 1024

export type PushSummary = { confirmed: number; rejected: number }

/**
 * Sends the outbox oldest first (by local sequence), in batches, until it is empty.
 * An entry leaves the outbox only when the county answered `applied` or `duplicate`
 * (the intake becomes `synced`) or `rejected` (the intake becomes `rejected` with the
 * county's reason). Any other failure throws and leaves the outbox exactly as it was,
 * so the next round sends the same mutations again; the county ignores repeats by id.
 */
export async function pushOutbox(
  db: StationDb,
  client: CountyClient,
  options: { batchSize?: number; now?: () => Date } = {},
): Promise<PushSummary> {
  const now = options.now ?? (() => new Date())
  let batchSize = Math.min(options.batchSize ?? DEFAULT_PUSH_BATCH_SIZE, DEFAULT_PUSH_BATCH_SIZE)
  const summary: PushSummary = { confirmed: 0, rejected: 0 }
  for (;;) {
    const oldest = await db.outbox.orderBy('seq').limit(batchSize).toArray()
    if (oldest.length === 0) return summary
    const batch = withinByteBudget(oldest)
    await countAttempt(db, batch)
    let results: MutationResult[]
    try {
      results = (await client.push(batch.map(toMutation))).results
    } catch (error) {
      const refused = refusedEntry(error, batch)
      if (refused) {
        await settleResults(db, [refused], now)
        summary.rejected++
        continue
      }
      if (error instanceof CountyError && error.kind === 'tooLarge' && batch.length > 1) {
        batchSize = Math.max(1, Math.floor(batch.length / 2))
        continue
      }
      await noteFailure(db, batch, error)
      throw error
    }
    const settled = await settleResults(db, results, now, batch)
    summary.confirmed += settled.confirmed
    summary.rejected += settled.rejected
    if (settled.confirmed + settled.rejected === 0) {
      // Nothing we sent was answered: looping would resend the same batch forever.
      throw new CountyError('protocol', '县级服务器没有对发送的办件逐条答复，请联系县政务服务管理局')
    }
  }
}

/** The mutation exactly as the protocol defines it, without local bookkeeping. */
function toMutation(entry: OutboxEntry): Mutation {
  return mutationSchema.parse(entry)
}

function withinByteBudget(entries: OutboxEntry[]): OutboxEntry[] {
  const encoder = new TextEncoder()
  const batch: OutboxEntry[] = []
  let bytes = 0
  for (const entry of entries) {
    const size = encoder.encode(JSON.stringify(toMutation(entry))).length
    if (batch.length > 0 && bytes + size > PUSH_BYTE_BUDGET) break
    batch.push(entry)
    bytes += size
  }
  return batch
}

/**
 * A refusal of the whole request that names one mutation (a 400 whose path is
 * "mutations.N…", or a single mutation too large to send) is that mutation's answer:
 * the county will never take it as it is, so it leaves the queue as rejected.
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
 * Applies the county's answers in one transaction: each answered entry leaves the
 * outbox together with the change to its intake's sync state (and an audit entry for
 * a rejection). Answers for ids we did not send are ignored.
 */
async function settleResults(
  db: StationDb,
  results: readonly MutationResult[],
  now: () => Date,
  sent?: readonly OutboxEntry[],
): Promise<PushSummary> {
  const settled: PushSummary = { confirmed: 0, rejected: 0 }
  await db.transaction('rw', [db.outbox, db.intakes, db.audit], async () => {
    for (const result of results) {
      const entry = sent ? sent.find((candidate) => candidate.id === result.id) : await db.outbox.get({ id: result.id })
      if (entry === undefined || entry.seq === undefined) continue
      await db.outbox.delete(entry.seq)
      if (result.status === 'rejected') {
        const lastError: RecordError = {
          code: result.error?.code ?? 'rejected',
          message: result.error?.message ?? '县级服务器退回了该办件，未说明原因',
        }
        await db.intakes.update(entry.entityId, { syncState: 'rejected', lastError })
        const intake = await db.intakes.get(entry.entityId)
        await db.audit.add({
          at: now().toISOString(),
          action: 'sync.rejected',
          entityId: entry.entityId,
          intakeNo: intake?.intakeNo,
          detail: lastError.message,
        })
        settled.rejected++
      } else {
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
