import { createHash, createHmac, pbkdf2Sync } from 'node:crypto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { payloadHash } from '../../../shared/canonical-json'
import { keyedHmacSha256, pbkdf2Sha256, sha256Hex, sha256HexOfBytes, sha256HexOfText, toHex } from '../../../shared/sha256'
import { verifyStaffPassword } from '../../../shared/staff-password'

const nodeHex = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex')

/** A page served over plain http: `crypto` is there (getRandomValues), `crypto.subtle` is not. */
function withoutSubtle(): void {
  vi.stubGlobal('crypto', { getRandomValues: (array: Uint8Array) => array })
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('shared SHA-256', () => {
  it('HMACs many messages under one key as Node does, each from the same keyed start, and forgets the key once destroyed', () => {
    for (const keyLength of [16, 32, 64, 65]) {
      const key = new Uint8Array(keyLength).map((_, index) => (index * 13 + keyLength) & 0xff)
      const keyed = keyedHmacSha256(key)
      for (const message of ['532822195001010010', '', '11010519491231002X'.repeat(9), '532822195001010010']) {
        expect(toHex(keyed.digest(new TextEncoder().encode(message)))).toBe(createHmac('sha256', key).update(message).digest('hex'))
      }
      keyed.destroy()
      expect(() => keyed.digest(new Uint8Array([1]))).toThrow()
    }
  })

  it('hashes a Blob with WebCrypto as Node does', async () => {
    const text = '居民身份证 正面'
    expect(globalThis.crypto.subtle).toBeDefined()
    expect(await sha256Hex(new Blob([text]))).toBe(nodeHex(text))
  })

  it('without crypto.subtle, agrees with Node at every padding boundary, for bytes and for Blobs read in slices', async () => {
    withoutSubtle()
    expect(globalThis.crypto.subtle).toBeUndefined()
    expect(await sha256Hex(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    for (const length of [1, 55, 56, 63, 64, 65, 119, 120, 1000, 100_003]) {
      const bytes = new Uint8Array(length).map((_, index) => (index * 31 + length) & 0xff)
      expect(await sha256Hex(bytes)).toBe(nodeHex(bytes))
      expect(await sha256Hex(bytes.buffer)).toBe(nodeHex(bytes))
      expect(sha256HexOfBytes(bytes)).toBe(nodeHex(bytes))
    }
    // Larger than one slice, so the incremental path is the one checked.
    const scan = new Uint8Array(4 * 1024 * 1024 + 12_345).map((_, index) => (index * 7) & 0xff)
    expect(await sha256Hex(new Blob([scan]))).toBe(nodeHex(scan))
  })

  it('hashes a payload with crypto.subtle undefined, as node:crypto does over the canonical JSON', () => {
    withoutSubtle()
    const payload = { intakeNo: '5328220012026120600001', applicant: { name: '岩温', kind: 'person' }, materials: [] }
    expect(payloadHash(payload)).toBe(nodeHex('{"applicant":{"kind":"person","name":"岩温"},"intakeNo":"5328220012026120600001","materials":[]}'))
    expect(sha256HexOfText('岩罕')).toBe(nodeHex('岩罕'))
  })

  it('derives PBKDF2-HMAC-SHA256 with and without WebCrypto, byte for byte as node:crypto', async () => {
    const cases = [
      ['passwd', 'salt', 1, 64],
      ['Password', 'NaCl', 80000, 64],
      ['a long passphrase over sixty-four bytes, which HMAC hashes first, 岩罕玉香', '盐', 3, 20],
      ['', '', 2, 32],
    ] as const
    for (const [password, salt, iterations, bytes] of cases) {
      const expected = pbkdf2Sync(password, salt, iterations, bytes, 'sha256').toString('hex')
      expect(toHex(await pbkdf2Sha256(password, new TextEncoder().encode(salt), iterations, bytes))).toBe(expected)
    }
    withoutSubtle()
    for (const [password, salt, iterations, bytes] of cases) {
      const expected = pbkdf2Sync(password, salt, iterations, bytes, 'sha256').toString('hex')
      expect(toHex(await pbkdf2Sha256(password, new TextEncoder().encode(salt), iterations, bytes))).toBe(expected)
    }
  })

  it('checks a staff password on a page without WebCrypto', async () => {
    const salt = new Uint8Array(16).fill(3)
    const stored = `pbkdf2-sha256$1000$${Buffer.from(salt).toString('base64')}$${pbkdf2Sync('岩罕-station', Buffer.from(salt), 1000, 32, 'sha256').toString('base64')}`
    withoutSubtle()
    expect(await verifyStaffPassword('岩罕-station', stored)).toBe(true)
    expect(await verifyStaffPassword('岩罕-station!', stored)).toBe(false)
  })
})
