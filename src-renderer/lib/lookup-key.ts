/** Random bytes in a 进度查询码: 256 bits, far beyond guessing (the contract asks for at least 128). */
const LOOKUP_KEY_BYTES = 32

/**
 * A new 进度查询码 (contract-9 `lookupKey`): random bytes from the platform's CSPRNG, base64url
 * without padding (43 characters), so it sits in a URL as is and says nothing of the intake.
 */
export function newLookupKey(random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  const bytes = random(new Uint8Array(LOOKUP_KEY_BYTES))
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}
