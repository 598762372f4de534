import { describe, expect, it } from 'vitest'
import { backoffDelayMs } from '../../../src-renderer/sync/backoff'

describe('retry backoff', () => {
  const policy = (random: number) => ({ baseMs: 1000, maxMs: 30_000, random: () => random })

  it('doubles per failure up to the cap, waiting between half and all of it', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((failures) => backoffDelayMs(failures, policy(0)))).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000])
    expect([1, 2, 6].map((failures) => backoffDelayMs(failures, policy(0.9999)))).toEqual([1000, 2000, 29_999])
  })
})
