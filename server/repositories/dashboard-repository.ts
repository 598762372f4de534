import { and, asc, eq, gte, inArray, isNotNull, lt, notInArray, sql } from 'drizzle-orm'
import { END_STATUSES } from '../../shared/intake-status'
import { OPEN_EVALUATION_FOLLOW_UPS, OPEN_REPORT_STATUSES } from '../../shared/follow-up'
import type { Executor } from '../db/database'
import { devices, evaluations, intakes, reports, stations } from '../db/schema'

// The dashboard's aggregates, each one query computed by the database.

const count = () => sql<number>`count(*)`.mapWith(Number)

/**
 * China's calendar day of an instant. China keeps UTC+8 all year (no DST), so a fixed
 * offset is exact and needs no time-zone database (PGlite and PostgreSQL agree).
 */
const chinaDay = (column: typeof intakes.receivedAt) => sql<string>`to_char((${column} AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD')`

export async function listStationNames(db: Executor): Promise<{ code: string; name: string }[]> {
  return db.select({ code: stations.code, name: stations.name }).from(stations).orderBy(asc(stations.code))
}

/** Intakes received since `since`, counted per station and China day. */
export async function countIntakesPerStationDay(db: Executor, since: Date): Promise<{ stationCode: string; day: string; count: number }[]> {
  const day = chinaDay(intakes.receivedAt)
  return db
    .select({ stationCode: intakes.stationCode, day, count: count() })
    .from(intakes)
    .where(gte(intakes.receivedAt, since))
    .groupBy(intakes.stationCode, day)
}

/** Intakes whose due date is before `today` and which have not ended, per station. */
export async function countOverdueIntakesPerStation(db: Executor, today: string): Promise<{ stationCode: string; count: number }[]> {
  return db
    .select({ stationCode: intakes.stationCode, count: count() })
    .from(intakes)
    .where(and(isNotNull(intakes.dueDate), lt(intakes.dueDate, today), notInArray(intakes.status, [...END_STATUSES])))
    .groupBy(intakes.stationCode)
}

export async function countRatings(db: Executor): Promise<{ rating: number; count: number }[]> {
  return db.select({ rating: evaluations.rating, count: count() }).from(evaluations).groupBy(evaluations.rating)
}

/** 差评 still open, and how many of them are past their due date on `today`. */
export async function countOpenBadRatings(db: Executor, today: string): Promise<{ open: number; overdue: number }> {
  const [row] = await db
    .select({
      open: count(),
      overdue: sql<number>`count(*) FILTER (WHERE ${evaluations.followUpDue} < ${today})`.mapWith(Number),
    })
    .from(evaluations)
    .where(inArray(evaluations.followUpStatus, [...OPEN_EVALUATION_FOLLOW_UPS]))
  return { open: row?.open ?? 0, overdue: row?.overdue ?? 0 }
}

export async function countOpenReports(db: Executor): Promise<number> {
  const [row] = await db
    .select({ count: count() })
    .from(reports)
    .where(inArray(reports.status, [...OPEN_REPORT_STATUSES]))
  return row?.count ?? 0
}

export async function listDeviceContacts(
  db: Executor,
): Promise<{ id: string; name: string; stationCode: string; stationName: string; lastSeenAt: Date | null; revokedAt: Date | null }[]> {
  return db
    .select({
      id: devices.id,
      name: devices.name,
      stationCode: devices.stationCode,
      stationName: stations.name,
      lastSeenAt: devices.lastSeenAt,
      revokedAt: devices.revokedAt,
    })
    .from(devices)
    .innerJoin(stations, eq(stations.code, devices.stationCode))
    .orderBy(asc(devices.stationCode), asc(devices.deviceNumber))
}
