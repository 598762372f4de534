import { and, eq, isNull, lt, ne, sql } from 'drizzle-orm'
import type { Executor } from '../db/database'
import { uploads, type UploadRow } from '../db/file-schema'

type NewUpload = typeof uploads.$inferInsert

export async function insertUpload(db: Executor, upload: NewUpload): Promise<UploadRow> {
  const [row] = await db.insert(uploads).values(upload).returning()
  if (!row) throw new Error('upload insert returned no row')
  return row
}

/** With `forUpdate`, the row stays locked until the transaction ends: one append at a time per upload, on any instance. */
export async function findUpload(db: Executor, id: string, options: { forUpdate?: boolean } = {}): Promise<UploadRow | undefined> {
  const query = db.select().from(uploads).where(eq(uploads.id, id))
  const [row] = options.forUpdate ? await query.for('update') : await query
  return row
}

export async function setUploadOffset(db: Executor, id: string, offset: number, completedAt?: Date): Promise<void> {
  await db
    .update(uploads)
    .set({ uploadOffset: offset, ...(completedAt ? { completedAt } : {}) })
    .where(eq(uploads.id, id))
}

export async function deleteUpload(db: Executor, id: string): Promise<void> {
  await db.delete(uploads).where(eq(uploads.id, id))
}

/** Removes the station's uploads begun before `before` and never finished; answers their ids. */
export async function deleteStaleUploads(db: Executor, stationCode: string, before: Date): Promise<string[]> {
  const rows = await db
    .delete(uploads)
    .where(and(eq(uploads.stationCode, stationCode), isNull(uploads.completedAt), lt(uploads.createdAt, before)))
    .returning({ id: uploads.id })
  return rows.map((row) => row.id)
}

/** Bytes the device's unfinished uploads hold on disk (their offsets), `except` one upload left out. */
export async function sumUnfinishedUploadBytes(db: Executor, deviceId: string, except?: string): Promise<number> {
  const [row] = await db
    .select({ bytes: sql<string>`coalesce(sum(${uploads.uploadOffset}), 0)` })
    .from(uploads)
    .where(and(eq(uploads.deviceId, deviceId), isNull(uploads.completedAt), except === undefined ? undefined : ne(uploads.id, except)))
  return Number(row?.bytes ?? 0)
}

/**
 * Every unfinished upload starts again from byte 0; answers their ids. Once, when attachments
 * become encrypted at rest: a partial file written before holds plain bytes the store can no
 * longer append to, so it is discarded and the station resends the file (HEAD gives offset 0).
 */
export async function restartUnfinishedUploads(db: Executor): Promise<string[]> {
  const rows = await db.update(uploads).set({ uploadOffset: 0 }).where(isNull(uploads.completedAt)).returning({ id: uploads.id })
  return rows.map((row) => row.id)
}
