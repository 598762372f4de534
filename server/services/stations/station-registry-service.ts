import type { Operator } from '../../../shared/admin'
import type { CatalogImportRequest } from '../../../shared/catalog-admin'
import type { Station } from '../../../shared/station'
import type { StationDetails, StationImportResponse, UpdateStationRequest } from '../../../shared/station-admin'
import { AppError } from '../../app-error'
import type { CountyConfig } from '../../config'
import type { Database, Transaction } from '../../db/database'
import { appendChange } from '../../repositories/change-repository'
import { expireUnusedEnrollmentCodes } from '../../repositories/enrollment-code-repository'
import { findStation, findStationRow, insertStation, setStationDeactivatedAt, updateStation, updateStationContact } from '../../repositories/station-repository'
import { inChangeTransaction } from '../sync/change-transaction'
import { readStationFile } from './import/station-file'

type StationRegistryLog = { info(details: object, message: string): void }
type County = CountyConfig['county']

function requireAdmin(operator: Operator, what: string): void {
  if (operator.role !== 'countyAdmin') throw new AppError('forbidden', `只有县级管理员可以${what}`)
}

/** 新建站点: a new station with no 进驻事项 and no devices yet; its code must be new. */
export async function createStation(db: Database, operator: Operator, details: StationDetails, county: County, log: StationRegistryLog): Promise<Station> {
  requireAdmin(operator, '新建站点')
  return inChangeTransaction(db, async (tx) => {
    if (await findStationRow(tx, details.code)) throw new AppError('conflict', `站点编码 ${details.code} 已存在，请换一个编码`, { path: 'code' })
    const station = await putStation(tx, details, county)
    log.info({ stationCode: station.code, operator: operator.username }, 'station created')
    return station
  })
}

/**
 * 编辑 / 停用 / 启用: published fields (name, kind, township) go to the station at its next pull;
 * 停用 also voids its unused enrollment codes (its devices are refused at the next request).
 */
export async function updateStationDetails(
  db: Database,
  operator: Operator,
  code: string,
  request: UpdateStationRequest,
  log: StationRegistryLog,
  now: Date = new Date(),
): Promise<Station> {
  requireAdmin(operator, request.active === undefined ? '编辑站点' : request.active ? '启用站点' : '停用站点')
  return inChangeTransaction(db, async (tx) => {
    const row = await findStationRow(tx, code)
    const existing = await findStation(tx, code)
    if (!row || !existing) throw new AppError('not_found', `站点 ${code} 不存在，请核对站点编码`)
    const { active, address, phone, ...published } = request
    const station: Station = { ...existing, ...definedOnly(published) }
    if (station.name !== existing.name || station.kind !== existing.kind || station.township !== existing.township) {
      await updateStation(tx, station)
      await appendChange(tx, { stationCode: code, entity: 'station', entityId: code, op: 'put', data: station })
    }
    if (address !== undefined || phone !== undefined) {
      await updateStationContact(tx, code, { address: address ?? row.address, phone: phone ?? row.phone })
    }
    if (active === false && !row.deactivatedAt) {
      await setStationDeactivatedAt(tx, code, now)
      await expireUnusedEnrollmentCodes(tx, code, now)
      log.info({ stationCode: code, operator: operator.username }, 'station deactivated')
    } else if (active === true && row.deactivatedAt) {
      await setStationDeactivatedAt(tx, code, null)
      log.info({ stationCode: code, operator: operator.username }, 'station reactivated')
    }
    return station
  })
}

/**
 * 导入站点: every row is checked first; with any error nothing is stored and every error is
 * answered by row and column. Otherwise all rows are stored in one transaction: a new code
 * creates a station, a known one updates it (its 停用 state and 进驻事项 stay).
 */
export async function importStations(
  db: Database,
  operator: Operator,
  request: CatalogImportRequest,
  county: County,
  log: StationRegistryLog,
): Promise<StationImportResponse> {
  requireAdmin(operator, '导入站点')
  const read = await readStationFile(request.fileName, Buffer.from(request.contentBase64, 'base64'))
  if (!read.ok) throw new AppError(read.status === 413 ? 'too_large' : 'bad_request', read.message, { path: 'contentBase64' })
  if (!read.result.ok) return { ok: false, errors: read.result.errors, errorCount: read.result.errors.length }
  const stations = read.result.stations
  return inChangeTransaction(db, async (tx) => {
    let created = 0
    for (const details of stations) {
      const existing = await findStation(tx, details.code)
      if (existing) {
        const station: Station = { ...existing, name: details.name, kind: details.kind, township: details.township }
        if (station.name !== existing.name || station.kind !== existing.kind || station.township !== existing.township) {
          await updateStation(tx, station)
          await appendChange(tx, { stationCode: station.code, entity: 'station', entityId: station.code, op: 'put', data: station })
        }
        await updateStationContact(tx, details.code, { address: details.address, phone: details.phone })
      } else {
        await putStation(tx, details, county)
        created++
      }
    }
    log.info({ operator: operator.username, created, updated: stations.length - created, fileName: request.fileName }, 'stations imported')
    return { ok: true, created, updated: stations.length - created }
  })
}

async function putStation(tx: Transaction, details: StationDetails, county: County): Promise<Station> {
  const station: Station = {
    code: details.code,
    name: details.name,
    kind: details.kind,
    township: details.township,
    countyCode: county.code,
    countyName: county.name,
    itemIds: [],
  }
  await insertStation(tx, station)
  await updateStationContact(tx, station.code, { address: details.address, phone: details.phone })
  await appendChange(tx, { stationCode: station.code, entity: 'station', entityId: station.code, op: 'put', data: station })
  return station
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>
}
