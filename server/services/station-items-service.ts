import type { Operator } from '../../shared/admin'
import type { StationItems } from '../../shared/station'
import { AppError } from '../app-error'
import type { Database, Transaction } from '../db/database'
import { listOfferedCatalogItems } from '../repositories/catalog-repository'
import { appendChange } from '../repositories/change-repository'
import { insertStationItems, listStationItemIds, replaceStationItems } from '../repositories/station-item-repository'
import { findStation, updateStation } from '../repositories/station-repository'
import { inChangeTransaction } from './change-transaction'

export type StationItemsLog = { info(details: object, message: string): void }

const stationMissing = (stationCode: string) => new AppError('not_found', `站点 ${stationCode} 不存在，请核对站点编码`)

/** The station's 进驻事项 as the county holds them. */
export async function getStationItems(db: Database, stationCode: string): Promise<StationItems> {
  if (!(await findStation(db, stationCode))) throw stationMissing(stationCode)
  return { stationCode, itemIds: await listStationItemIds(db, stationCode) }
}

/**
 * Replaces the station's 进驻事项 with a new whole list (a county administrator's call). Every id
 * must be an item the catalog still offers; an unchanged list publishes nothing. A change goes to
 * that station only, together with its station record, whose `itemIds` mirrors the list.
 */
export async function setStationItems(
  db: Database,
  operator: Operator,
  stationCode: string,
  itemIds: readonly string[],
  log: StationItemsLog,
): Promise<StationItems> {
  if (operator.role !== 'countyAdmin') throw new AppError('forbidden', '只有县级管理员可以调整进驻事项')
  return inChangeTransaction(db, async (tx) => {
    const station = await findStation(tx, stationCode)
    if (!station) throw stationMissing(stationCode)
    const offered = new Set((await listOfferedCatalogItems(tx)).map((item) => item.id))
    const unknown = itemIds.findIndex((id) => !offered.has(id))
    if (unknown >= 0) {
      throw new AppError('bad_request', `事项 ${itemIds[unknown]} 不在本县事项目录中或已取消，不能设为进驻事项`, { path: `itemIds.${unknown}` })
    }
    const wanted = [...new Set(itemIds)].sort()
    const held = await listStationItemIds(tx, stationCode)
    if (held.join() === wanted.join()) return { stationCode, itemIds: held }

    await replaceStationItems(tx, stationCode, wanted)
    await appendChange(tx, { stationCode, entity: 'stationItems', entityId: stationCode, op: 'put', data: { stationCode, itemIds: wanted } })
    const updated = { ...station, itemIds: wanted }
    await updateStation(tx, updated)
    await appendChange(tx, { stationCode, entity: 'station', entityId: stationCode, op: 'put', data: updated })
    log.info({ stationCode, operator: operator.username, items: wanted.length }, 'station items set')
    return { stationCode, itemIds: wanted }
  })
}

/**
 * The station's 进驻事项, assigning `initial()` first when it has none yet; runs inside a change
 * transaction. A station that already has a list keeps it: the seed must not undo what the
 * county set since. The assignment is published to that station only.
 */
export async function ensureStationItems(tx: Transaction, stationCode: string, initial: () => string[]): Promise<string[]> {
  const held = await listStationItemIds(tx, stationCode)
  if (held.length > 0) return held
  const itemIds = [...new Set(initial())].sort()
  if (itemIds.length === 0) return []
  await insertStationItems(tx, stationCode, itemIds)
  await appendChange(tx, { stationCode, entity: 'stationItems', entityId: stationCode, op: 'put', data: { stationCode, itemIds } })
  return itemIds
}
