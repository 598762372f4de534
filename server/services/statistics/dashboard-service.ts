import { DASHBOARD_DAYS, DEVICE_SILENT_HOURS, type Dashboard } from '../../../shared/dashboard'
import { chinaDate } from '../../../shared/working-days'
import type { Database } from '../../db/database'
import {
  countIntakesPerStationDay,
  countOpenBadRatings,
  countOpenReports,
  countOverdueIntakesPerStation,
  countRatings,
  listDeviceContacts,
  listStationNames,
} from '../../repositories/dashboard-repository'

const HOUR_MS = 3_600_000

const addCalendarDays = (isoDate: string, days: number): string => new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 24 * HOUR_MS).toISOString().slice(0, 10)

/** The console's 首页统计 on the county's today: the database counts, this shapes them for the charts. */
export async function readDashboard(db: Database, now = new Date()): Promise<Dashboard> {
  const today = chinaDate(now)
  const days = Array.from({ length: DASHBOARD_DAYS }, (_, index) => addCalendarDays(today, index - DASHBOARD_DAYS + 1))
  const firstDay = days[0] ?? today
  // Midnight of the first day in China (UTC+8, no DST).
  const since = new Date(`${firstDay}T00:00:00+08:00`)
  const [stations, perDay, overdue, ratings, bad, reportsOpen, devices] = await Promise.all([
    listStationNames(db),
    countIntakesPerStationDay(db, since),
    countOverdueIntakesPerStation(db, today),
    countRatings(db),
    countOpenBadRatings(db, today),
    countOpenReports(db),
    listDeviceContacts(db),
  ])
  const dayIndex = new Map(days.map((day, index) => [day, index]))
  const overdueByStation = new Map(overdue.map((row) => [row.stationCode, row.count]))
  const ratingCounts = new Map(ratings.map((row) => [row.rating, row.count]))
  return {
    today,
    days,
    intakesByStation: stations.map((station) => {
      const counts = days.map(() => 0)
      for (const row of perDay) {
        const index = dayIndex.get(row.day)
        if (row.stationCode === station.code && index !== undefined) counts[index] = row.count
      }
      return { stationCode: station.code, stationName: station.name, counts, total: counts.reduce((sum, value) => sum + value, 0) }
    }),
    overdueIntakes: {
      total: overdue.reduce((sum, row) => sum + row.count, 0),
      byStation: stations
        .filter((station) => overdueByStation.has(station.code))
        .map((station) => ({ stationCode: station.code, stationName: station.name, count: overdueByStation.get(station.code) ?? 0 })),
    },
    ratings: {
      byRating: [1, 2, 3, 4, 5].map((rating) => ({ rating, count: ratingCounts.get(rating) ?? 0 })),
      total: ratings.reduce((sum, row) => sum + row.count, 0),
      badOpen: bad.open,
      badOverdue: bad.overdue,
    },
    reportsOpen,
    devices: devices.map((device) => ({
      id: device.id,
      name: device.name,
      stationCode: device.stationCode,
      stationName: device.stationName,
      lastSeenAt: device.lastSeenAt?.toISOString() ?? null,
      revoked: device.revokedAt !== null,
      silent: isSilent(device, now),
    })),
  }
}

/** A device in service that has not called for more than a day (or never since enrollment). Revoked devices are expected to be silent. */
function isSilent(device: { lastSeenAt: Date | null; revokedAt: Date | null }, now: Date): boolean {
  if (device.revokedAt !== null) return false
  if (device.lastSeenAt === null) return true
  return now.getTime() - device.lastSeenAt.getTime() > DEVICE_SILENT_HOURS * HOUR_MS
}
