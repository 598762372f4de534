import { sha256Hex } from '../../../shared/sha256'
import { UserError } from '../../lib/user-error'
import { attachmentRefusal, formatBytes, isImageType, jpegFileName, MAX_ATTACHMENT_BYTES } from './attachment-rules'
import { downscaleToJpeg } from './image-downscale'

/** A file the clerk added to a material, ready to be saved with the intake. */
export type PreparedAttachment = {
  materialId: string
  sha256: string
  filename: string
  mime: string
  /** Bytes kept (after compression). */
  size: number
  /** Bytes of the file as chosen or captured, shown beside `size`. */
  originalSize: number
  blob: Blob
}

/**
 * Checks a chosen or captured file, shrinks an image (JPEG, longest side 2000 px) and hashes
 * what is kept. A PDF is kept as it is. Throws UserError `invalid_attachment` with the reason.
 */
export async function prepareAttachment(file: File, materialId: string, alreadyAttached: number): Promise<PreparedAttachment> {
  const refusal = attachmentRefusal(file, alreadyAttached)
  if (refusal !== null) throw new UserError('invalid_attachment', refusal)
  let blob: Blob = file
  let filename = file.name
  let mime = file.type.toLowerCase()
  if (isImageType(mime)) {
    let jpeg: Blob
    try {
      jpeg = await downscaleToJpeg(file)
    } catch {
      throw new UserError('invalid_attachment', `“${file.name}”无法作为图片打开，文件可能已损坏`)
    }
    // A JPEG already small enough would only lose quality by encoding it again.
    if (!(mime === 'image/jpeg' && jpeg.size >= file.size)) {
      blob = jpeg
      filename = jpegFileName(file.name)
      mime = 'image/jpeg'
    }
  }
  if (blob.size > MAX_ATTACHMENT_BYTES) {
    throw new UserError('invalid_attachment', `“${file.name}”压缩后仍有 ${formatBytes(blob.size)}，超过 ${formatBytes(MAX_ATTACHMENT_BYTES)} 的上限`)
  }
  return { materialId, sha256: await sha256Hex(blob), filename, mime, size: blob.size, originalSize: file.size, blob }
}
