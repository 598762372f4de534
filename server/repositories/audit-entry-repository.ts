import type { Executor } from '../db/database'
import { auditEntries } from '../db/schema'

type NewAuditEntry = typeof auditEntries.$inferInsert

/** Inserts the lines not yet stored (by station, batch and position); answers how many were new. */
export async function insertAuditEntries(db: Executor, entries: NewAuditEntry[]): Promise<number> {
  if (entries.length === 0) return 0
  const inserted = await db.insert(auditEntries).values(entries).onConflictDoNothing().returning({ id: auditEntries.id })
  return inserted.length
}
