import { pbkdf2Sha256 } from './sha256'

/**
 * Checks a station staff password against its `pbkdf2-sha256$iterations$salt$hash` string
 * (shared/staff.ts) with shared/sha256.ts (WebCrypto or, without it, @noble/hashes), so the
 * station can do it offline in the browser; the county makes the hashes with node:crypto's
 * pbkdf2, which computes the same bytes.
 */

const STAFF_HASH_SCHEME = 'pbkdf2-sha256'
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
export const STAFF_HASH_ITERATIONS = 210_000
export const STAFF_HASH_BYTES = 32
export const STAFF_SALT_BYTES = 16
/** A pulled hash asking for more than this is refused rather than freezing an old PC. */
const MAX_ITERATIONS = 5_000_000

type ParsedStaffHash = { iterations: number; salt: Uint8Array; hash: Uint8Array }

export function parseStaffPasswordHash(stored: string): ParsedStaffHash | null {
  const [scheme, iterations, salt, hash, ...rest] = stored.split('$')
  if (scheme !== STAFF_HASH_SCHEME || !iterations || !salt || !hash || rest.length > 0) return null
  const count = Number(iterations)
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_ITERATIONS) return null
  try {
    return { iterations: count, salt: fromBase64(salt), hash: fromBase64(hash) }
  } catch {
    return null
  }
}

export function formatStaffPasswordHash(iterations: number, salt: Uint8Array, hash: Uint8Array): string {
  return [STAFF_HASH_SCHEME, String(iterations), toBase64(salt), toBase64(hash)].join('$')
}

/** True only when the password gives the stored hash; a malformed hash never matches. */
export async function verifyStaffPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStaffPasswordHash(stored)
  if (parsed === null || parsed.hash.length === 0) return false
  const actual = await pbkdf2Sha256(password, parsed.salt, parsed.iterations, parsed.hash.length)
  // Every byte is compared, so the time taken does not tell how much of the hash matched.
  let difference = 0
  for (let index = 0; index < actual.length; index++) difference |= actual[index]! ^ parsed.hash[index]!
  return difference === 0
}

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index)
  return bytes
}
