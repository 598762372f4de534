import type { Operator } from '../../../shared/admin'
import type { Station, StationItems } from '../../../shared/station'
import type { AssignStationItemsRequest, AssignStationItemsResponse, StationItemsTemplate } from '../../../shared/station-admin'
import type { ServiceItem } from '../../../shared/catalog'
import { AppError } from '../../app-error'
import type { Database, Transaction } from '../../db/database'
import { listOfferedCatalogItems } from '../../repositories/catalog-repository'
import { appendChange } from '../../repositories/change-repository'
import { insertStationItems, listStationItemIds, replaceStationItems } from '../../repositories/station-item-repository'
import { findStation, updateStation } from '../../repositories/station-repository'
import { demoStationItemIds } from '../../seed/demo-station-items'
import { inChangeTransaction } from '../sync/change-transaction'

type StationItemsLog = { info(details: object, message: string): void }

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
    const wanted = await publishStationItems(tx, station, itemIds)
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

/** Makes the station's list `itemIds` and publishes it (list and station record) to that station; nothing when unchanged. */
async function publishStationItems(tx: Transaction, station: Station, itemIds: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(itemIds)].sort()
  const held = await listStationItemIds(tx, station.code)
  if (held.join() === wanted.join()) return held
  await replaceStationItems(tx, station.code, wanted)
  await appendChange(tx, {
    stationCode: station.code,
    entity: 'stationItems',
    entityId: station.code,
    op: 'put',
    data: { stationCode: station.code, itemIds: wanted },
  })
  const updated = { ...station, itemIds: wanted }
  await updateStation(tx, updated)
  await appendChange(tx, { stationCode: station.code, entity: 'station', entityId: station.code, op: 'put', data: updated })
  return wanted
}

/**
 * 批量设置进驻事项: the chosen stations get the template's items (by 行使层级, the county's
 * standard list for their kind, or another station's list), replacing or adding to what they
 * have, all in one transaction. Each station is published its own new list.
 */
export async function assignStationItems(
  db: Database,
  operator: Operator,
  request: AssignStationItemsRequest,
  log: StationItemsLog,
): Promise<AssignStationItemsResponse> {
  if (operator.role !== 'countyAdmin') throw new AppError('forbidden', '只有县级管理员可以调整进驻事项')
  return inChangeTransaction(db, async (tx) => {
    const offered = await listOfferedCatalogItems(tx)
    const copied = request.template.kind === 'copy' ? await copiedItemIds(tx, request.template.fromStation, offered) : []
    const result: AssignStationItemsResponse['stations'] = []
    for (const stationCode of [...new Set(request.stationCodes)]) {
      const station = await findStation(tx, stationCode)
      if (!station) throw stationMissing(stationCode)
      const fromTemplate = templateItemIds(request.template, station, offered, copied)
      const itemIds = request.mode === 'add' ? [...(await listStationItemIds(tx, stationCode)), ...fromTemplate] : fromTemplate
      if (itemIds.length === 0) throw new AppError('bad_request', `按所选模板，${station.name}没有任何进驻事项；请换一个模板`, { path: 'template' })
      const wanted = await publishStationItems(tx, station, itemIds)
      result.push({ stationCode, itemCount: wanted.length })
    }
    log.info(
      { operator: operator.username, stations: result.length, template: request.template.kind, mode: request.mode ?? 'replace' },
      'station items assigned',
    )
    return { stations: result }
  })
}

function templateItemIds(template: StationItemsTemplate, station: Station, offered: readonly ServiceItem[], copied: readonly string[]): string[] {
  if (template.kind === 'copy') return [...copied]
  if (template.kind === 'standard') return demoStationItemIds(station.kind, offered)
  const levels = new Set<string>(template.levels)
  return offered.filter((item) => item.levels.some((level) => levels.has(level))).map((item) => item.id)
}

async function copiedItemIds(tx: Transaction, fromStation: string, offered: readonly ServiceItem[]): Promise<string[]> {
  if (!(await findStation(tx, fromStation))) throw stationMissing(fromStation)
  const live = new Set(offered.map((item) => item.id))
  return (await listStationItemIds(tx, fromStation)).filter((id) => live.has(id))
}
