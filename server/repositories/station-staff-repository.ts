import { and, asc, eq } from 'drizzle-orm'
import type { Executor } from '../db/database'
import { stationStaff, type StationStaffRow } from '../db/staff-schema'

export type NewStationStaffRow = Omit<StationStaffRow, 'createdAt'>

export async function listStationStaffRows(db: Executor, stationCode: string): Promise<StationStaffRow[]> {
  return db.select().from(stationStaff).where(eq(stationStaff.stationCode, stationCode)).orderBy(asc(stationStaff.username))
}

export async function findStationStaffRow(db: Executor, stationCode: string, id: string): Promise<StationStaffRow | undefined> {
  const [row] = await db
    .select()
    .from(stationStaff)
    .where(and(eq(stationStaff.stationCode, stationCode), eq(stationStaff.id, id)))
  return row
}

/** False when the station already has that username (the unique index decides). */
export async function insertStationStaffIfAbsent(db: Executor, row: NewStationStaffRow): Promise<StationStaffRow | undefined> {
  const [inserted] = await db.insert(stationStaff).values(row).onConflictDoNothing().returning()
  return inserted
}

export async function updateStationStaffRow(
  db: Executor,
  id: string,
  changes: Partial<Pick<StationStaffRow, 'displayName' | 'role' | 'active' | 'onSiteAuthority' | 'passwordHash'>> & { updatedAt: Date },
): Promise<StationStaffRow> {
  const [row] = await db.update(stationStaff).set(changes).where(eq(stationStaff.id, id)).returning()
  if (!row) throw new Error(`station staff ${id} vanished during its update`)
  return row
}
