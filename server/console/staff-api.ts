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
import { API_PREFIX } from '../../shared/protocol'
import type { z } from '../../shared/zod'
import { ConsoleApiError, currentSession, signOut } from './api'

/**
 * 站点人员 calls: each checks what it sends with the shared schemas (so a short password is
 * refused before the request) and validates what comes back.
 */
async function call<S extends z.ZodType>(schema: S, method: 'GET' | 'POST', path: string, body?: unknown): Promise<z.output<S>> {
  const token = currentSession()?.token
  const headers: Record<string, string> = {}
  if (token) headers.authorization = `Bearer ${token}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(`${API_PREFIX}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  } catch {
    throw new ConsoleApiError('无法连接县级服务器，请检查网络后重试', 0)
  }
  const json: unknown = await response.json().catch(() => undefined)
  if (!response.ok) {
    const message = (json as { error?: { message?: string } } | undefined)?.error?.message ?? `服务器返回错误（${response.status}），请稍后重试`
    if (response.status === 401 && token) signOut()
    throw new ConsoleApiError(message, response.status)
  }
  return schema.parse(json)
}

function checked<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value)
  if (!result.success) throw new ConsoleApiError(result.error.issues[0]?.message ?? '填写的内容有误', 400)
  return result.data
}

const staffPath = (stationCode: string) => `/admin/stations/${encodeURIComponent(stationCode)}/staff`

export async function listStationStaff(stationCode: string): Promise<AdminStaff[]> {
  return (await call(adminStaffListResponseSchema, 'GET', staffPath(stationCode))).staff
}

export async function createStationStaff(stationCode: string, request: CreateStaffRequest): Promise<AdminStaff> {
  return call(adminStaffSchema, 'POST', staffPath(stationCode), checked(createStaffRequestSchema, request))
}

export async function updateStationStaff(stationCode: string, id: string, request: UpdateStaffRequest): Promise<AdminStaff> {
  return call(adminStaffSchema, 'POST', `${staffPath(stationCode)}/${encodeURIComponent(id)}`, checked(updateStaffRequestSchema, request))
}

export async function resetStationStaffPassword(stationCode: string, id: string, password: string): Promise<AdminStaff> {
  return call(adminStaffSchema, 'POST', `${staffPath(stationCode)}/${encodeURIComponent(id)}/password`, checked(resetStaffPasswordRequestSchema, { password }))
}
