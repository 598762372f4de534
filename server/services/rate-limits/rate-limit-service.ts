import { AppError } from '../../app-error'
import type { Database } from '../../db/database'
import { countHit, deleteWindowsBefore, refundHit } from '../../repositories/rate-limit-repository'

/** At most `limit` hits per fixed window of `windowSeconds`. */
export type RateRule = { bucket: string; limit: number; windowSeconds: number }

/** Windows are at most an hour long; rows older than two hours count for nothing. */
const RETENTION_MS = 2 * 3600_000

type Hit = { rule: RateRule; windowStart: Date; count: number }

/**
 * Counts a request against its rule and refuses it with 429 and Retry-After (seconds until
 * the window ends) once over the limit. The counter lives in the database (fixed windows),
 * so several instances serving one database share it.
 */
export async function consumeRate(db: Database, rule: RateRule, message: string, now: Date = new Date()): Promise<void> {
  const hit = await hitRule(db, rule, now)
  if (hit.count > rule.limit) throw tooMany(hit, message, now)
}

/**
 * Runs `attempt` if every rule is under its limit; an attempt that fails with `unauthorized`
 * (wrong password, wrong enrollment code) keeps its hit, any other outcome gives it back. So
 * only failed guesses count, and past the limit even the right password waits for the window.
 */
export async function limitFailedAttempts<T>(db: Database, rules: RateRule[], message: string, attempt: () => Promise<T>, now: Date = new Date()): Promise<T> {
  const hits: Hit[] = []
  for (const rule of rules) hits.push(await hitRule(db, rule, now))
  const over = hits.filter((hit) => hit.count > hit.rule.limit)
  if (over.length > 0) {
    // The refusal itself is not a guess: only the attempts that reached the check count.
    for (const hit of hits) await refundHit(db, hit.rule.bucket, hit.windowStart)
    throw tooMany(latestEnding(over), message, now)
  }
  try {
    const result = await attempt()
    for (const hit of hits) await refundHit(db, hit.rule.bucket, hit.windowStart)
    return result
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'unauthorized')) {
      for (const hit of hits) await refundHit(db, hit.rule.bucket, hit.windowStart)
    }
    throw error
  }
}

async function hitRule(db: Database, rule: RateRule, now: Date): Promise<Hit> {
  const windowMs = rule.windowSeconds * 1000
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs)
  const count = await countHit(db, rule.bucket, windowStart)
  // The first hit of a bucket's new window sweeps old windows, so the table stays small without a timer.
  if (count === 1) await deleteWindowsBefore(db, new Date(now.getTime() - RETENTION_MS))
  return { rule, windowStart, count }
}

function latestEnding(hits: Hit[]): Hit {
  return hits.reduce((latest, hit) => (windowEnd(hit) > windowEnd(latest) ? hit : latest))
}

function windowEnd(hit: Hit): number {
  return hit.windowStart.getTime() + hit.rule.windowSeconds * 1000
}

function tooMany(hit: Hit, message: string, now: Date): AppError {
  const retryAfter = Math.max(1, Math.ceil((windowEnd(hit) - now.getTime()) / 1000))
  return new AppError('rate_limited', `${message}，请在 ${retryAfter} 秒后重试`, { headers: { 'Retry-After': String(retryAfter) } })
}
