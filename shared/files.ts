import { z } from './zod'

/**
 * Attachments travel apart from records (PROTOCOL.md principle 5): content-addressed by
 * SHA-256 and uploaded with tus 1.0 at `/api/v1/files/`. What both sides must agree on
 * about a file lives here; the tus wire format itself is in server/files/tus-headers.ts.
 */

export const TUS_VERSION = '1.0.0'
/** The tus extensions the county server implements (answered by OPTIONS). */
export const TUS_EXTENSIONS = ['creation', 'checksum'] as const
export const TUS_CHECKSUM_ALGORITHMS = ['sha256'] as const
/** The county's default size limit per file; COUNTY_MAX_UPLOAD_BYTES changes it. */
export const DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
/** The tus status for a chunk or whole file whose hash does not match (tus checksum extension). */
export const CHECKSUM_MISMATCH_STATUS = 460
/**
 * The county names the file an answer is about, by its SHA-256, on `HEAD /blobs/:sha256` and on
 * every tus answer about an upload. A stale, repeated or misrouted answer (a cache, a proxy, a
 * connection that got out of step) may carry another file's "held" or "complete"; the station
 * takes an answer as proof for a file only when this header names that very file.
 */
export const FILE_SHA256_HEADER = 'File-Sha256'

export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, '文件摘要应为64位小写十六进制SHA-256')

/**
 * `Upload-Metadata` of a tus creation request, decoded: which file (its SHA-256, checked
 * by the server before it keeps the file) for which material of which intake.
 */
export const uploadMetadataSchema = z.object({
  sha256: sha256HexSchema,
  intakeId: z.uuid('intakeId 应为办件的UUID'),
  materialId: z.string().min(1, '请注明材料编号').max(32),
  filename: z.string().trim().min(1, '请注明文件名').max(200),
  mime: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/, '文件类型（mime）格式不正确，例如 image/jpeg'),
})

export const blobParamsSchema = z.object({ sha256: sha256HexSchema })
export const uploadIdParamsSchema = z.object({ id: z.uuid('上传编号应为UUID') })
