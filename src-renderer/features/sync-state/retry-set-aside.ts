import type { OutboxEntry, RecordError } from '../../../shared/station-records'
import type { StationDb } from '../../db/station-db'
import { auditActor, type StaffActor } from '../../db/staff-permissions'

/** What the clerk sees of an entry set aside after repeated county faults: the county's words and when. */
type SetAsideEntry = { id: string; type: OutboxEntry['type']; reason: RecordError; at: string }

/** The entries of one record (an intake, a rating, a report) that are set aside, oldest first. */
export async function setAsideEntriesOf(db: StationDb, entityId: string): Promise<SetAsideEntry[]> {
  const queued = await db.outbox.where('entityId').equals(entityId).sortBy('seq')
  return queued.flatMap((entry) =>
    entry.setAside ? [{ id: entry.id, type: entry.type, reason: { code: entry.setAside.code, message: entry.setAside.message }, at: entry.setAside.at }] : [],
  )
}

/**
 * 重新发送: puts a record's set-aside entries back in line (same ids, same payloads), with their
 * fault count cleared, so the next sync round sends them again; the record's note of the fault
 * goes, and the audit trail says who asked. Returns how many entries were put back.
 */
export async function retrySetAside(db: StationDb, entityId: string, options: { staff?: StaffActor; now?: () => Date } = {}): Promise<number> {
  const now = options.now ?? (() => new Date())
  return db.transaction('rw', [db.outbox, db.intakes, db.audit], async () => {
    const entries = (await db.outbox.where('entityId').equals(entityId).toArray()).filter((entry) => entry.setAside !== undefined)
    if (entries.length === 0) return 0
    for (const entry of entries) {
      await db.outbox
        .where('seq')
        .equals(entry.seq!)
        .modify((queued) => {
          delete queued.setAside
          delete queued.serverFailures
          delete queued.lastError
        })
    }
    const intake = await db.intakes.get(entityId)
    if (intake?.lastError?.code === 'set_aside') await db.intakes.update(entityId, { lastError: undefined })
    await db.audit.add({
      at: now().toISOString(),
      action: 'sync.retried',
      entityId,
      intakeNo: intake?.intakeNo,
      ...auditActor(options.staff),
      detail: `重新发送暂缓的 ${entries.length} 条变更`,
    })
    return entries.length
  })
}
