import { sha256HexSchema } from './files'
import { z } from './zod'

/**
 * A file added to an unfinished form (Dexie table `draftFiles`), kept so a reload or a closed
 * window does not lose it. It becomes a `StationAttachment` only when the intake is saved, in
 * that transaction; until then it belongs to the draft and goes when the draft goes.
 */
export const draftFileSchema = z.object({
  /** `${draftId}:${materialId}:${sha256}`: the same file on one material is one row. */
  id: z.string().min(1).max(200),
  draftId: z.string().min(1).max(64),
  materialId: z.string().min(1).max(32),
  sha256: sha256HexSchema,
  filename: z.string().trim().min(1).max(200),
  mime: z.string().min(3).max(200),
  /** Bytes kept (after compression). */
  size: z.number().int().min(1),
  /** Bytes of the file as chosen or captured, shown beside `size`. */
  originalSize: z.number().int().min(1),
  blob: z.instanceof(Blob),
  /** Device clock; orders the files as they were added. */
  addedAt: z.iso.datetime(),
})
export type DraftFile = z.infer<typeof draftFileSchema>

export function draftFileId(draftId: string, materialId: string, sha256: string): string {
  return `${draftId}:${materialId}:${sha256}`
}
