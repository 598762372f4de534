import {
  adminStaffListResponseSchema,
  adminStaffSchema,
  createStaffRequestSchema,
  resetStaffPasswordRequestSchema,
  updateStaffRequestSchema,
  type AdminStaff,
  type CreateStaffRequest,
  type UpdateStaffRequest,
} from '../../shared/staff'
import { checkedInput, consoleRequest } from './api'

/**
 * 站点人员 calls: each checks what it sends with the shared schemas (so a short password is
 * refused before the request) and validates what comes back.
 */

const staffPath = (stationCode: string) => `/admin/stations/${encodeURIComponent(stationCode)}/staff`

export async function listStationStaff(stationCode: string): Promise<AdminStaff[]> {
  return (await consoleRequest(adminStaffListResponseSchema, 'GET', staffPath(stationCode))).staff
}

export async function createStationStaff(stationCode: string, request: CreateStaffRequest): Promise<AdminStaff> {
  return consoleRequest(adminStaffSchema, 'POST', staffPath(stationCode), checkedInput(createStaffRequestSchema, request))
}

export async function updateStationStaff(stationCode: string, id: string, request: UpdateStaffRequest): Promise<AdminStaff> {
  return consoleRequest(adminStaffSchema, 'POST', `${staffPath(stationCode)}/${encodeURIComponent(id)}`, checkedInput(updateStaffRequestSchema, request))
}

export async function resetStationStaffPassword(stationCode: string, id: string, password: string): Promise<AdminStaff> {
  return consoleRequest(
    adminStaffSchema,
    'POST',
    `${staffPath(stationCode)}/${encodeURIComponent(id)}/password`,
    checkedInput(resetStaffPasswordRequestSchema, { password }),
  )
}
