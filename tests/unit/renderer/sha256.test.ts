import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sha256Hex, sha256Plain } from '../../../src-renderer/lib/sha256'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

describe('sha256', () => {
  it('hashes a Blob with WebCrypto as Node does', async () => {
    const text = '居民身份证 正面'
    expect(await sha256Hex(new Blob([text]))).toBe(createHash('sha256').update(text).digest('hex'))
  })

  it('the plain fallback (pages without WebCrypto) agrees with Node at every padding boundary', () => {
    expect(hex(sha256Plain(new Uint8Array()))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    for (const length of [1, 55, 56, 63, 64, 65, 119, 120, 1000, 100_003]) {
      const bytes = new Uint8Array(length).map((_, index) => (index * 31 + length) & 0xff)
      expect(hex(sha256Plain(bytes))).toBe(createHash('sha256').update(bytes).digest('hex'))
    }
  })
})
