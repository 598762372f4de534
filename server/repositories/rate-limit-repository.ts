import { and, eq, lt, sql } from 'drizzle-orm'
import type { Executor } from '../db/database'
import { rateLimitWindows } from '../db/rate-limit-schema'

/**
 * Counts one hit in the bucket's window and answers the count including it. One
 * statement, so concurrent requests on several instances each get their own number.
 */
export async function countHit(db: Executor, bucket: string, windowStart: Date): Promise<number> {
  const [row] = await db
    .insert(rateLimitWindows)
    .values({ bucket, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [rateLimitWindows.bucket, rateLimitWindows.windowStart], set: { count: sql`${rateLimitWindows.count} + 1` } })
    .returning({ count: rateLimitWindows.count })
  return row?.count ?? 1
}

/** Takes a hit back (an attempt that turned out not to count, e.g. a successful login). */
export async function refundHit(db: Executor, bucket: string, windowStart: Date): Promise<void> {
  await db
    .update(rateLimitWindows)
    .set({ count: sql`GREATEST(${rateLimitWindows.count} - 1, 0)` })
    .where(and(eq(rateLimitWindows.bucket, bucket), eq(rateLimitWindows.windowStart, windowStart)))
}

export async function deleteWindowsBefore(db: Executor, before: Date): Promise<void> {
  await db.delete(rateLimitWindows).where(lt(rateLimitWindows.windowStart, before))
}

/** Removes every window of the buckets starting with `prefix`; answers the hits they held. */
export async function deleteBucketsStartingWith(db: Executor, prefix: string): Promise<number> {
  const rows = await db
    .delete(rateLimitWindows)
    .where(sql`starts_with(${rateLimitWindows.bucket}, ${prefix})`)
    .returning({ count: rateLimitWindows.count })
  return rows.reduce((total, row) => total + row.count, 0)
}
