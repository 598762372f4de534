/**
 * PBKDF2-HMAC-SHA256 in plain TypeScript, for where WebCrypto's `crypto.subtle` is missing:
 * browsers hide it outside secure contexts, e.g. the station's web app opened over plain http
 * on the government extranet. HMAC's inner and outer pad states are computed once, so each
 * iteration costs two SHA-256 block compressions (about a second for 210,000 on an old PC).
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
])
const IV = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19])

/** One SHA-256 compression of the 16 words in w[0..15] into `state` (w is scratch of 64 words). */
function compress(state: Uint32Array, w: Uint32Array): void {
  for (let t = 16; t < 64; t++) {
    const a = w[t - 15]!
    const b = w[t - 2]!
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3)
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10)
    w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0
  }
  let a = state[0]!, b = state[1]!, c = state[2]!, d = state[3]!, e = state[4]!, f = state[5]!, g = state[6]!, h = state[7]!
  for (let t = 0; t < 64; t++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[t]! + w[t]!) | 0
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0
    h = g
    g = f
    f = e
    e = (d + t1) | 0
    d = c
    c = b
    b = a
    a = (t1 + t2) | 0
  }
  state[0] = (state[0]! + a) | 0
  state[1] = (state[1]! + b) | 0
  state[2] = (state[2]! + c) | 0
  state[3] = (state[3]! + d) | 0
  state[4] = (state[4]! + e) | 0
  state[5] = (state[5]! + f) | 0
  state[6] = (state[6]! + g) | 0
  state[7] = (state[7]! + h) | 0
}

/** SHA-256 of `data`, continuing from `start` after `prefixBytes` bytes already compressed into it. */
function digestFrom(start: Uint32Array, data: Uint8Array, prefixBytes: number): Uint32Array {
  const state = start.slice()
  const w = new Uint32Array(64)
  const total = data.length + prefixBytes
  const padded = new Uint8Array(Math.ceil((data.length + 9) / 64) * 64)
  padded.set(data)
  padded[data.length] = 0x80
  const view = new DataView(padded.buffer)
  view.setUint32(padded.length - 8, Math.floor((total * 8) / 2 ** 32))
  view.setUint32(padded.length - 4, (total * 8) >>> 0)
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4)
    compress(state, w)
  }
  return state
}

function wordsToBytes(words: Uint32Array): Uint8Array {
  const bytes = new Uint8Array(words.length * 4)
  const view = new DataView(bytes.buffer)
  words.forEach((word, index) => view.setUint32(index * 4, word))
  return bytes
}

export function pbkdf2Sha256Portable(password: string, salt: Uint8Array, iterations: number, bytes: number): Uint8Array {
  let key: Uint8Array = new TextEncoder().encode(password)
  if (key.length > 64) key = wordsToBytes(digestFrom(IV, key, 0))
  const pad = (fill: number) => {
    const block = new Uint8Array(64).fill(fill)
    key.forEach((byte, index) => (block[index] = byte ^ fill))
    return digestFromBlock(block)
  }
  const inner = pad(0x36)
  const outer = pad(0x5c)
  const hmacWords = (message: Uint8Array) => digestFrom(outer, wordsToBytes(digestFrom(inner, message, 64)), 64)

  // Each later U is HMAC over the 32 bytes of the one before: one padded block, laid out once.
  const w = new Uint32Array(64)
  const state = new Uint32Array(8)
  const iterate = (previous: Uint32Array, from: Uint32Array): void => {
    w.set(previous)
    w[8] = 0x80000000
    w.fill(0, 9, 15)
    w[15] = (64 + 32) * 8
    state.set(from)
    compress(state, w)
  }

  const out = new Uint8Array(bytes)
  for (let blockIndex = 1, written = 0; written < bytes; blockIndex++) {
    const first = new Uint8Array(salt.length + 4)
    first.set(salt)
    new DataView(first.buffer).setUint32(salt.length, blockIndex)
    let u = hmacWords(first)
    const t = u.slice()
    for (let round = 1; round < iterations; round++) {
      iterate(u, inner)
      const innerDigest = state.slice()
      iterate(innerDigest, outer)
      u = state.slice()
      for (let i = 0; i < 8; i++) t[i]! ^= u[i]!
    }
    const chunk = wordsToBytes(t).subarray(0, Math.min(32, bytes - written))
    out.set(chunk, written)
    written += chunk.length
  }
  return out
}

/** The state after compressing one 64-byte block from the initial value. */
function digestFromBlock(block: Uint8Array): Uint32Array {
  const state = IV.slice()
  const w = new Uint32Array(64)
  const view = new DataView(block.buffer, block.byteOffset, 64)
  for (let i = 0; i < 16; i++) w[i] = view.getUint32(i * 4)
  compress(state, w)
  return state
}
