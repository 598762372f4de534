import { and, desc, eq, gt, isNull } from 'drizzle-orm'
import type { Executor } from '../db/database'
import { enrollmentCodes } from '../db/schema'

export type EnrollmentCodeRow = typeof enrollmentCodes.$inferSelect

/** Locks the code row so two devices racing for one code cannot both enroll. */
export async function findEnrollmentCodeForUpdate(db: Executor, code: string): Promise<EnrollmentCodeRow | undefined> {
  const [row] = await db.select().from(enrollmentCodes).where(eq(enrollmentCodes.code, code)).for('update')
  return row
}

export async function markEnrollmentCodeUsed(db: Executor, code: string, deviceId: string, now: Date): Promise<void> {
  await db.update(enrollmentCodes).set({ usedAt: now, usedByDevice: deviceId }).where(eq(enrollmentCodes.code, code))
}

export async function findUsableEnrollmentCode(db: Executor, stationCode: string, now: Date): Promise<EnrollmentCodeRow | undefined> {
  const [row] = await db
    .select()
    .from(enrollmentCodes)
    .where(and(eq(enrollmentCodes.stationCode, stationCode), isNull(enrollmentCodes.usedAt), gt(enrollmentCodes.expiresAt, now)))
    .orderBy(desc(enrollmentCodes.expiresAt))
    .limit(1)
  return row
}

/** Unused, unexpired codes of every station, the longest-lived first. */
export async function listUsableEnrollmentCodes(db: Executor, now: Date): Promise<EnrollmentCodeRow[]> {
  return db
    .select()
    .from(enrollmentCodes)
    .where(and(isNull(enrollmentCodes.usedAt), gt(enrollmentCodes.expiresAt, now)))
    .orderBy(desc(enrollmentCodes.expiresAt))
}

/** Ends every unused code of the station now, so only a newly issued one works. */
/** Ends every unused, unexpired code of the station now; answers how many there were. */
export async function expireUnusedEnrollmentCodes(db: Executor, stationCode: string, now: Date): Promise<number> {
  const expired = await db
    .update(enrollmentCodes)
    .set({ expiresAt: now })
    .where(and(eq(enrollmentCodes.stationCode, stationCode), isNull(enrollmentCodes.usedAt), gt(enrollmentCodes.expiresAt, now)))
    .returning({ code: enrollmentCodes.code })
  return expired.length
}

/** Inserts unless the random code already exists; answers whether it was stored. */
export async function insertEnrollmentCode(
  db: Executor,
  code: { code: string; stationCode: string; expiresAt: Date; now: Date },
): Promise<boolean> {
  const inserted = await db
    .insert(enrollmentCodes)
    .values({ code: code.code, stationCode: code.stationCode, expiresAt: code.expiresAt, createdAt: code.now })
    .onConflictDoNothing()
    .returning({ code: enrollmentCodes.code })
  return inserted.length === 1
}
