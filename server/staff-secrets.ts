import { pbkdf2, randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import { formatStaffPasswordHash, STAFF_HASH_BYTES, STAFF_HASH_ITERATIONS, STAFF_SALT_BYTES } from '../shared/staff-password'

const pbkdf2Async = promisify(pbkdf2)

/**
 * A station staff password hash: PBKDF2-SHA256 with its own random salt, in the format the
 * station checks offline with WebCrypto (shared/staff-password.ts). Not scrypt like the
 * operators' passwords: browsers' WebCrypto has no scrypt.
 */
export async function hashStaffPassword(password: string, iterations: number = STAFF_HASH_ITERATIONS): Promise<string> {
  const salt = randomBytes(STAFF_SALT_BYTES)
  const hash = await pbkdf2Async(password, salt, iterations, STAFF_HASH_BYTES, 'sha256')
  return formatStaffPasswordHash(iterations, salt, hash)
}
