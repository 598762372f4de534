import { sha256HexOfText } from './sha256'

/**
 * JSON with object keys sorted at every depth, so the same payload always has the
 * same text and therefore the same hash on the station and on the county server.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>
    return Object.fromEntries(
      Object.keys(source)
        .filter((key) => source[key] !== undefined)
        .sort()
        .map((key) => [key, sortKeys(source[key])]),
    )
  }
  return value
}

/**
 * SHA-256 of the canonical JSON, hex. Synchronous and free of WebCrypto: the station hashes a
 * payload after the county answered `applied`, and a page served over plain http has no
 * `crypto.subtle`; a throw there would keep the entry queued for ever.
 */
export function payloadHash(value: unknown): string {
  return sha256HexOfText(canonicalJson(value))
}
