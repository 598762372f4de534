import { describe, expect, it } from 'vitest'
import { createDataKeyStore, type SafeStorageLike } from '../../../src-main/data-key-store'

// safeStorage stand-in: XOR with a per-"OS user" byte, so another user's store cannot open it.
function fakeSafeStorage(userByte: number, available = true): SafeStorageLike {
  const xor = (bytes: Buffer) => Buffer.from(bytes.map((byte) => byte ^ userByte))
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.concat([Buffer.from('v10'), xor(Buffer.from(text))]),
    decryptString: (data) => {
      if (data.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
      const text = xor(data.subarray(3)).toString('latin1')
      if (!/^[A-Za-z0-9+/=]+$/.test(text)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
      return text
    },
  }
}

const dataKey = Buffer.alloc(32, 42).toString('base64')

describe('the OS key store for the device data key', () => {
  it('wraps the key so the wrap does not show it, and unwraps it back', () => {
    const store = createDataKeyStore(fakeSafeStorage(0x5c))
    const wrapped = store.wrap(dataKey)
    expect(Buffer.from(wrapped, 'base64').toString('latin1')).not.toContain(dataKey)
    expect(store.unwrap(wrapped)).toBe(dataKey)
  })

  it('refuses in Chinese when the OS key store is unavailable or cannot open the wrap', () => {
    expect(() => createDataKeyStore(fakeSafeStorage(0x5c, false)).wrap(dataKey)).toThrow(
      expect.objectContaining({ code: 'KEY_STORE_UNAVAILABLE', message: expect.stringMatching(/^本机系统的密钥保管功能不可用/) }),
    )
    expect(() => createDataKeyStore(fakeSafeStorage(0x5c)).unwrap(Buffer.from('garbage').toString('base64'))).toThrow(
      expect.objectContaining({ code: 'KEY_STORE_UNWRAP_FAILED' }),
    )
  })
})
