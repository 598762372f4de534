import { DEFAULT_MAX_UPLOAD_BYTES } from '../../../shared/files'

/**
 * What the station accepts as an attachment and how it shrinks photos: pure rules, so the
 * capture UI and the tests agree without a browser.
 */

/** Images the renderer can decode and re-encode, and PDFs (kept as they are). */
const ACCEPTED_ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/bmp', 'application/pdf'] as const
/** For `<input type=file accept>`. */
export const ATTACHMENT_ACCEPT = ACCEPTED_ATTACHMENT_TYPES.join(',')
/** The county's own limit per file: a larger file would be refused at upload, so it is refused here. */
export const MAX_ATTACHMENT_BYTES = DEFAULT_MAX_UPLOAD_BYTES
/** The intake schema allows at most this many files per material. */
export const MAX_ATTACHMENTS_PER_MATERIAL = 20
/** A scanned A4 page stays legible at this size; a phone photo of 4000 px is halved. */
export const MAX_IMAGE_LONG_SIDE = 2000
export const JPEG_QUALITY = 0.8

type CandidateFile = { name: string; type: string; size: number }

/** Why a file cannot be attached (Chinese, for the clerk), or null when it can. */
export function attachmentRefusal(file: CandidateFile, alreadyAttached: number): string | null {
  if (alreadyAttached >= MAX_ATTACHMENTS_PER_MATERIAL) return `每项材料最多 ${MAX_ATTACHMENTS_PER_MATERIAL} 个附件`
  if (file.size <= 0) return `“${file.name}”是空文件`
  if (!(ACCEPTED_ATTACHMENT_TYPES as readonly string[]).includes(file.type.toLowerCase())) {
    return `“${file.name}”不是图片或PDF，只能添加 JPG、PNG、WEBP、BMP 图片或 PDF 文件`
  }
  // Images shrink before they are kept, so only a PDF this large is refused outright.
  if (!isImageType(file.type) && file.size > MAX_ATTACHMENT_BYTES) {
    return `“${file.name}”有 ${formatBytes(file.size)}，超过 ${formatBytes(MAX_ATTACHMENT_BYTES)} 的上限，请拆分后再添加`
  }
  return null
}

/** Whether the file is re-encoded as JPEG before it is kept. */
export function isImageType(mime: string): boolean {
  return mime.toLowerCase().startsWith('image/')
}

/**
 * The size an image is drawn at: its longest side at most `maxLongSide`, proportions kept,
 * never enlarged, never below 1 px.
 */
export function fitWithin(width: number, height: number, maxLongSide: number = MAX_IMAGE_LONG_SIDE): { width: number; height: number } {
  const longSide = Math.max(width, height)
  if (longSide <= maxLongSide) return { width, height }
  const scale = maxLongSide / longSide
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

/** The name a re-encoded image keeps: its own name with the extension `.jpg`. */
export function jpegFileName(name: string): string {
  const base = name.replace(/\.[^./\\]*$/, '').trim()
  return `${base === '' ? '附件' : base}.jpg`
}

/** A camera capture's name: the material and the moment (China time), e.g. 身份证-20261130-143005.jpg. */
export function cameraFileName(materialName: string, at: Date): string {
  const china = new Date(at.getTime() + 8 * 60 * 60 * 1000)
  const pad = (value: number) => String(value).padStart(2, '0')
  const stamp = `${china.getUTCFullYear()}${pad(china.getUTCMonth() + 1)}${pad(china.getUTCDate())}-${pad(china.getUTCHours())}${pad(china.getUTCMinutes())}${pad(china.getUTCSeconds())}`
  const safe = materialName.replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 40)
  return `${safe === '' ? '拍照' : safe}-${stamp}.jpg`
}

/** 1.2 MB, 350 KB, 900 B: for the size shown before and after compression. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}
