import type { LoginResponse, Operator, OperatorRole } from '../../../shared/admin'
import { AppError } from '../../app-error'
import type { CountyConfig } from '../../config'
import type { Database } from '../../db/database'
import type { OperatorRow } from '../../db/schema'
import {
  deleteExpiredOperatorSessions,
  deleteOperatorSession,
  findActiveOperator,
  findOperatorBySession,
  insertOperatorSession,
} from '../../repositories/operator-repository'
import { newToken, verifyPassword } from '../../secrets'
import { sha256HexOfText } from '../../../shared/sha256'
import { limitFailedAttempts } from '../rate-limits/rate-limit-service'
import { loginRules } from '../rate-limits/rate-rules'

const WRONG_CREDENTIALS = '用户名或密码错误'

type LoginContext = { ip: string; config: CountyConfig }

/**
 * A session kept in the database (only the token's sha256), valid for operatorSessionHours.
 * Failed attempts are counted per address and per username; past either limit the answer
 * is 429 with Retry-After, whatever the password.
 */
export async function loginOperator(
  db: Database,
  request: { username: string; password: string },
  context: LoginContext,
  now: Date = new Date(),
): Promise<LoginResponse> {
  return limitFailedAttempts(
    db,
    loginRules(context.config, context.ip, request.username),
    '登录失败次数过多',
    () => startSession(db, request, context.config.operatorSessionHours, now),
    now,
  )
}

async function startSession(db: Database, request: { username: string; password: string }, sessionHours: number, now: Date): Promise<LoginResponse> {
  const operator = await findActiveOperator(db, request.username)
  // One message for an unknown user and a wrong password, so names cannot be probed.
  if (!operator || !(await verifyPassword(request.password, operator.passwordHash))) {
    throw new AppError('unauthorized', WRONG_CREDENTIALS)
  }
  const token = newToken()
  const expiresAt = new Date(now.getTime() + sessionHours * 3600_000)
  await deleteExpiredOperatorSessions(db, now)
  await insertOperatorSession(db, { tokenHash: sha256HexOfText(token), username: operator.username, now, expiresAt })
  return { token, operator: toOperator(operator), expiresAt: expiresAt.toISOString() }
}

export async function authenticateOperator(db: Database, token: string | undefined, now: Date = new Date()): Promise<Operator> {
  if (!token) throw new AppError('unauthorized', '请先登录县级管理后台')
  const operator = await findOperatorBySession(db, sha256HexOfText(token), now)
  if (!operator) throw new AppError('unauthorized', '登录已失效，请重新登录')
  return toOperator(operator)
}

/** 退出登录: the session row is deleted, so the token stops working on every instance at once. */
export async function logoutOperator(db: Database, token: string | undefined): Promise<void> {
  if (token) await deleteOperatorSession(db, sha256HexOfText(token))
}

function toOperator(row: OperatorRow): Operator {
  return { username: row.username, displayName: row.displayName, role: row.role as OperatorRole, ...(row.department ? { department: row.department } : {}) }
}
