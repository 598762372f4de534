import { createHash } from 'node:crypto'
import { canonicalJson } from '../../../shared/canonical-json'

/**
 * `payloadHash` of shared/canonical-json.ts (the same canonical JSON, the same hex), with
 * Node's native SHA-256: the county hashes every mutation of every push, and the JavaScript
 * SHA-256 the station needs (no WebCrypto on a plain-http page) cost the county four times
 * as much. tests/unit/server/payload-hash.test.ts holds the two equal.
 */
export function countyPayloadHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex')
}
