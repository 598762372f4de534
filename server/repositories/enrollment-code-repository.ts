import { and, desc, eq, gt, isNull } from 'drizzle-orm'
import type { Executor } from '../db/database'
import { enrollmentCodes } from '../db/schema'

type EnrollmentCodeRow = typeof enrollmentCodes.$inferSelect

/** Locks the code row so two devices racing for one code cannot both enroll. */
export async function findEnrollmentCodeForUpdate(db: Executor, codeHash: string): Promise<EnrollmentCodeRow | undefined> {
  const [row] = await db.select().from(enrollmentCodes).where(eq(enrollmentCodes.codeHash, codeHash)).for('update')
  return row
}

export async function markEnrollmentCodeUsed(db: Executor, codeHash: string, deviceId: string, now: Date): Promise<void> {
  await db.update(enrollmentCodes).set({ usedAt: now, usedByDevice: deviceId }).where(eq(enrollmentCodes.codeHash, codeHash))
}

/** Unused, unexpired codes of every station, the longest-lived first. */
export async function listUsableEnrollmentCodes(db: Executor, now: Date): Promise<EnrollmentCodeRow[]> {
  return db
    .select()
    .from(enrollmentCodes)
    .where(and(isNull(enrollmentCodes.usedAt), gt(enrollmentCodes.expiresAt, now)))
    .orderBy(desc(enrollmentCodes.expiresAt))
}

/** Ends every unused, unexpired code of the station now; answers how many there were. */
export async function expireUnusedEnrollmentCodes(db: Executor, stationCode: string, now: Date): Promise<number> {
  const expired = await db
    .update(enrollmentCodes)
    .set({ expiresAt: now })
    .where(and(eq(enrollmentCodes.stationCode, stationCode), isNull(enrollmentCodes.usedAt), gt(enrollmentCodes.expiresAt, now)))
    .returning({ codeHash: enrollmentCodes.codeHash })
  return expired.length
}

/** Inserts unless the random code already exists; answers whether it was stored. */
export async function insertEnrollmentCode(db: Executor, code: { codeHash: string; stationCode: string; expiresAt: Date; now: Date }): Promise<boolean> {
  const inserted = await db
    .insert(enrollmentCodes)
    .values({ codeHash: code.codeHash, stationCode: code.stationCode, expiresAt: code.expiresAt, createdAt: code.now })
    .onConflictDoNothing()
    .returning({ codeHash: enrollmentCodes.codeHash })
  return inserted.length === 1
}
