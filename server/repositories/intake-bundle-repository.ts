import { and, asc, eq, sql } from 'drizzle-orm'
import type { Executor } from '../db/database'
import { intakes } from '../db/schema'
import { itemOfDepartment } from './intake-department'

type BundleIntakeRow = { id: string; intakeNo: string; itemName: string; status: (typeof intakes.$inferSelect)['status']; accessible: boolean }

/**
 * The intakes of one 一件事一次办 sitting at one station, by intake number. The bundle id is
 * the station's, so the station code is matched too: another station cannot join a sitting.
 * `accessible` is whether a reviewer of `department` may open each (always, without one).
 * Uses intakes_bundle_idx (migration 0011).
 */
export async function listBundleIntakes(db: Executor, stationCode: string, bundleId: string, department: string | undefined): Promise<BundleIntakeRow[]> {
  return db
    .select({
      id: intakes.id,
      intakeNo: intakes.intakeNo,
      itemName: sql<string>`${intakes.payload}->'item'->>'name'`,
      status: intakes.status,
      accessible: department === undefined ? sql<boolean>`true` : sql<boolean>`(${itemOfDepartment(intakes.itemId, department)})`,
    })
    .from(intakes)
    .where(and(eq(intakes.stationCode, stationCode), sql`${intakes.payload}->'lifeEvent'->>'bundleId' = ${bundleId}`))
    .orderBy(asc(intakes.intakeNo))
}
