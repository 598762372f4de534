import { sha256Plain } from './sha256'

const BLOCK_BYTES = 64

/**
 * HMAC-SHA-256 (RFC 2104), synchronous: the at-rest middleware computes keyed hashes inside
 * an IndexedDB transaction, where awaiting WebCrypto would let the transaction commit early.
 */
export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  const block = new Uint8Array(BLOCK_BYTES)
  block.set(key.length > BLOCK_BYTES ? sha256Plain(key) : key)
  const inner = new Uint8Array(BLOCK_BYTES + message.length)
  const outer = new Uint8Array(BLOCK_BYTES + 32)
  for (let index = 0; index < BLOCK_BYTES; index++) {
    inner[index] = block[index]! ^ 0x36
    outer[index] = block[index]! ^ 0x5c
  }
  inner.set(message, BLOCK_BYTES)
  outer.set(sha256Plain(inner), BLOCK_BYTES)
  return sha256Plain(outer)
}
