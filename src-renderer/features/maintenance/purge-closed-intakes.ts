import type { IntakeStatus } from '../../../shared/intake-status'
import type { IntakeRecord } from '../../../shared/station-records'
import { chinaDate } from '../../../shared/working-days'
import type { StationDb } from '../../db/station-db'

/** How long a closed intake stays on the device after its last county decision. */
export const DEFAULT_PURGE_AFTER_DAYS = 180

/**
 * Closed: nothing more happens at the window. 已办结 (completed) is not closed yet: the result
 * still waits to be handed over (送达), which the clerk records from this record.
 */
const CLOSED_STATUSES: readonly IntakeStatus[] = ['delivered', 'refused', 'withdrawn']

const DAY_MS = 24 * 60 * 60 * 1000

type PurgeOptions = { afterDays?: number; now?: () => Date }
type PurgeSummary = { intakesRemoved: number; filesRemoved: number; keptUnsynced: number; sentLogRemoved: number }

/**
 * Frees space on the device: removes intakes that are synced, closed, and whose last county
 * decision is older than `afterDays` — their attachments first, then the record, in one
 * transaction per intake. Never removes anything the county has not confirmed: an intake
 * with a queued mutation (its own or its rating's) or an attachment not yet uploaded stays.
 * The county keeps the full case; the station keeps its audit trail. Rows of the sent log
 * (日终对账) for days before the period go too.
 */
export async function purgeClosedIntakes(db: StationDb, options: PurgeOptions = {}): Promise<PurgeSummary> {
  const afterDays = options.afterDays ?? DEFAULT_PURGE_AFTER_DAYS
  const cutoff = (options.now ?? (() => new Date()))().getTime() - afterDays * DAY_MS
  const summary: PurgeSummary = { intakesRemoved: 0, filesRemoved: 0, keptUnsynced: 0, sentLogRemoved: 0 }
  const closed = await db.intakes
    .where('status')
    .anyOf([...CLOSED_STATUSES])
    .toArray()
  for (const candidate of closed) {
    const ended = endedAt(candidate)
    if (ended === null || ended >= cutoff) continue
    await db.transaction('rw', [db.intakes, db.outbox, db.attachments], async () => {
      // Read again inside the transaction: a sync round may have changed it since the scan.
      const intake = await db.intakes.get(candidate.id)
      if (intake === undefined) return
      const entityIds = [intake.id, ...(intake.evaluation ? [intake.evaluation.id] : [])]
      const queued = await db.outbox.where('entityId').anyOf(entityIds).count()
      const files = await db.attachments.where('intakeId').equals(intake.id).toArray()
      if (intake.syncState !== 'synced' || queued > 0 || files.some((file) => file.state !== 'uploaded')) {
        summary.keptUnsynced++
        return
      }
      await db.attachments.bulkDelete(files.map((file) => file.id))
      await db.intakes.delete(intake.id)
      summary.filesRemoved += files.length
      summary.intakesRemoved++
    })
  }
  // The sent log serves the end-of-day reconciliation of its day; days past the period are done with.
  summary.sentLogRemoved = await db.sentMutations
    .where('day')
    .below(chinaDate(new Date(cutoff)))
    .delete()
  return summary
}

/** When the case ended: its last county event (county clock), else undefined when the county sent no history. */
function endedAt(intake: IntakeRecord): number | null {
  const last = intake.decision?.history.at(-1)?.at ?? intake.decision?.completedAt
  if (last === undefined) return null
  const time = Date.parse(last)
  return Number.isNaN(time) ? null : time
}
