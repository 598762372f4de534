import {
  adminOperatorListResponseSchema,
  adminOperatorResponseSchema,
  createOperatorRequestSchema,
  resetOperatorPasswordRequestSchema,
  unlockOperatorResponseSchema,
  type AdminOperator,
  type AdminOperatorListResponse,
  type CreateOperatorRequest,
  type UnlockOperatorResponse,
} from '../../shared/operator-admin'
import { checkedInput, consoleRequest } from './api'

/** 账号管理's calls to the county server; like api.ts, each validates what it sends and gets. */

export async function listOperators(): Promise<AdminOperatorListResponse> {
  return consoleRequest(adminOperatorListResponseSchema, 'GET', '/admin/operators')
}

export async function createOperator(request: CreateOperatorRequest): Promise<AdminOperator> {
  const body = checkedInput(createOperatorRequestSchema, request)
  return (await consoleRequest(adminOperatorResponseSchema, 'POST', '/admin/operators', body)).operator
}

/** 重置密码: the account's open sessions end on the server. */
export async function resetOperatorPassword(username: string, password: string): Promise<AdminOperator> {
  const body = checkedInput(resetOperatorPasswordRequestSchema, { password })
  return (await consoleRequest(adminOperatorResponseSchema, 'POST', `/admin/operators/${encodeURIComponent(username)}/password`, body)).operator
}

export async function disableOperator(username: string): Promise<AdminOperator> {
  return (await consoleRequest(adminOperatorResponseSchema, 'POST', `/admin/operators/${encodeURIComponent(username)}/disable`, {})).operator
}

/** 解除锁定: the account's failed logins from every address are forgotten. */
export async function unlockOperator(username: string): Promise<UnlockOperatorResponse> {
  return consoleRequest(unlockOperatorResponseSchema, 'POST', `/admin/operators/${encodeURIComponent(username)}/unlock`, {})
}
