import { and, asc, eq, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../db/database'
import { blobs, type BlobRow } from '../db/file-schema'
import { intakes, mutations } from '../db/schema'
import { itemOfDepartment } from './intake-department'

type NewBlob = typeof blobs.$inferInsert

/** Records a verified file for a station; a second copy of the same file changes nothing. */
export async function insertBlobIfAbsent(db: Executor, blob: NewBlob): Promise<void> {
  await db.insert(blobs).values(blob).onConflictDoNothing()
}

export async function findStationBlob(db: Executor, stationCode: string, sha256: string): Promise<BlobRow | undefined> {
  const [row] = await db
    .select()
    .from(blobs)
    .where(and(eq(blobs.stationCode, stationCode), eq(blobs.sha256, sha256)))
  return row
}

/** Any station's record of the file (the console previews whatever a station sent). */
export async function findAnyBlob(db: Executor, sha256: string): Promise<BlobRow | undefined> {
  const [row] = await db.select().from(blobs).where(eq(blobs.sha256, sha256)).orderBy(asc(blobs.receivedAt)).limit(1)
  return row
}

/**
 * The file as held for a station one of whose intakes of `department` names it: what a
 * department reviewer may open. A file only other departments' intakes name is absent.
 */
export async function findDepartmentBlob(db: Executor, sha256: string, department: string): Promise<BlobRow | undefined> {
  const named = namedAttachments(sql`${itemOfDepartment(sql`i.item_id`, department)} AND i.station_code = ${blobs.stationCode}`)
  const [row] = await db
    .select()
    .from(blobs)
    .where(and(eq(blobs.sha256, sha256), sql`EXISTS (SELECT 1 FROM (${named}) named WHERE named.sha256 = ${blobs.sha256})`))
    .orderBy(asc(blobs.receivedAt))
    .limit(1)
  return row
}

/**
 * Every attachment an intake names (in its submitted materials and in every supplement),
 * as rows (intake_id, sha256), for the intakes matching `where` (a condition on `intakes`).
 */
function namedAttachments(where: SQL): SQL {
  return sql`
    SELECT i.id AS intake_id, i.station_code, named.sha256
    FROM ${intakes} i
    CROSS JOIN LATERAL (
      SELECT jsonb_array_elements_text(COALESCE(m -> 'attachments', '[]'::jsonb)) AS sha256
      FROM jsonb_array_elements(COALESCE(i.payload -> 'materials', '[]'::jsonb)) m
      UNION
      SELECT jsonb_array_elements_text(COALESCE(m -> 'attachments', '[]'::jsonb))
      FROM intake_supplements s CROSS JOIN LATERAL jsonb_array_elements(s.materials) m
      WHERE s.intake_id = i.id
    ) named
    WHERE ${where}`
}

/** The files each of these intakes names that its station has not uploaded yet (sorted); intakes missing none are absent. */
export async function findMissingFiles(db: Executor, intakeIds: readonly string[]): Promise<Map<string, string[]>> {
  if (intakeIds.length === 0) return new Map()
  const idList = sql.join(
    intakeIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )
  const result = await db.execute(sql`
    SELECT named.intake_id::text AS intake_id, named.sha256
    FROM (${namedAttachments(sql`i.id IN (${idList})`)}) named
    WHERE NOT EXISTS (SELECT 1 FROM ${blobs} b WHERE b.station_code = named.station_code AND b.sha256 = named.sha256)
    ORDER BY named.intake_id, named.sha256`)
  const missing = new Map<string, string[]>()
  for (const row of (result as unknown as { rows: { intake_id: string; sha256: string }[] }).rows) {
    const list = missing.get(row.intake_id) ?? []
    list.push(row.sha256)
    missing.set(row.intake_id, list)
  }
  return missing
}

/**
 * The files the county holds from a station (sorted, each once) among those named by the
 * station's intakes that a mutation with a device time in [from, to) concerns: the files of a
 * station day, for 日终对账.
 */
export async function listHeldFilesOfDay(db: Executor, stationCode: string, from: Date, to: Date): Promise<string[]> {
  const dayIntakes = sql`
    SELECT m.entity_id FROM ${mutations} m
    WHERE m.station_code = ${stationCode}
      AND m.created_at::timestamptz >= ${from.toISOString()}::timestamptz
      AND m.created_at::timestamptz < ${to.toISOString()}::timestamptz`
  const result = await db.execute(sql`
    SELECT DISTINCT named.sha256
    FROM (${namedAttachments(sql`i.station_code = ${stationCode} AND i.id IN (${dayIntakes})`)}) named
    WHERE EXISTS (SELECT 1 FROM ${blobs} b WHERE b.station_code = named.station_code AND b.sha256 = named.sha256)
    ORDER BY named.sha256`)
  return (result as unknown as { rows: { sha256: string }[] }).rows.map((row) => row.sha256)
}

/** A condition on `intakes`: the intake names at least one file its station has not uploaded yet. */
export function intakeMissesFiles(): SQL {
  return sql`EXISTS (
    SELECT 1 FROM (${namedAttachments(sql`i.id = ${intakes.id}`)}) named
    WHERE NOT EXISTS (SELECT 1 FROM ${blobs} b WHERE b.station_code = named.station_code AND b.sha256 = named.sha256))`
}
