import { AppError } from '../../app-error'
import type { Database } from '../../db/database'
import { listChangesAfter, settledChangeHorizon } from '../../repositories/change-repository'

/** A pull page as JSON text (PullResponse), with what the sync log counts of it. */
export type PulledPage = { json: string; changes: number; more: boolean }

/**
 * Everything the station may see after its cursor, oldest first, up to the settled horizon
 * (a change numbered below one still committing is never skipped); one extra row tells
 * whether more remain. The page is written as text around each change's stored JSON
 * (listChangesAfter), in the shape pullResponseSchema describes.
 */
export async function pullChanges(db: Database, stationCode: string, query: { cursor: number; limit: number }): Promise<PulledPage> {
  // The schema admits any digits; past 2^53 the number is no longer the cursor that was sent.
  if (!Number.isSafeInteger(query.cursor)) throw new AppError('bad_request', 'cursor 超出范围，请从头同步', { path: 'cursor' })
  const horizon = await settledChangeHorizon(db)
  const rows = await listChangesAfter(db, stationCode, { cursor: query.cursor, horizon }, query.limit + 1)
  const page = rows.slice(0, query.limit)
  const last = page.at(-1)
  const more = rows.length > query.limit
  const changes = page.map(
    (row) =>
      `{"seq":${row.seq},"entity":${JSON.stringify(row.entity)},"op":${JSON.stringify(row.op)},"id":${JSON.stringify(row.entityId)},"data":${row.dataJson}}`,
  )
  const cursor = String(last ? last.seq : query.cursor)
  return { json: `{"changes":[${changes.join(',')}],"cursor":${JSON.stringify(cursor)},"more":${more}}`, changes: page.length, more }
}
