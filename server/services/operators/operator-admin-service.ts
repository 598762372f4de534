import type { Operator } from '../../../shared/admin'
import type { AdminOperator, AdminOperatorListResponse, CreateOperatorRequest } from '../../../shared/operator-admin'
import { AppError } from '../../app-error'
import type { Database } from '../../db/database'
import type { OperatorRow } from '../../db/schema'
import { listCatalogDepartments } from '../../repositories/catalog-repository'
import {
  deleteOperatorSessions,
  disableOperator,
  findOperator,
  insertOperatorIfAbsent,
  listOperators,
  updateOperatorPassword,
} from '../../repositories/operator-repository'
import { hashPassword } from '../../secrets'
import { requireCountyAdmin } from './operator-scope'

type OperatorAdminLog = { info(details: object, message: string): void }

const UNKNOWN = '账号不存在，请刷新账号列表后重试'

/** 账号管理: every console account, and the catalog's departments a reviewer can belong to. */
export async function listAdminOperators(db: Database, operator: Operator): Promise<AdminOperatorListResponse> {
  requireCountyAdmin(operator, '管理账号')
  const [rows, departments] = await Promise.all([listOperators(db), listCatalogDepartments(db)])
  return { operators: rows.map(toAdminOperator), departments }
}

/** A new account with its first password (scrypt, own salt); a reviewer's department must be one the catalog names. */
export async function createOperator(db: Database, operator: Operator, request: CreateOperatorRequest, log: OperatorAdminLog): Promise<AdminOperator> {
  requireCountyAdmin(operator, '新建账号')
  if (request.department && !(await listCatalogDepartments(db)).includes(request.department)) {
    throw new AppError('bad_request', `事项目录中没有“${request.department}”这个实施部门`, { path: 'department' })
  }
  const inserted = await insertOperatorIfAbsent(db, {
    username: request.username,
    displayName: request.displayName,
    role: request.role,
    department: request.role === 'countyOperator' ? (request.department ?? null) : null,
    passwordHash: await hashPassword(request.password),
  })
  if (!inserted) throw new AppError('conflict', `用户名“${request.username}”已被使用，请换一个`, { path: 'username' })
  log.info({ username: request.username, role: request.role, department: request.department, by: operator.username }, 'operator created')
  return toAdminOperator((await findOperator(db, request.username))!)
}

/** 重置密码: the new password replaces the old one and every open session of the account ends. */
export async function resetOperatorPassword(
  db: Database,
  operator: Operator,
  username: string,
  password: string,
  log: OperatorAdminLog,
): Promise<AdminOperator> {
  requireCountyAdmin(operator, '重置密码')
  const target = await findOperator(db, username)
  if (!target) throw new AppError('not_found', UNKNOWN)
  if (target.disabledAt) throw new AppError('conflict', '该账号已停用，不能重置密码')
  await db.transaction(async (tx) => {
    await updateOperatorPassword(tx, username, await hashPassword(password))
    await deleteOperatorSessions(tx, username)
  })
  log.info({ username, by: operator.username }, 'operator password reset')
  return toAdminOperator(target)
}

/** 停用账号: it can no longer log in and its sessions end at once. An administrator cannot disable themself. */
export async function disableOperatorAccount(
  db: Database,
  operator: Operator,
  username: string,
  reason: string | undefined,
  log: OperatorAdminLog,
  now: Date = new Date(),
): Promise<AdminOperator> {
  requireCountyAdmin(operator, '停用账号')
  if (username === operator.username) throw new AppError('conflict', '不能停用自己正在使用的账号')
  const disabled = await db.transaction(async (tx) => {
    const row = await disableOperator(tx, username, now)
    if (row) await deleteOperatorSessions(tx, username)
    return row
  })
  if (!disabled) throw new AppError('not_found', UNKNOWN)
  log.info({ username, by: operator.username, reason }, 'operator disabled')
  return toAdminOperator(disabled)
}

function toAdminOperator(row: OperatorRow): AdminOperator {
  return {
    username: row.username,
    displayName: row.displayName,
    role: row.role as AdminOperator['role'],
    department: row.department,
    createdAt: row.createdAt.toISOString(),
    disabledAt: row.disabledAt?.toISOString() ?? null,
  }
}
