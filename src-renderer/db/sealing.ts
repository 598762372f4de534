import { gcm } from '@noble/ciphers/aes.js'
import { randomBytes } from '@noble/ciphers/utils.js'
import { hmacSha256 } from '../../shared/sha256'

/**
 * AES-256-GCM for data at rest. Synchronous (@noble/ciphers) on purpose: the at-rest middleware
 * seals and opens single rows inside IndexedDB transactions, and awaiting WebCrypto there lets the
 * transaction commit before the write; it also works on pages without `crypto.subtle` (plain
 * http on the extranet). Sealed bytes are: format byte, 12-byte random nonce, ciphertext + tag.
 * Many rows at once go through WebCrypto instead (bulk-sealing.ts), into the same bytes.
 */

const DATA_KEY_BYTES = 32
export const NONCE_BYTES = 12
const TAG_BYTES = 16
const FORMAT_AES_GCM = 1

/** Thrown when sealed bytes do not open: another key, or bytes altered. */
export class SealBrokenError extends Error {
  constructor() {
    super('sealed data does not open with this key')
    this.name = 'SealBrokenError'
  }
}

export function createDataKey(): Uint8Array {
  return randomBytes(DATA_KEY_BYTES)
}

export function randomSalt(bytes = 16): Uint8Array {
  return randomBytes(bytes)
}

export function sealBytes(key: Uint8Array, plain: Uint8Array): Uint8Array {
  const nonce = randomBytes(NONCE_BYTES)
  return sealedBytesOf(nonce, gcm(key, nonce).encrypt(plain))
}

export function openBytes(key: Uint8Array, sealed: Uint8Array): Uint8Array {
  const { nonce, cipher } = sealedParts(sealed)
  try {
    return gcm(key, nonce).decrypt(cipher)
  } catch {
    throw new SealBrokenError()
  }
}

/** The stored form of a nonce and its AES-GCM output (ciphertext + tag), whichever library made it. */
export function sealedBytesOf(nonce: Uint8Array, cipher: Uint8Array): Uint8Array {
  const sealed = new Uint8Array(1 + NONCE_BYTES + cipher.length)
  sealed[0] = FORMAT_AES_GCM
  sealed.set(nonce, 1)
  sealed.set(cipher, 1 + NONCE_BYTES)
  return sealed
}

/** The nonce and the ciphertext + tag of sealed bytes (views, not copies). */
export function sealedParts(sealed: Uint8Array): { nonce: Uint8Array; cipher: Uint8Array } {
  if (sealed.length < 1 + NONCE_BYTES + TAG_BYTES || sealed[0] !== FORMAT_AES_GCM) throw new SealBrokenError()
  return { nonce: sealed.subarray(1, 1 + NONCE_BYTES), cipher: sealed.subarray(1 + NONCE_BYTES) }
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export function jsonBytes(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value))
}

export function parseJsonBytes(bytes: Uint8Array): unknown {
  return JSON.parse(decoder.decode(bytes))
}

/** A key for one purpose derived from the data key, so the search hashes never reuse the cipher key. */
export function deriveSubkey(dataKey: Uint8Array, purpose: string): Uint8Array {
  return hmacSha256(dataKey, encoder.encode(`bianmin-station/${purpose}/v1`))
}
