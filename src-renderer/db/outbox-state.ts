import type { RecordError, SyncState } from '../../shared/station-records'
import type { StationDb } from './station-db'

export type RecordSyncState = { state: SyncState; error?: RecordError }

/**
 * The sync state of records that keep none of their own (a rating, a 办不成事 report), read
 * from the outbox by the mutation's `entityId`: queued is 未发送 (with the county's words when
 * it was set aside after repeated faults), queued with the county's refusal is 被退回, gone is
 * 已同步 (an entry leaves only on `applied` or `duplicate`).
 */
export async function outboxSyncStates(db: StationDb, entityIds: readonly string[]): Promise<Map<string, RecordSyncState>> {
  const states = new Map<string, RecordSyncState>(entityIds.map((id) => [id, { state: 'synced' }]))
  if (entityIds.length === 0) return states
  const queued = await db.outbox
    .where('entityId')
    .anyOf([...entityIds])
    .toArray()
  for (const entry of queued) {
    const current = states.get(entry.entityId)
    if (current?.state === 'rejected') continue
    if (entry.rejection) states.set(entry.entityId, { state: 'rejected', error: entry.rejection })
    else if (entry.setAside) states.set(entry.entityId, { state: 'pending', error: { code: entry.setAside.code, message: entry.setAside.message } })
    else if (current?.error === undefined) states.set(entry.entityId, { state: 'pending' })
  }
  return states
}
