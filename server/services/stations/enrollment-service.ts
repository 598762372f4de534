import { randomUUID } from 'node:crypto'
import { MAX_DEVICE_NUMBER, type EnrollResponse } from '../../../shared/protocol'
import { AppError } from '../../app-error'
import type { Database, Executor } from '../../db/database'
import { insertDevice, nextDeviceNumber } from '../../repositories/device-repository'
import {
  expireUnusedEnrollmentCodes,
  findEnrollmentCodeForUpdate,
  insertEnrollmentCode,
  markEnrollmentCodeUsed,
} from '../../repositories/enrollment-code-repository'
import { findStation, findStationDeactivatedAt } from '../../repositories/station-repository'
import { newEnrollmentCode, newToken, normaliseEnrollmentCode } from '../../secrets'
import { sha256HexOfText } from '../../../shared/sha256'

const ASK_FOR_NEW_CODE = '请向县政务服务管理局索取新的注册码'

/**
 * Registers a device for the station its one-time code belongs to. The code row
 * is locked, checked and marked used in the same transaction as the device insert,
 * so one code can never enroll two devices.
 */
export async function enrollDevice(db: Database, request: { code: string; deviceName: string }, now: Date = new Date()): Promise<EnrollResponse> {
  const codeHash = sha256HexOfText(normaliseEnrollmentCode(request.code))
  return db.transaction(async (tx) => {
    const row = await findEnrollmentCodeForUpdate(tx, codeHash)
    if (!row) throw new AppError('unauthorized', '注册码不存在，请核对后重新输入')
    if (row.usedAt) throw new AppError('unauthorized', `该注册码已被使用，${ASK_FOR_NEW_CODE}`)
    if (row.expiresAt.getTime() <= now.getTime()) throw new AppError('unauthorized', `该注册码已过期，${ASK_FOR_NEW_CODE}`)
    const station = await findStation(tx, row.stationCode)
    if (!station) throw new Error(`an enrollment code names missing station ${row.stationCode}`)
    if (await findStationDeactivatedAt(tx, station.code))
      throw new AppError('forbidden', `站点 ${station.name} 已停用，不能注册设备；如有疑问请联系县政务服务管理局`)
    const deviceNumber = await nextDeviceNumber(tx, station.code)
    if (deviceNumber > MAX_DEVICE_NUMBER) {
      throw new AppError('conflict', `站点 ${station.code} 已注册 ${MAX_DEVICE_NUMBER} 台设备，不能再注册；请联系县政务服务管理局`)
    }
    const deviceId = randomUUID()
    const token = newToken()
    await insertDevice(tx, { id: deviceId, stationCode: station.code, deviceNumber, name: request.deviceName, tokenHash: sha256HexOfText(token), now })
    await markEnrollmentCodeUsed(tx, codeHash, deviceId, now)
    return { deviceId, deviceNumber, token, station }
  })
}

export type IssuedEnrollmentCode = { stationCode: string; code: string; expiresAt: Date }

/**
 * A code to hand to a new device of the station now (scripts and tests enrolling devices
 * behind the API). Codes are kept hashed, so a live one cannot be read back: a new one is
 * added, and the station's other unused codes stay valid until they expire or are used.
 */
export async function ensureEnrollmentCode(db: Database, stationCode: string, validDays: number, now: Date = new Date()): Promise<IssuedEnrollmentCode> {
  return insertNewEnrollmentCode(db, stationCode, validDays, now)
}

/**
 * An operator issues a fresh code for a station (the last one was handed out or
 * may have leaked): every older unused code of the station stops working in the
 * same transaction, so exactly one code is live afterwards.
 */
export async function issueEnrollmentCode(db: Database, stationCode: string, validDays: number, now: Date = new Date()): Promise<IssuedEnrollmentCode> {
  return db.transaction(async (tx) => {
    const deactivatedAt = await findStationDeactivatedAt(tx, stationCode)
    if (deactivatedAt === undefined) throw new AppError('not_found', `站点 ${stationCode} 不存在，请核对站点编码`)
    if (deactivatedAt) throw new AppError('conflict', `站点 ${stationCode} 已停用，不能签发注册码；请先启用该站点`)
    await expireUnusedEnrollmentCodes(tx, stationCode, now)
    return insertNewEnrollmentCode(tx, stationCode, validDays, now)
  })
}

async function insertNewEnrollmentCode(db: Executor, stationCode: string, validDays: number, now: Date): Promise<IssuedEnrollmentCode> {
  const expiresAt = new Date(now.getTime() + validDays * 24 * 3600_000)
  // 31^8 codes: a collision is rare, but the primary key decides, so retry on one.
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newEnrollmentCode()
    // Only the hash is stored; this answer is the one time the code itself is seen.
    if (await insertEnrollmentCode(db, { codeHash: sha256HexOfText(code), stationCode, expiresAt, now })) return { stationCode, code, expiresAt }
  }
  throw new Error('could not issue a unique enrollment code in 5 attempts')
}
