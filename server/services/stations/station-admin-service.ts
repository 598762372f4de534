import type {
  AdminDevice,
  AdminStation,
  AdminEnrollmentCode,
  AdminStationListResponse,
  Operator,
  RevokeDeviceResponse,
  RevokeEnrollmentCodesResponse,
} from '../../../shared/admin'
import type { StationKind } from '../../../shared/station'
import { AppError } from '../../app-error'
import type { Database } from '../../db/database'
import type { DeviceRow } from '../../db/schema'
import { listDeviceRows, revokeDevice } from '../../repositories/device-repository'
import { expireUnusedEnrollmentCodes, listUsableEnrollmentCodes } from '../../repositories/enrollment-code-repository'
import { countStationItems } from '../../repositories/station-item-repository'
import { findStation, listStationRows } from '../../repositories/station-repository'
import { issueEnrollmentCode, type IssuedEnrollmentCode } from './enrollment-service'

/**
 * Every station with whether it has a live enrollment code (and its expiry) and its devices,
 * for the console's 站点与设备 screen. No code is in it: only hashes are kept, and a
 * department reviewer reading this list must never get what enrolls a device.
 */
export async function listAdminStations(db: Database, now: Date = new Date()): Promise<AdminStationListResponse> {
  const [stations, codes, devices, itemCounts] = await Promise.all([
    listStationRows(db),
    listUsableEnrollmentCodes(db, now),
    listDeviceRows(db),
    countStationItems(db),
  ])
  return {
    stations: stations.map((station) => {
      // Codes come longest-lived first: the first one of the station is the one to hand out.
      const code = codes.find((candidate) => candidate.stationCode === station.code)
      return {
        code: station.code,
        name: station.name,
        kind: station.kind as StationKind,
        township: station.township,
        address: station.address,
        phone: station.phone,
        deactivatedAt: station.deactivatedAt?.toISOString() ?? null,
        itemCount: itemCounts.get(station.code) ?? 0,
        enrollmentCode: code ? { stationCode: code.stationCode, expiresAt: code.expiresAt.toISOString() } : null,
        devices: devices.filter((device) => device.stationCode === station.code).map(toAdminDevice),
      }
    }),
  }
}

/** One station as the console lists it (after creating or editing it). */
export async function getAdminStation(db: Database, code: string): Promise<AdminStation> {
  const station = (await listAdminStations(db)).stations.find((candidate) => candidate.code === code)
  if (!station) throw new AppError('not_found', `站点 ${code} 不存在，请核对站点编码`)
  return station
}

type AdminLog = { info(details: object, message: string): void }

/**
 * 停用设备: a lost or replaced station PC loses its access at once. The token stays in the
 * database but authenticates no more (pull and push answer 401), so nothing the device sent
 * before is touched. Revoking twice keeps the first time. Only a county administrator may.
 */
export async function revokeStationDevice(
  db: Database,
  operator: Operator,
  request: { deviceId: string; reason?: string },
  log: AdminLog,
  now: Date = new Date(),
): Promise<RevokeDeviceResponse> {
  if (operator.role !== 'countyAdmin') throw new AppError('forbidden', '只有县级管理员可以停用设备')
  const device = await revokeDevice(db, request.deviceId, now)
  if (!device) throw new AppError('not_found', '设备不存在，请刷新站点列表后重试')
  log.info({ deviceId: device.id, stationCode: device.stationCode, operator: operator.username, reason: request.reason }, 'device revoked')
  return { stationCode: device.stationCode, device: toAdminDevice(device) }
}

/** Only a county administrator hands out enrollment codes: a code puts a device into a station. */
export async function issueStationEnrollmentCode(
  db: Database,
  operator: Operator,
  stationCode: string,
  validDays: number,
  now: Date = new Date(),
): Promise<AdminEnrollmentCode> {
  if (operator.role !== 'countyAdmin') throw new AppError('forbidden', '只有县级管理员可以签发注册码')
  return toAdminEnrollmentCode(await issueEnrollmentCode(db, stationCode, validDays, now))
}

/**
 * 作废注册码: a code handed out to the wrong place, or leaked, stops working at once without
 * issuing another. Devices already enrolled are not touched (停用设备 does that).
 */
export async function revokeStationEnrollmentCodes(
  db: Database,
  operator: Operator,
  stationCode: string,
  log: AdminLog,
  now: Date = new Date(),
): Promise<RevokeEnrollmentCodesResponse> {
  if (operator.role !== 'countyAdmin') throw new AppError('forbidden', '只有县级管理员可以作废注册码')
  return db.transaction(async (tx) => {
    if (!(await findStation(tx, stationCode))) throw new AppError('not_found', `站点 ${stationCode} 不存在，请核对站点编码`)
    const revoked = await expireUnusedEnrollmentCodes(tx, stationCode, now)
    log.info({ stationCode, revoked, operator: operator.username }, 'enrollment codes revoked')
    return { stationCode, revoked }
  })
}

function toAdminEnrollmentCode(issued: IssuedEnrollmentCode): AdminEnrollmentCode {
  return { stationCode: issued.stationCode, code: issued.code, expiresAt: issued.expiresAt.toISOString() }
}

function toAdminDevice(device: DeviceRow): AdminDevice {
  return {
    id: device.id,
    name: device.name,
    enrolledAt: device.createdAt.toISOString(),
    lastSeenAt: device.lastSeenAt?.toISOString() ?? null,
    revokedAt: device.revokedAt?.toISOString() ?? null,
  }
}
