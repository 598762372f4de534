import { describe, expect, it } from 'vitest'
import { canonicalJson, payloadHash } from '../../../shared/canonical-json'

describe('canonicalJson', () => {
  it('orders keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ y: 1, x: 2 }], c: undefined } })).toBe('{"a":{"d":[{"x":2,"y":1}]},"b":1}')
  })
  it('hashes equal payloads equally and different ones differently', async () => {
    const first = await payloadHash({ a: 1, b: '岩温' })
    expect(first).toMatch(/^[0-9a-f]{64}$/)
    expect(await payloadHash({ b: '岩温', a: 1 })).toBe(first)
    expect(await payloadHash({ a: 1, b: '岩罕' })).not.toBe(first)
  })
})
