import { and, desc, eq, inArray, isNotNull, lt, notInArray, or, sql, type SQL } from 'drizzle-orm'
import { END_STATUSES, type IntakeStatus } from '../../shared/intake-status'
import type { CountyKeys } from '../at-rest/county-data-key'
import { openIntakeRow, sealIntakeValues } from '../at-rest/intake-sealing'
import { countyKeysOf } from '../at-rest/key-registry'
import { idNumberLookupHash, normaliseIdNumber, normalisePhone, phoneLookupHash } from '../at-rest/personal-fields'
import type { Executor } from '../db/database'
import { intakes, type IntakeRow } from '../db/schema'
import { intakeMissesFiles } from './blob-repository'
import { itemOfDepartment } from './intake-department'

export type NewIntake = typeof intakes.$inferInsert
export type IntakeDecisionUpdate = Partial<
  Pick<
    IntakeRow,
    | 'status'
    | 'acceptedAt'
    | 'dueDate'
    | 'correction'
    | 'refusalReason'
    | 'result'
    | 'resultNote'
    | 'completedAt'
    | 'deliveryMethod'
    | 'terminationReason'
    | 'handOver'
    | 'deliveredAt'
    | 'history'
  >
>

/*
 * Personal fields at rest: every function here that writes `payload` or `handOver` seals them
 * (sealIntakeValues, which also sets the lookup hashes) and every one that answers rows opens
 * them (openIntakeRow), so callers see plain text and the table holds none.
 */

/** Inserts unless the intake id or its number at that station exists; answers the stored row, if any. */
export async function insertIntakeIfAbsent(db: Executor, intake: NewIntake): Promise<IntakeRow | undefined> {
  const keys = countyKeysOf(db)
  const [row] = await db.insert(intakes).values(sealIntakeValues(keys, intake)).onConflictDoNothing().returning()
  return row && openIntakeRow(keys, row)
}

export async function findIntake(db: Executor, id: string, options: { forUpdate?: boolean } = {}): Promise<IntakeRow | undefined> {
  const query = db.select().from(intakes).where(eq(intakes.id, id))
  const [row] = options.forUpdate ? await query.for('update') : await query
  return row && openIntakeRow(countyKeysOf(db), row)
}

/** The station of each of these intakes the county holds; unknown ids are absent. */
export async function findIntakeStations(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .select({ id: intakes.id, stationCode: intakes.stationCode })
    .from(intakes)
    .where(inArray(intakes.id, [...ids]))
  return new Map(rows.map((row) => [row.id, row.stationCode]))
}

export async function listIntakes(
  db: Executor,
  filter: {
    stationCode?: string
    status?: IntakeStatus
    itemName?: string
    /** The inbox search box: intake number, applicant name, phone or ID number (intakeSearchCondition). */
    search?: string
    missingFiles?: boolean
    overdueBefore?: string
    department?: string
    limit: number
  },
): Promise<IntakeRow[]> {
  const keys = countyKeysOf(db)
  const conditions: SQL[] = []
  if (filter.department !== undefined) conditions.push(itemOfDepartment(intakes.itemId, filter.department))
  if (filter.stationCode) conditions.push(eq(intakes.stationCode, filter.stationCode))
  if (filter.status) conditions.push(eq(intakes.status, filter.status))
  if (filter.itemName) {
    // A plain substring: the operator's % and _ are literal characters, not wildcards.
    const pattern = `%${escapeLike(filter.itemName)}%`
    conditions.push(sql`${intakes.payload}->'item'->>'name' LIKE ${pattern}`)
  }
  if (filter.search) conditions.push(intakeSearchCondition(keys, filter.search))
  if (filter.missingFiles !== undefined) conditions.push(filter.missingFiles ? intakeMissesFiles() : sql`NOT ${intakeMissesFiles()}`)
  if (filter.overdueBefore !== undefined) {
    // Same rule as shared/intake-overdue.ts: due before that China date and not in an end state.
    conditions.push(isNotNull(intakes.dueDate), lt(intakes.dueDate, filter.overdueBefore), notInArray(intakes.status, [...END_STATUSES]))
  }
  const rows = await db
    .select()
    .from(intakes)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(intakes.receivedAt), desc(intakes.intakeNo))
    .limit(filter.limit)
  return rows.map((row) => openIntakeRow(keys, row))
}

/** A plain substring or prefix for LIKE: the operator's % and _ are literal characters, not wildcards. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`)
}

/**
 * One search box for the inbox: an intake number by prefix (a whole number matches too), an
 * applicant's name by substring, and an 18-character ID number or a phone exactly, through
 * their keyed hashes (applicant's or 代办人's), so no ID number or phone is ever compared in clear.
 */
function intakeSearchCondition(keys: CountyKeys, search: string): SQL {
  const text = search.trim()
  const matches: (SQL | undefined)[] = [
    sql`${intakes.intakeNo} ILIKE ${`${escapeLike(text)}%`}`,
    sql`${intakes.payload}->'applicant'->>'name' LIKE ${`%${escapeLike(text)}%`}`,
  ]
  if (/^\d{17}[\dX]$/.test(normaliseIdNumber(text))) {
    const hash = idNumberLookupHash(keys, text)
    matches.push(eq(intakes.applicantIdHash, hash), eq(intakes.agentIdHash, hash))
  }
  if (/^\d{7,12}$/.test(normalisePhone(text))) {
    const hash = phoneLookupHash(keys, text)
    matches.push(eq(intakes.applicantPhoneHash, hash), eq(intakes.agentPhoneHash, hash))
  }
  return or(...matches) as SQL
}

export async function updateIntakeDecision(db: Executor, id: string, update: IntakeDecisionUpdate, now: Date): Promise<IntakeRow> {
  const keys = countyKeysOf(db)
  const [row] = await db
    .update(intakes)
    .set({ ...sealIntakeValues(keys, update), updatedAt: now })
    .where(eq(intakes.id, id))
    .returning()
  if (!row) throw new Error(`intake ${id} vanished inside its own transaction`)
  return openIntakeRow(keys, row)
}

/** Whether the intake's item belongs to `department` in the county's catalog. */
export async function intakeInDepartment(db: Executor, id: string, department: string): Promise<boolean> {
  const rows = await db
    .select({ id: intakes.id })
    .from(intakes)
    .where(and(eq(intakes.id, id), itemOfDepartment(intakes.itemId, department)))
  return rows.length > 0
}

/** The intake whose 进度查询码 hashes to `keyHash`, if any. */
export async function findIntakeByLookupKeyHash(db: Executor, keyHash: string): Promise<IntakeRow | undefined> {
  const [row] = await db.select().from(intakes).where(eq(intakes.lookupKeyHash, keyHash))
  return row && openIntakeRow(countyKeysOf(db), row)
}
