import { pbkdf2Async } from '@noble/hashes/pbkdf2.js'
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'

/**
 * SHA-256 for the whole project: payload hashes, files and passwords. Browsers hide
 * `crypto.subtle` outside secure contexts (the station's web app opened over plain http on
 * the county extranet), so every function here works without it, through @noble/hashes;
 * WebCrypto is used only where it is present and pays off (large files, PBKDF2's many rounds).
 */

/** Lower-case hex of bytes, as every SHA-256 in the protocol is written. */
export function toHex(bytes: Uint8Array): string {
  return bytesToHex(bytes)
}

/** SHA-256 of bytes already in memory, lower-case hex; synchronous, never needs WebCrypto. For large files use sha256Hex. */
export function sha256HexOfBytes(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes))
}

/** SHA-256 of UTF-8 text, lower-case hex; synchronous, never needs WebCrypto. */
export function sha256HexOfText(text: string): string {
  return sha256HexOfBytes(new TextEncoder().encode(text))
}

/** Files are read this much at a time when hashed without WebCrypto, so a large scan never sits in memory twice. */
const SLICE_BYTES = 4 * 1024 * 1024

/** Lower-case hex SHA-256 of a file or bytes: WebCrypto where the page has it, else @noble/hashes slice by slice. */
export async function sha256Hex(data: Blob | ArrayBuffer | Uint8Array<ArrayBuffer>): Promise<string> {
  const subtle = globalThis.crypto?.subtle
  if (subtle !== undefined) {
    const bytes = data instanceof Blob ? await data.arrayBuffer() : data
    return bytesToHex(new Uint8Array(await subtle.digest('SHA-256', bytes)))
  }
  if (!(data instanceof Blob)) return bytesToHex(sha256(data instanceof Uint8Array ? data : new Uint8Array(data)))
  const hash = sha256.create()
  for (let start = 0; start < data.size; start += SLICE_BYTES) {
    hash.update(new Uint8Array(await data.slice(start, start + SLICE_BYTES).arrayBuffer()))
  }
  return bytesToHex(hash.digest())
}

/** Without WebCrypto, PBKDF2 yields to the event loop after this many ms of work: the sign-in window keeps painting. */
const PBKDF2_TICK_MS = 50

/**
 * PBKDF2-HMAC-SHA256 of the UTF-8 password: WebCrypto where the page has it; else
 * @noble/hashes' async variant (about a second for 210,000 rounds on a slow PC).
 */
export async function pbkdf2Sha256(password: string, salt: Uint8Array, iterations: number, bytes: number): Promise<Uint8Array> {
  const subtle = globalThis.crypto?.subtle
  const encoded = new TextEncoder().encode(password)
  if (subtle === undefined) return pbkdf2Async(sha256, encoded, salt, { c: iterations, dkLen: bytes, asyncTick: PBKDF2_TICK_MS })
  const key = await subtle.importKey('raw', encoded, 'PBKDF2', false, ['deriveBits'])
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, bytes * 8)
  return new Uint8Array(bits)
}

/**
 * HMAC-SHA-256 (RFC 2104), synchronous: the station's at-rest middleware computes keyed hashes
 * inside an IndexedDB transaction, where awaiting WebCrypto would let the transaction commit early.
 */
export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  return hmac(sha256, key, message)
}

/** hmacSha256 under one key for many messages; `destroy` wipes the key's hashed pads. */
export type KeyedHmac = { digest(message: Uint8Array): Uint8Array; destroy(): void }

/**
 * hmacSha256 under one key, for many messages: the key's inner and outer pads are hashed once
 * and each message starts from a copy of those states. For a short message (an ID number) that
 * is half the work of hmacSha256, which hashes the pads again every time; a first sync hashes
 * ten thousand ID numbers inside its transactions.
 */
export function keyedHmacSha256(key: Uint8Array): KeyedHmac {
  const keyed = hmac.create(sha256, key)
  return {
    digest: (message) => keyed.clone().update(message).digest(),
    destroy: () => keyed.destroy(),
  }
}
