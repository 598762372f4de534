import { TUS_CHECKSUM_ALGORITHMS, TUS_EXTENSIONS, TUS_VERSION } from '../../shared/files'
import { AppError } from '../app-error'

/** The tus 1.0 wire format: header parsing and the headers every tus answer carries. */

export const TUS_CONTENT_TYPE = 'application/offset+octet-stream'

export function tusDiscoveryHeaders(maxBytes: number): Record<string, string> {
  return {
    'Tus-Resumable': TUS_VERSION,
    'Tus-Version': TUS_VERSION,
    'Tus-Extension': TUS_EXTENSIONS.join(','),
    'Tus-Max-Size': String(maxBytes),
    'Tus-Checksum-Algorithm': TUS_CHECKSUM_ALGORITHMS.join(','),
  }
}

/** tus requires every request but OPTIONS to name the protocol version; another one is 412. */
export function checkTusResumable(header: string | string[] | undefined): void {
  if (header === TUS_VERSION) return
  throw new AppError('bad_request', `断点续传协议版本不受支持，请使用 tus ${TUS_VERSION}（Tus-Resumable 请求头）`, { statusCode: 412 })
}

/** A non-negative decimal integer header (Upload-Length, Upload-Offset), at most 2^53. */
export function parseCountHeader(header: string | string[] | undefined, name: string): number {
  const value = typeof header === 'string' ? header.trim() : ''
  if (!/^\d{1,15}$/.test(value)) throw new AppError('bad_request', `请求头 ${name} 应为非负整数`, { path: name })
  return Number(value)
}

/**
 * `Upload-Metadata`: comma-separated `key base64value` pairs (a key alone means an empty
 * value). Values are decoded as UTF-8; a pair that is not valid base64, or a value
 * with a control character, is a 400.
 */
export function parseUploadMetadata(header: string | string[] | undefined): Record<string, string> {
  if (typeof header !== 'string' || header.trim() === '') {
    throw new AppError('bad_request', '缺少 Upload-Metadata 请求头（需含 sha256、intakeId、materialId、filename、mime）', { path: 'Upload-Metadata' })
  }
  const metadata: Record<string, string> = {}
  for (const pair of header.split(',')) {
    const [key, value, ...rest] = pair.trim().split(' ')
    if (!key || rest.length > 0 || !/^[\x21-\x7e]+$/.test(key) || (value !== undefined && !/^[A-Za-z0-9+/]*={0,2}$/.test(value))) {
      throw new AppError('bad_request', 'Upload-Metadata 格式不正确，应为“键 base64值”并以逗号分隔', { path: 'Upload-Metadata' })
    }
    if (Object.hasOwn(metadata, key)) throw new AppError('bad_request', `Upload-Metadata 中的 ${key} 重复`, { path: `Upload-Metadata.${key}` })
    metadata[key] = value === undefined ? '' : decodeUtf8(Buffer.from(value, 'base64'), key)
  }
  return metadata
}

/** C0 controls (NUL, line breaks, escape…), DEL and C1 controls: none belongs in a file name, hash or type. */
function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return true
  }
  return false
}

function decodeUtf8(bytes: Buffer, key: string): string {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new AppError('bad_request', `Upload-Metadata 中的 ${key} 不是有效的 UTF-8 文本`, { path: `Upload-Metadata.${key}` })
  }
  // PostgreSQL cannot store NUL (it would fail as a 500), and a line break in a file name ends up in logs and headers.
  if (hasControlCharacter(text)) {
    throw new AppError('bad_request', `Upload-Metadata 中的 ${key} 含有控制字符（如空字符、换行），请改用普通文字`, { path: `Upload-Metadata.${key}` })
  }
  return text
}

/** `Upload-Checksum: sha256 <base64 digest>`; absent → undefined; another algorithm is a 400 (tus checksum extension). */
export function parseUploadChecksum(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined
  const match = typeof header === 'string' ? /^\s*(\S+)\s+([A-Za-z0-9+/]+={0,2})\s*$/.exec(header) : null
  if (!match) throw new AppError('bad_request', 'Upload-Checksum 格式不正确，应为“sha256 base64摘要”', { path: 'Upload-Checksum' })
  if (match[1]!.toLowerCase() !== 'sha256') {
    throw new AppError('bad_request', `校验算法 ${match[1]} 不受支持，请使用 sha256`, { path: 'Upload-Checksum' })
  }
  return match[2]!
}
