import { isAbsolute } from 'node:path'

/** Environment variable naming the folder for the app's data instead of the OS default. */
export const USER_DATA_DIR_ENV = 'BIANMIN_USER_DATA_DIR'

/**
 * Tests start each app with a fresh data folder, and a station may keep its data
 * on another disk. Only an absolute path is taken: a relative one would depend on
 * the folder the app happened to be started from.
 */
export function resolveUserDataDir(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const value = env[USER_DATA_DIR_ENV]?.trim()
  if (!value) return undefined
  if (!isAbsolute(value)) throw new Error(`${USER_DATA_DIR_ENV} must be an absolute path, got: ${value}`)
  return value
}
