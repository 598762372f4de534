import { adminStationSchema, type AdminStation } from '../../shared/admin'
import { stationItemsSchema, type StationItems } from '../../shared/station'
import {
  assignStationItemsResponseSchema,
  stationImportResponseSchema,
  type AssignStationItemsRequest,
  type AssignStationItemsResponse,
  type CreateStationRequest,
  type StationImportResponse,
  type UpdateStationRequest,
} from '../../shared/station-admin'
import { consoleRequest } from './api'
import { base64Of } from './catalog-api'

/** 站点管理 and 进驻事项 calls; like api.ts, each validates what comes back. */

export async function createStation(request: CreateStationRequest): Promise<AdminStation> {
  return consoleRequest(adminStationSchema, 'POST', '/admin/stations', request)
}

/** Edit, or 停用 (`active: false`) / 启用 (`active: true`). */
export async function updateStation(code: string, request: UpdateStationRequest): Promise<AdminStation> {
  return consoleRequest(adminStationSchema, 'PATCH', `/admin/stations/${encodeURIComponent(code)}`, request)
}

export async function getStationItems(code: string): Promise<StationItems> {
  return consoleRequest(stationItemsSchema, 'GET', `/admin/stations/${encodeURIComponent(code)}/items`)
}

export async function assignStationItems(request: AssignStationItemsRequest): Promise<AssignStationItemsResponse> {
  return consoleRequest(assignStationItemsResponseSchema, 'POST', '/admin/station-items/assign', request)
}

/** A file's row errors (422) are an answer, not a failure: they come back as `{ ok: false, errors }`. */
export async function importStations(file: File): Promise<StationImportResponse> {
  const contentBase64 = await base64Of(file)
  return consoleRequest(stationImportResponseSchema, 'POST', '/admin/stations/import', { fileName: file.name, contentBase64 }, { answerStatuses: [422] })
}
