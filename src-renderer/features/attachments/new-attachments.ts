import { attachmentRowId, stationAttachmentSchema, type StationAttachment } from '../../../shared/station-attachment'

/** One file for one material, saved with an intake or a supplement (see prepare-attachment.ts). */
export type NewAttachment = { materialId: string; sha256: string; filename: string; mime: string; size: number; blob: Blob }

/** A material's files by hash, once each: the same file added twice is one attachment. */
export function attachmentHashesOf(files: readonly NewAttachment[], materialId: string): string[] {
  return [...new Set(files.filter((file) => file.materialId === materialId).map((file) => file.sha256))]
}

/**
 * The `attachments` rows for files saved with an intake's record, written in the same
 * transaction (so the record never names a file this station lacks), waiting to be uploaded.
 */
export function newAttachmentRows(intakeId: string, files: readonly NewAttachment[], createdAt: string): StationAttachment[] {
  return files.map((file) =>
    stationAttachmentSchema.parse({
      id: attachmentRowId(intakeId, file.materialId, file.sha256),
      sha256: file.sha256,
      intakeId,
      materialId: file.materialId,
      filename: file.filename,
      mime: file.mime,
      size: file.size,
      blob: file.blob,
      state: 'pending',
      bytesConfirmed: 0,
      createdAt,
    }),
  )
}
