import { chinaDate } from '../../../shared/working-days'
import type { StationDb } from '../../db/station-db'
import type { ReconcileCall } from '../../sync/county-client'
import type { SyncEngine, SyncStatus } from '../../sync/sync-engine'
import { buildEndOfDayReport, type EndOfDayReport } from './end-of-day-report'

export type EndOfDayResult = {
  report: EndOfDayReport
  /** The sync round's failure in the clerk's words; null when push, files and pull went through. */
  roundError: string | null
}

type RunEndOfDayOptions = {
  engine: Pick<SyncEngine, 'syncNow' | 'getStatus'>
  reconcile: ReconcileCall
  /** The station day to reconcile; default today in China time. */
  day?: string
  now?: () => Date
}

/**
 * 日终同步: one full sync round of the engine (push the outbox, upload files, pull until done),
 * then the day's reconciliation with the county. A failed round does not stop the report:
 * it shows what is still unsent, and the county's side when it could be asked.
 */
export async function runEndOfDay(db: StationDb, options: RunEndOfDayOptions): Promise<EndOfDayResult> {
  const now = options.now ?? (() => new Date())
  const round = await options.engine.syncNow()
  return {
    roundError: round.ok ? null : round.error,
    report: await buildEndOfDayReport(db, {
      day: options.day ?? chinaDate(now()),
      reconcile: options.reconcile,
      filesPending: filesPendingOf(options.engine.getStatus()),
      now,
    }),
  }
}

/** Attachments the county has not confirmed, when the engine sends files; null when it does not. */
export function filesPendingOf(status: Pick<SyncStatus, 'files'>): number | null {
  return status.files?.waiting ?? null
}
