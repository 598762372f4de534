import { describe, expect, it } from 'vitest'
import { payloadHash } from '../../../shared/canonical-json'
import { countyPayloadHash } from '../../../server/services/sync/payload-hash'

describe('the county payload hash', () => {
  it('is the hash the station computes, for any key order, Chinese text, escapes and numbers', () => {
    const payloads: unknown[] = [
      { b: 1, a: { d: [3, { z: '玉香', y: null }], c: '勐海县\u2028"引号"\\' }, e: -0.5e-7, f: undefined },
      [1, 'two', { three: true }],
      '单独的文本',
      { emoji: '👵🏽', empty: {}, list: [] },
    ]
    for (const payload of payloads) expect(countyPayloadHash(payload)).toBe(payloadHash(payload))
    expect(countyPayloadHash({ a: 1, b: 2 })).toBe(countyPayloadHash({ b: 2, a: 1 }))
    expect(countyPayloadHash({ a: 1 })).not.toBe(countyPayloadHash({ a: 2 }))
  })
})
