import { AppError } from '../../app-error'
import type { Database } from '../../db/database'
import { findActiveDeviceByTokenHash, touchDevice } from '../../repositories/device-repository'
import { sha256HexOfText } from '../../../shared/sha256'

/** `enrolledAt`: when the device was enrolled (the earliest a station receipt it dates can be). */
export type DeviceIdentity = { deviceId: string; stationCode: string; deviceName: string; enrolledAt: Date }

/** last_seen is for the console's device list; a minute's precision spares a write per request. */
const TOUCH_INTERVAL_MS = 60_000

export async function authenticateDevice(db: Database, token: string | undefined, now: Date = new Date()): Promise<DeviceIdentity> {
  if (!token) throw new AppError('unauthorized', '缺少设备令牌，请先在设置中注册本设备')
  const device = await findActiveDeviceByTokenHash(db, sha256HexOfText(token))
  if (!device) throw new AppError('unauthorized', '设备令牌无效或已被停用，请重新注册本设备')
  // 停用 of the whole station: a 403, not a 401, so the station does not ask to re-enroll.
  if (device.stationDeactivatedAt) {
    throw new AppError('forbidden', '本站点已被县政务服务管理局停用，不能再与县级服务器同步；如有疑问请联系县政务服务管理局')
  }
  if (!device.lastSeenAt || now.getTime() - device.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await touchDevice(db, device.id, now)
  }
  return { deviceId: device.id, stationCode: device.stationCode, deviceName: device.name, enrolledAt: device.createdAt }
}
