import { NONCE_BYTES, SealBrokenError, sealedBytesOf, sealedParts } from './sealing'

/**
 * AES-256-GCM for many rows at once, with WebCrypto: the browser's native AES-GCM, where
 * sealing.ts (synchronous JavaScript) held the page for up to 1.5 s of a first sync. Chromium
 * answers within the task that asked (a put after awaiting it still finds the transaction
 * active, tried on 7 December 2026), so it is faster, not off the main thread; an engine may
 * answer in a later task, which is why the caller keeps the transaction alive meanwhile.
 * The bytes are sealing.ts's own (WebCrypto's AES-GCM output is ciphertext + 16-byte tag, as
 * noble's), so either opens what the other sealed. Each value still gets its own random nonce.
 * Only where `crypto.subtle` exists: a page over plain http (not a secure context) lacks it, and
 * the caller seals and opens synchronously there.
 */

export function bulkSealingAvailable(): boolean {
  return globalThis.crypto?.subtle !== undefined
}

// Keyed by the vault's array: each unlock hands out a new one, and the old one is dropped with its CryptoKey.
const cryptoKeys = new WeakMap<Uint8Array, Promise<CryptoKey>>()

/** Call synchronously while the key is valid: the vault zeroes its array when it locks, so it is copied now. */
function cryptoKeyOf(key: Uint8Array): Promise<CryptoKey> {
  let cryptoKey = cryptoKeys.get(key)
  if (cryptoKey === undefined) {
    cryptoKey = crypto.subtle.importKey('raw', key.slice(), 'AES-GCM', false, ['encrypt', 'decrypt'])
    cryptoKeys.set(key, cryptoKey)
  }
  return cryptoKey
}

export function sealManyBytes(key: Uint8Array, plains: readonly Uint8Array[]): Promise<Uint8Array[]> {
  const cryptoKey = cryptoKeyOf(key)
  const nonces = randomNonces(plains.length)
  return Promise.all(
    plains.map(async (plain, index) => {
      const nonce = nonces.subarray(index * NONCE_BYTES, (index + 1) * NONCE_BYTES)
      const cipher = await crypto.subtle.encrypt(gcmParams(nonce), await cryptoKey, plain as Uint8Array<ArrayBuffer>)
      return sealedBytesOf(nonce, new Uint8Array(cipher))
    }),
  )
}

/** Rejects with SealBrokenError if any does not open (another key, or bytes altered). */
export function openManyBytes(key: Uint8Array, sealed: readonly Uint8Array[]): Promise<Uint8Array[]> {
  const cryptoKey = cryptoKeyOf(key)
  return Promise.all(
    sealed.map(async (bytes) => {
      const { nonce, cipher } = sealedParts(bytes)
      const aesKey = await cryptoKey
      try {
        return new Uint8Array(await crypto.subtle.decrypt(gcmParams(nonce), aesKey, cipher as Uint8Array<ArrayBuffer>))
      } catch {
        throw new SealBrokenError()
      }
    }),
  )
}

function gcmParams(nonce: Uint8Array): AesGcmParams {
  return { name: 'AES-GCM', iv: nonce as Uint8Array<ArrayBuffer>, tagLength: 128 }
}

/** getRandomValues fills at most this many bytes a call. */
const MAX_RANDOM_BYTES = 65_536

/** Random nonces for `count` values, each its own 12-byte slice, from as few calls as the limit allows. */
function randomNonces(count: number): Uint8Array {
  const nonces = new Uint8Array(count * NONCE_BYTES)
  for (let start = 0; start < nonces.length; start += MAX_RANDOM_BYTES) crypto.getRandomValues(nonces.subarray(start, start + MAX_RANDOM_BYTES))
  return nonces
}
