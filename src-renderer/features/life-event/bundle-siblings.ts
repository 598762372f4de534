import type { IntakeRecord } from '../../../shared/station-records'
import type { StationDb } from '../../db/station-db'

/** The intakes of one sitting are saved within moments of each other; this margin also covers a slow device. */
const SITTING_WINDOW_MS = 60 * 60 * 1000

/**
 * Every intake of the 一件事一次办 sitting `intake` belongs to (itself included), by intake
 * number; empty for an ordinary intake. Read over the createdAt index around its time, not
 * the whole table: a sitting's intakes are made together, so no bundle index is needed.
 */
export async function loadBundleIntakes(db: StationDb, intake: Pick<IntakeRecord, 'createdAt' | 'lifeEvent'>): Promise<IntakeRecord[]> {
  const bundleId = intake.lifeEvent?.bundleId
  if (bundleId === undefined) return []
  const at = Date.parse(intake.createdAt)
  const from = new Date(at - SITTING_WINDOW_MS).toISOString()
  const to = new Date(at + SITTING_WINDOW_MS).toISOString()
  const rows = await db.intakes
    .where('createdAt')
    .between(from, to, true, true)
    .filter((candidate) => candidate.lifeEvent?.bundleId === bundleId)
    .toArray()
  return rows.sort((a, b) => a.intakeNo.localeCompare(b.intakeNo))
}
