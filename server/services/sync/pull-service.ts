import type { PullChange, PullResponse } from '../../../shared/protocol'
import { AppError } from '../../app-error'
import type { Database } from '../../db/database'
import { listChangesAfter, settledChangeHorizon } from '../../repositories/change-repository'

/**
 * Everything the station may see after its cursor, oldest first, up to the settled horizon
 * (a change numbered below one still committing is never skipped); one extra row tells
 * whether more remain.
 */
export async function pullChanges(db: Database, stationCode: string, query: { cursor: number; limit: number }): Promise<PullResponse> {
  // The schema admits any digits; past 2^53 the number is no longer the cursor that was sent.
  if (!Number.isSafeInteger(query.cursor)) throw new AppError('bad_request', 'cursor 超出范围，请从头同步', { path: 'cursor' })
  const horizon = await settledChangeHorizon(db)
  const rows = await listChangesAfter(db, stationCode, { cursor: query.cursor, horizon }, query.limit + 1)
  const page = rows.slice(0, query.limit)
  const last = page.at(-1)
  return {
    changes: page.map((row) => ({ seq: row.seq, entity: row.entity, op: row.op, id: row.entityId, data: row.data }) as PullChange),
    cursor: String(last ? last.seq : query.cursor),
    more: rows.length > query.limit,
  }
}
