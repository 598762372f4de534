import type { AdminEnrollmentCode, AdminStationListResponse } from '../../shared/admin'
import type { StationKind } from '../../shared/station'
import type { Database } from '../db/database'
import { listDeviceRows } from '../repositories/device-repository'
import { listUsableEnrollmentCodes } from '../repositories/enrollment-code-repository'
import { listStationRows } from '../repositories/station-repository'
import { issueEnrollmentCode, type IssuedEnrollmentCode } from './enrollment-service'

/** Every station with its live enrollment code and its devices, for the console's 站点与设备 screen. */
export async function listAdminStations(db: Database, now: Date = new Date()): Promise<AdminStationListResponse> {
  const [stations, codes, devices] = await Promise.all([listStationRows(db), listUsableEnrollmentCodes(db, now), listDeviceRows(db)])
  return {
    stations: stations.map((station) => {
      // Codes come longest-lived first: the first one of the station is the one to hand out.
      const code = codes.find((candidate) => candidate.stationCode === station.code)
      return {
        code: station.code,
        name: station.name,
        kind: station.kind as StationKind,
        township: station.township,
        enrollmentCode: code ? toAdminEnrollmentCode({ stationCode: code.stationCode, code: code.code, expiresAt: code.expiresAt }) : null,
        devices: devices
          .filter((device) => device.stationCode === station.code)
          .map((device) => ({
            id: device.id,
            name: device.name,
            enrolledAt: device.createdAt.toISOString(),
            lastSeenAt: device.lastSeenAt?.toISOString() ?? null,
            revokedAt: device.revokedAt?.toISOString() ?? null,
          })),
      }
    }),
  }
}

export async function issueStationEnrollmentCode(db: Database, stationCode: string, validDays: number, now: Date = new Date()): Promise<AdminEnrollmentCode> {
  return toAdminEnrollmentCode(await issueEnrollmentCode(db, stationCode, validDays, now))
}

function toAdminEnrollmentCode(issued: IssuedEnrollmentCode): AdminEnrollmentCode {
  return { stationCode: issued.stationCode, code: issued.code, expiresAt: issued.expiresAt.toISOString() }
}
