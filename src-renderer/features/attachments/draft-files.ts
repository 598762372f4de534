import { draftFileId, draftFileSchema, type DraftFile } from '../../../shared/draft-file'
import type { StationDb } from '../../db/station-db'
import { isQuotaError, STORAGE_FULL_MESSAGE, UserError } from '../../lib/user-error'
import type { PreparedAttachment } from './prepare-attachment'

/**
 * Stores files the clerk added to a draft, all of them or none (one transaction): a full disk
 * leaves no file half-kept, and the caller then refuses them rather than keep them only in memory.
 * Throws UserError `storage_full`.
 */
export async function saveDraftFiles(db: StationDb, draftId: string, files: readonly PreparedAttachment[], now: () => Date = () => new Date()): Promise<void> {
  const at = now().getTime()
  // One millisecond apart, so files added together come back in the order they were chosen.
  const rows = files.map((file, index) =>
    draftFileSchema.parse({
      id: draftFileId(draftId, file.materialId, file.sha256),
      draftId,
      materialId: file.materialId,
      sha256: file.sha256,
      filename: file.filename,
      mime: file.mime,
      size: file.size,
      originalSize: file.originalSize,
      blob: file.blob,
      addedAt: new Date(at + index).toISOString(),
    }),
  )
  try {
    await db.transaction('rw', db.draftFiles, async () => {
      await db.draftFiles.bulkPut(rows)
    })
  } catch (error) {
    if (isQuotaError(error)) throw new UserError('storage_full', STORAGE_FULL_MESSAGE)
    throw error
  }
}

/** The draft's files as the form holds them, in the order they were added; a row that no longer reads as a file is skipped. */
export async function loadDraftFiles(db: StationDb, draftId: string): Promise<PreparedAttachment[]> {
  const rows = await db.draftFiles.where('draftId').equals(draftId).toArray()
  return rows
    .flatMap((row) => {
      const parsed = draftFileSchema.safeParse(row)
      return parsed.success ? [parsed.data] : []
    })
    .sort((a, b) => a.addedAt.localeCompare(b.addedAt))
    .map(toPreparedAttachment)
}

/** The clerk took a file off a material. */
export async function deleteDraftFile(db: StationDb, draftId: string, materialId: string, sha256: string): Promise<void> {
  await db.draftFiles.delete(draftFileId(draftId, materialId, sha256))
}

/**
 * Every file of a draft. Called inside the caller's transaction when the draft ends (submitted
 * or discarded), so the draft and its files go together; `draftFiles` must be in its scope.
 */
export async function deleteDraftFilesOf(db: StationDb, draftId: string): Promise<void> {
  await db.draftFiles.where('draftId').equals(draftId).delete()
}

/** For 本机维护: how many draft files this device holds, and their bytes. */
export async function draftFilesUsage(db: StationDb): Promise<{ count: number; bytes: number }> {
  let bytes = 0
  let count = 0
  await db.draftFiles.each((row) => {
    count++
    bytes += row.size
  })
  return { count, bytes }
}

function toPreparedAttachment(row: DraftFile): PreparedAttachment {
  return {
    materialId: row.materialId,
    sha256: row.sha256,
    filename: row.filename,
    mime: row.mime,
    size: row.size,
    originalSize: row.originalSize,
    blob: row.blob,
  }
}
