import { and, asc, eq, gt, isNull, lte } from 'drizzle-orm'
import type { Executor } from '../db/database'
import { operatorSessions, operators, type OperatorRow } from '../db/schema'

export async function findActiveOperator(db: Executor, username: string): Promise<OperatorRow | undefined> {
  const [row] = await db
    .select()
    .from(operators)
    .where(and(eq(operators.username, username), isNull(operators.disabledAt)))
  return row
}

export async function insertOperatorIfAbsent(
  db: Executor,
  operator: { username: string; displayName: string; role: string; passwordHash: string; department?: string | null },
): Promise<boolean> {
  const inserted = await db.insert(operators).values(operator).onConflictDoNothing().returning({ username: operators.username })
  return inserted.length === 1
}

export async function insertOperatorSession(db: Executor, session: { tokenHash: string; username: string; now: Date; expiresAt: Date }): Promise<void> {
  await db.insert(operatorSessions).values({
    tokenHash: session.tokenHash,
    username: session.username,
    createdAt: session.now,
    expiresAt: session.expiresAt,
  })
}

/** The operator behind an unexpired session token, unless the operator was disabled. */
export async function findOperatorBySession(db: Executor, tokenHash: string, now: Date): Promise<OperatorRow | undefined> {
  const [row] = await db
    .select({ operator: operators })
    .from(operatorSessions)
    .innerJoin(operators, eq(operators.username, operatorSessions.username))
    .where(and(eq(operatorSessions.tokenHash, tokenHash), gt(operatorSessions.expiresAt, now), isNull(operators.disabledAt)))
  return row?.operator
}

export async function deleteExpiredOperatorSessions(db: Executor, now: Date): Promise<void> {
  await db.delete(operatorSessions).where(lte(operatorSessions.expiresAt, now))
}

export async function updateOperatorPassword(db: Executor, username: string, passwordHash: string): Promise<void> {
  await db.update(operators).set({ passwordHash }).where(eq(operators.username, username))
}

export async function findOperator(db: Executor, username: string): Promise<OperatorRow | undefined> {
  const [row] = await db.select().from(operators).where(eq(operators.username, username))
  return row
}

export async function listOperators(db: Executor): Promise<OperatorRow[]> {
  return db.select().from(operators).orderBy(asc(operators.createdAt), asc(operators.username))
}

/** Sets disabled_at once (a second disable keeps the first time); answers the row, or undefined for an unknown name. */
export async function disableOperator(db: Executor, username: string, now: Date): Promise<OperatorRow | undefined> {
  await db
    .update(operators)
    .set({ disabledAt: now })
    .where(and(eq(operators.username, username), isNull(operators.disabledAt)))
  return findOperator(db, username)
}

export async function deleteOperatorSession(db: Executor, tokenHash: string): Promise<void> {
  await db.delete(operatorSessions).where(eq(operatorSessions.tokenHash, tokenHash))
}

/** Ends every session of the operator (password reset, disabled account). */
export async function deleteOperatorSessions(db: Executor, username: string): Promise<void> {
  await db.delete(operatorSessions).where(eq(operatorSessions.username, username))
}
