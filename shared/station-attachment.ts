import { sha256HexSchema } from './files'
import { recordErrorSchema } from './station-records'
import { z } from './zod'

/**
 * Where one attachment stands with the county: `pending` (nothing confirmed yet),
 * `uploading` (a tus upload exists and part of it is confirmed), `uploaded` (the county
 * confirmed the whole file, hash checked, or already held it).
 */
const attachmentUploadStateSchema = z.enum(['pending', 'uploading', 'uploaded'])
type AttachmentUploadState = z.infer<typeof attachmentUploadStateSchema>

export const ATTACHMENT_UPLOAD_STATE_LABELS: Record<AttachmentUploadState, string> = {
  pending: '待上传',
  uploading: '上传中',
  uploaded: '已上传',
}

/**
 * An attachment as the station keeps it (Dexie table `attachments`): the file itself and
 * what the tus upload needs to resume after a cut. The intake names it by `sha256` in its
 * material's `attachments`; the same file attached to two intakes is two rows.
 */
export const stationAttachmentSchema = z.object({
  /** `${intakeId}:${materialId}:${sha256}`: one row per file per material of an intake. */
  id: z.string().min(1).max(200),
  sha256: sha256HexSchema,
  intakeId: z.uuid(),
  materialId: z.string().min(1).max(32),
  filename: z.string().trim().min(1).max(200),
  mime: z.string().min(3).max(200),
  size: z.number().int().min(1),
  blob: z.instanceof(Blob),
  state: attachmentUploadStateSchema,
  /** Bytes the county has confirmed (its Upload-Offset); equals `size` once uploaded. */
  bytesConfirmed: z.number().int().min(0),
  /** The tus upload's address once created, so a later round resumes it instead of starting over. */
  uploadUrl: z.string().max(2000).optional(),
  lastError: recordErrorSchema.optional(),
  createdAt: z.iso.datetime(),
  uploadedAt: z.iso.datetime().optional(),
})
export type StationAttachment = z.infer<typeof stationAttachmentSchema>

export function attachmentRowId(intakeId: string, materialId: string, sha256: string): string {
  return `${intakeId}:${materialId}:${sha256}`
}
