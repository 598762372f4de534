import { verifyStaffPassword } from '../../../shared/staff-password'
import type { StationStaff } from '../../../shared/staff'
import { grantDataKey, unlockDataKeyForStaff } from '../../db/data-key-access'
import { readMeta } from '../../db/meta'
import type { StationDb } from '../../db/station-db'
import { UserError } from '../../lib/user-error'
import { auditActor, type StaffActor } from '../../db/staff-permissions'

export const NO_STAFF_MESSAGE = '本设备还没有收到本站的工作人员账号：请联网同步一次；如县级尚未为本站开通账号，请联系县政务服务管理局在“站点人员”中开通'
export const WRONG_CREDENTIALS_MESSAGE = '用户名或密码不正确，请重新输入'
export const INACTIVE_MESSAGE = '该账号已被县级停用，请联系县政务服务管理局'

/** The accounts of this device's station that may sign in (pulled from the county). */
export async function countActiveStaff(db: StationDb): Promise<number> {
  const station = await readMeta(db, 'station')
  return db.staff.filter((staff) => staff.active && staff.stationCode === station?.code).count()
}

function toActor(staff: StationStaff): StaffActor {
  return { id: staff.id, username: staff.username, displayName: staff.displayName, role: staff.role, stationCode: staff.stationCode }
}

/**
 * Signs in with no network: the password is checked against the hash the county sent
 * (PBKDF2 in WebCrypto). With no accounts pulled yet (a county that has none for this
 * station, or a first sync that has not finished) nobody can sign in: the clerk is told to
 * sync or to ask the county, rather than the station working without knowing who acts.
 *
 * In browser mode the same password unwraps the device data key (db/data-key-access.ts).
 *
 * Throws UserError `no_staff`, `wrong_credentials`, `inactive` or `no_key_copy`.
 */
export async function signInStaff(db: StationDb, credentials: { username: string; password: string }): Promise<StaffActor> {
  if ((await countActiveStaff(db)) === 0) throw new UserError('no_staff', NO_STAFF_MESSAGE)
  const station = await readMeta(db, 'station')
  const username = credentials.username.trim().toLowerCase()
  const account = (await db.staff.where('username').equals(username).toArray()).find((staff) => staff.stationCode === station?.code)
  // Unknown user and wrong password get the same answer, and the hash is always computed.
  const matches = await verifyStaffPassword(credentials.password, account?.passwordHash ?? UNKNOWN_USER_HASH)
  if (account === undefined || !matches) throw new UserError('wrong_credentials', WRONG_CREDENTIALS_MESSAGE)
  if (!account.active) throw new UserError('inactive', INACTIVE_MESSAGE)
  await unlockDataKeyForStaff(db, account.id, credentials.password)
  const actor = toActor(account)
  await db.audit.add({ at: new Date().toISOString(), action: 'staff.signIn', ...auditActor(actor) })
  return actor
}

/** Signing out leaves a line in the trail too. */
export async function recordSignOut(db: StationDb, staff: StaffActor): Promise<void> {
  await db.audit.add({ at: new Date().toISOString(), action: 'staff.signOut', ...auditActor(staff) })
}

/** Unlocking the idle-locked screen: the same account, as the county holds it now, and its password. */
export async function unlockStaff(db: StationDb, locked: StaffActor, password: string): Promise<StaffActor> {
  const account = await db.staff.get(locked.id)
  if (account === undefined || !(await verifyStaffPassword(password, account.passwordHash))) {
    throw new UserError('wrong_credentials', '密码不正确，请重新输入')
  }
  if (!account.active) throw new UserError('inactive', INACTIVE_MESSAGE)
  await unlockDataKeyForStaff(db, account.id, password)
  return toActor(account)
}

/** A valid hash of no one's password, so an unknown username costs the same time as a known one. */
const UNKNOWN_USER_HASH = 'pbkdf2-sha256$210000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='

/**
 * 本机登录授权 (browser mode): while a signed-in colleague holds the data key in memory, another
 * account of this station types its own password here and gets its own wrapped copy of the key.
 * Throws UserError `wrong_credentials` or `inactive`.
 */
export async function grantSignInOnThisDevice(db: StationDb, staffId: string, password: string): Promise<void> {
  const account = await db.staff.get(staffId)
  if (account === undefined || !(await verifyStaffPassword(password, account.passwordHash))) {
    throw new UserError('wrong_credentials', '密码不正确：请该工作人员本人输入自己的登录密码', [
      { path: ['password'], message: '密码不正确：请该工作人员本人输入自己的登录密码' },
    ])
  }
  if (!account.active) throw new UserError('inactive', INACTIVE_MESSAGE)
  await grantDataKey(db, account.id, password)
}
