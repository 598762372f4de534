import { randomUUID } from 'node:crypto'
import type { Operator } from '../../../shared/admin'
import {
  stationStaffSchema,
  type AdminStaff,
  type CreateStaffRequest,
  type ResetStaffPasswordRequest,
  type StationStaff,
  type UpdateStaffRequest,
} from '../../../shared/staff'
import { AppError } from '../../app-error'
import type { Database, Transaction } from '../../db/database'
import type { StationStaffRow } from '../../db/staff-schema'
import { appendChange } from '../../repositories/change-repository'
import {
  findStationStaffRow,
  insertStationStaffIfAbsent,
  listStationStaffRows,
  updateStationStaffRow,
  type NewStationStaffRow,
} from '../../repositories/station-staff-repository'
import { findStation } from '../../repositories/station-repository'
import { hashStaffPassword } from '../../staff-secrets'
import { inChangeTransaction } from '../sync/change-transaction'

type StationStaffLog = { info(details: object, message: string): void }

const stationMissing = (stationCode: string) => new AppError('not_found', `站点 ${stationCode} 不存在，请核对站点编码`)
const staffMissing = () => new AppError('not_found', '该站点没有这个工作人员账号，请刷新后重试')

function requireAdmin(operator: Operator): void {
  if (operator.role !== 'countyAdmin') throw new AppError('forbidden', '只有县级管理员可以管理站点人员账号')
}

/** The account as the station pulls it: the hash goes along, so sign-in works offline. */
function toPulledStaff(row: StationStaffRow): StationStaff {
  return stationStaffSchema.parse({
    id: row.id,
    stationCode: row.stationCode,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    passwordHash: row.passwordHash,
    active: row.active,
    onSiteAuthority: row.onSiteAuthority,
    updatedAt: row.updatedAt.toISOString(),
  })
}

function toAdminStaff(row: StationStaffRow): AdminStaff {
  const { passwordHash: _hash, ...rest } = toPulledStaff(row)
  return rest
}

/** Every change to an account reaches that station (and only it) as a whole `staff` put. */
async function publish(tx: Transaction, row: StationStaffRow): Promise<void> {
  await appendChange(tx, { stationCode: row.stationCode, entity: 'staff', entityId: row.id, op: 'put', data: toPulledStaff(row) })
}

/** 站点人员 of one station, disabled ones included, without their hashes. */
export async function listStationStaff(db: Database, stationCode: string): Promise<AdminStaff[]> {
  if (!(await findStation(db, stationCode))) throw stationMissing(stationCode)
  return (await listStationStaffRows(db, stationCode)).map(toAdminStaff)
}

export async function createStationStaff(
  db: Database,
  operator: Operator,
  stationCode: string,
  request: CreateStaffRequest & { username: string },
  log: StationStaffLog,
): Promise<AdminStaff> {
  requireAdmin(operator)
  // Hashing takes a moment: done before the change-log lock is taken.
  const passwordHash = await hashStaffPassword(request.password)
  return inChangeTransaction(db, async (tx) => {
    if (!(await findStation(tx, stationCode))) throw stationMissing(stationCode)
    const now = new Date()
    const row = await insertStationStaffIfAbsent(tx, {
      id: randomUUID(),
      stationCode,
      username: request.username,
      displayName: request.displayName,
      role: request.role,
      passwordHash,
      active: true,
      onSiteAuthority: request.onSiteAuthority ?? false,
      updatedAt: now,
    })
    if (!row) throw new AppError('conflict', `本站已有用户名 ${request.username}，请换一个用户名`, { path: 'username' })
    await publish(tx, row)
    log.info({ stationCode, username: row.username, role: row.role, operator: operator.username }, 'station staff created')
    return toAdminStaff(row)
  })
}

export async function updateStationStaff(
  db: Database,
  operator: Operator,
  stationCode: string,
  id: string,
  request: UpdateStaffRequest,
  log: StationStaffLog,
): Promise<AdminStaff> {
  requireAdmin(operator)
  return inChangeTransaction(db, async (tx) => {
    const existing = await findStationStaffRow(tx, stationCode, id)
    if (!existing) throw staffMissing()
    const row = await updateStationStaffRow(tx, id, {
      displayName: request.displayName ?? existing.displayName,
      role: request.role ?? existing.role,
      active: request.active ?? existing.active,
      onSiteAuthority: request.onSiteAuthority ?? existing.onSiteAuthority,
      updatedAt: new Date(),
    })
    await publish(tx, row)
    log.info(
      { stationCode, username: row.username, role: row.role, active: row.active, onSiteAuthority: row.onSiteAuthority, operator: operator.username },
      'station staff updated',
    )
    return toAdminStaff(row)
  })
}

/** 重置密码: the new hash reaches the station at its next pull; until then the old password still works there. */
export async function resetStationStaffPassword(
  db: Database,
  operator: Operator,
  stationCode: string,
  id: string,
  request: ResetStaffPasswordRequest,
  log: StationStaffLog,
): Promise<AdminStaff> {
  requireAdmin(operator)
  const passwordHash = await hashStaffPassword(request.password)
  return inChangeTransaction(db, async (tx) => {
    if (!(await findStationStaffRow(tx, stationCode, id))) throw staffMissing()
    const row = await updateStationStaffRow(tx, id, { passwordHash, updatedAt: new Date() })
    await publish(tx, row)
    log.info({ stationCode, username: row.username, operator: operator.username }, 'station staff password reset')
    return toAdminStaff(row)
  })
}

/**
 * A demo account, inserted once and published to its station; an account that exists is left
 * as the county set it since. Runs inside a change transaction. Returns true when the stored
 * hash is still the demo one (the start output then prints the demo password).
 */
export async function ensureDemoStaff(tx: Transaction, account: Omit<NewStationStaffRow, 'id' | 'active' | 'updatedAt'>): Promise<boolean> {
  const inserted = await insertStationStaffIfAbsent(tx, { ...account, id: randomUUID(), active: true, updatedAt: new Date() })
  if (inserted) {
    await publish(tx, inserted)
    return true
  }
  const rows = await listStationStaffRows(tx, account.stationCode)
  const existing = rows.find((row) => row.username === account.username)
  return existing?.passwordHash === account.passwordHash && existing.active
}
