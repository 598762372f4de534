type BackoffPolicy = {
  /** The delay after the first failure, before jitter. */
  baseMs: number
  /** The delay never grows past this, before jitter. */
  maxMs: number
  /** A number in [0, 1); Math.random in the app, a seeded generator in tests. */
  random: () => number
}

/**
 * Exponential backoff with "equal jitter": the n-th consecutive failure waits between
 * half and all of min(base * 2^(n-1), max). The random half keeps many stations that lost
 * the county at the same moment from all knocking again at the same moment; the fixed
 * half keeps a station from retrying at once.
 */
export function backoffDelayMs(failures: number, policy: BackoffPolicy): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30))
  const ceiling = Math.min(policy.baseMs * 2 ** exponent, policy.maxMs)
  const random = Math.min(Math.max(policy.random(), 0), 1)
  return Math.round(ceiling / 2 + (ceiling / 2) * random)
}
