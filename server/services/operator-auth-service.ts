import type { LoginResponse, Operator, OperatorRole } from '../../shared/admin'
import { AppError } from '../app-error'
import type { Database } from '../db/database'
import type { OperatorRow } from '../db/schema'
import {
  deleteExpiredOperatorSessions,
  findActiveOperator,
  findOperatorBySession,
  insertOperatorSession,
} from '../repositories/operator-repository'
import { newToken, sha256Hex, verifyPassword } from '../secrets'

const WRONG_CREDENTIALS = '用户名或密码错误'

export async function loginOperator(
  db: Database,
  request: { username: string; password: string },
  sessionHours: number,
  now: Date = new Date(),
): Promise<LoginResponse> {
  const operator = await findActiveOperator(db, request.username)
  // One message for an unknown user and a wrong password, so names cannot be probed.
  if (!operator || !(await verifyPassword(request.password, operator.passwordHash))) {
    throw new AppError('unauthorized', WRONG_CREDENTIALS)
  }
  const token = newToken()
  const expiresAt = new Date(now.getTime() + sessionHours * 3600_000)
  await deleteExpiredOperatorSessions(db, now)
  await insertOperatorSession(db, { tokenHash: sha256Hex(token), username: operator.username, now, expiresAt })
  return { token, operator: toOperator(operator), expiresAt: expiresAt.toISOString() }
}

export async function authenticateOperator(db: Database, token: string | undefined, now: Date = new Date()): Promise<Operator> {
  if (!token) throw new AppError('unauthorized', '请先登录县级管理后台')
  const operator = await findOperatorBySession(db, sha256Hex(token), now)
  if (!operator) throw new AppError('unauthorized', '登录已失效，请重新登录')
  return toOperator(operator)
}

function toOperator(row: OperatorRow): Operator {
  return { username: row.username, displayName: row.displayName, role: row.role as OperatorRole }
}
