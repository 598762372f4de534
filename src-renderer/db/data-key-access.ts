import { pbkdf2Sha256 } from '../../shared/sha256'
import { STAFF_HASH_ITERATIONS } from '../../shared/staff-password'
import {
  DATA_KEY_META_PREFIX,
  OS_KEY_STORE_META_KEY,
  osKeyStoreDataKeyWrapSchema,
  staffDataKeyMetaKey,
  staffDataKeyWrapSchema,
  type StaffDataKeyWrap,
} from '../../shared/station-at-rest'
import { UserError } from '../lib/user-error'
import type { OsKeyStore } from '../platform/platform'
import { allRowsSealed, sealExistingRows } from './seal-existing-rows'
import { fromBase64, toBase64 } from '../lib/base64'
import { createDataKey, openBytes, randomSalt, sealBytes, SealBrokenError } from './sealing'
import type { StationDb } from './station-db'

export const NO_KEY_COPY_MESSAGE =
  '本机数据已加密，您的账号在本机还没有解密权限（从未在本机登录过，或县级重置了密码）：请由在本机登录过的工作人员登录，在“本机维护 → 本机登录授权”中为您授权'

/**
 * Opens the data key at start. Desktop: unwrapped by the OS key store, or made and wrapped on
 * the first start (existing rows sealed then). Browser: locked when a key exists (the first
 * sign-in unwraps it), else left off until the first sign-in makes it.
 */
export async function openDataKey(db: StationDb, osKeyStore?: OsKeyStore): Promise<void> {
  const vault = db.dataKeys
  if (osKeyStore) {
    vault.protection = 'osKeyStore'
    const row = await db.meta.get(OS_KEY_STORE_META_KEY)
    if (row === undefined) {
      const dataKey = createDataKey()
      await db.meta.put({
        key: OS_KEY_STORE_META_KEY,
        value: osKeyStoreDataKeyWrapSchema.parse({ kind: 'osKeyStore', wrapped: await osKeyStore.wrap(dataKey) }),
      })
      vault.unlock(dataKey)
    } else {
      vault.unlock(await osKeyStore.unwrap(osKeyStoreDataKeyWrapSchema.parse(row.value).wrapped))
    }
    if (!(await allRowsSealed(db))) await sealExistingRows(db)
    return
  }
  vault.protection = 'staffPassword'
  if ((await db.meta.where('key').startsWith(DATA_KEY_META_PREFIX).count()) > 0) vault.markLocked()
}

/**
 * After a staff member's password checked out (sign-in or unlocking the idle screen), in browser
 * mode: makes the key if this device has none yet (the first sign-in after enrollment, which also
 * seals what sync stored until then), else unwraps this account's copy; and gives the account a
 * copy when the key is already in memory. Throws UserError `no_key_copy` when the key is locked and
 * this account has no copy that opens with this password.
 */
export async function unlockDataKeyForStaff(db: StationDb, staffId: string, password: string): Promise<void> {
  const vault = db.dataKeys
  if (vault.protection !== 'staffPassword') return
  if (vault.state === 'off') {
    const dataKey = createDataKey()
    await db.meta.put({ key: staffDataKeyMetaKey(staffId), value: await wrapForStaff(dataKey, staffId, password) })
    vault.unlock(dataKey)
    await sealExistingRows(db)
    return
  }
  if (vault.state === 'locked') {
    const dataKey = await unwrapForStaff(db, staffId, password)
    if (dataKey === null) throw new UserError('no_key_copy', NO_KEY_COPY_MESSAGE)
    vault.unlock(dataKey)
    if (!(await allRowsSealed(db))) await sealExistingRows(db)
    return
  }
  if ((await unwrapForStaff(db, staffId, password)) === null) await grantDataKey(db, staffId, password)
}

/** Gives an account its copy of the key in memory (its password already checked by the caller). */
export async function grantDataKey(db: StationDb, staffId: string, password: string): Promise<void> {
  await db.meta.put({ key: staffDataKeyMetaKey(staffId), value: await wrapForStaff(db.dataKeys.dataKey(), staffId, password) })
}

/** Browser mode: the key leaves memory, as when the window is reloaded or closed; the OS key store keeps desktop data open. */
export function lockDataKey(db: StationDb): void {
  if (db.dataKeys.protection === 'staffPassword') db.dataKeys.lock()
}

export async function staffWithKeyCopy(db: StationDb): Promise<Set<string>> {
  const rows = await db.meta.where('key').startsWith(staffDataKeyMetaKey('')).toArray()
  return new Set(
    rows.flatMap((row) => {
      const parsed = staffDataKeyWrapSchema.safeParse(row.value)
      return parsed.success ? [parsed.data.staffId] : []
    }),
  )
}

async function wrapForStaff(dataKey: Uint8Array, staffId: string, password: string): Promise<StaffDataKeyWrap> {
  const salt = randomSalt()
  const wrappingKey = await pbkdf2Sha256(password, salt, STAFF_HASH_ITERATIONS, 32)
  return staffDataKeyWrapSchema.parse({
    kind: 'staffPassword',
    staffId,
    salt: toBase64(salt),
    iterations: STAFF_HASH_ITERATIONS,
    wrapped: toBase64(sealBytes(wrappingKey, dataKey)),
  })
}

async function unwrapForStaff(db: StationDb, staffId: string, password: string): Promise<Uint8Array | null> {
  const parsed = staffDataKeyWrapSchema.safeParse((await db.meta.get(staffDataKeyMetaKey(staffId)))?.value)
  if (!parsed.success) return null
  const wrappingKey = await pbkdf2Sha256(password, fromBase64(parsed.data.salt), parsed.data.iterations, 32)
  try {
    return openBytes(wrappingKey, fromBase64(parsed.data.wrapped))
  } catch (error) {
    if (error instanceof SealBrokenError) return null
    throw error
  }
}
