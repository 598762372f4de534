import {
  adminOperatorListResponseSchema,
  adminOperatorResponseSchema,
  createOperatorRequestSchema,
  resetOperatorPasswordRequestSchema,
  type AdminOperator,
  type AdminOperatorListResponse,
  type CreateOperatorRequest,
} from '../../shared/operator-admin'
import { API_PREFIX } from '../../shared/protocol'
import type { z } from '../../shared/zod'
import { ConsoleApiError, currentSession, signOut } from './api'

/** 账号管理's calls to the county server; like api.ts, each validates what it sends and gets. */

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
  if (!result.success) throw new ConsoleApiError(result.error.issues[0]?.message ?? '填写的内容不完整', 400)
  return result.data
}

export async function listOperators(): Promise<AdminOperatorListResponse> {
  return call(adminOperatorListResponseSchema, 'GET', '/admin/operators')
}

export async function createOperator(request: CreateOperatorRequest): Promise<AdminOperator> {
  const body = checked(createOperatorRequestSchema, request)
  return (await call(adminOperatorResponseSchema, 'POST', '/admin/operators', body)).operator
}

/** 重置密码: the account's open sessions end on the server. */
export async function resetOperatorPassword(username: string, password: string): Promise<AdminOperator> {
  const body = checked(resetOperatorPasswordRequestSchema, { password })
  return (await call(adminOperatorResponseSchema, 'POST', `/admin/operators/${encodeURIComponent(username)}/password`, body)).operator
}

export async function disableOperator(username: string): Promise<AdminOperator> {
  return (await call(adminOperatorResponseSchema, 'POST', `/admin/operators/${encodeURIComponent(username)}/disable`, {})).operator
}
