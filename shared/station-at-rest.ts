import { z } from './zod'

/**
 * How the station's device data key is kept in its own `meta` table (never in plain): wrapped
 * (AES-GCM) under a key derived from one staff account's password, one row per account that
 * signed in on this device (browser mode), or wrapped by the OS key store (desktop mode).
 */
export const DATA_KEY_META_PREFIX = 'dataKey:'
export const staffDataKeyMetaKey = (staffId: string): string => `${DATA_KEY_META_PREFIX}staff:${staffId}`
export const OS_KEY_STORE_META_KEY = `${DATA_KEY_META_PREFIX}osKeyStore`
/** Set once every row stored before the key existed has been sealed. */
export const SEALED_ALL_META_KEY = `${DATA_KEY_META_PREFIX}sealedAll`

const base64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/)
  .max(10_000)

export const staffDataKeyWrapSchema = z.object({
  kind: z.literal('staffPassword'),
  staffId: z.string().min(1).max(64),
  /** PBKDF2-SHA256 salt of the wrapping key: not the login hash's salt, so that hash never unwraps the key. */
  salt: base64,
  iterations: z.number().int().min(1).max(5_000_000),
  wrapped: base64,
})
export type StaffDataKeyWrap = z.infer<typeof staffDataKeyWrapSchema>

export const osKeyStoreDataKeyWrapSchema = z.object({ kind: z.literal('osKeyStore'), wrapped: base64 })
