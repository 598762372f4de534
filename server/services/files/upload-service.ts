import { randomUUID } from 'node:crypto'
import type { Readable } from 'node:stream'
import { CHECKSUM_MISMATCH_STATUS, uploadMetadataSchema } from '../../../shared/files'
import { AppError } from '../../app-error'
import type { Database } from '../../db/database'
import type { UploadRow } from '../../db/file-schema'
import type { FileStore, ReceivedChunk } from '../../files/file-store'
import { badRequestFromZod } from '../../http/zod-error'
import { insertBlobIfAbsent } from '../../repositories/blob-repository'
import { findIntakeStations } from '../../repositories/intake-repository'
import { deleteStaleUploads, deleteUpload, findUpload, insertUpload, setUploadOffset, sumUnfinishedUploadBytes } from '../../repositories/upload-repository'
import type { DeviceIdentity } from '../stations/device-auth-service'

type UploadLog = { warn(details: object, message: string): void }
export type UploadDeps = {
  db: Database
  store: FileStore
  maxBytes: number
  /** What one device's unfinished uploads may hold on disk together (config deviceUnfinishedUploadBytes). */
  maxUnfinishedBytesPerDevice: number
  log: UploadLog
}
/** Where an upload stands, and the file it is for (echoed to the station, which binds the answer to that file). */
type UploadState = { id: string; offset: number; length: number; sha256: string }

const NOT_FOUND = '未找到该上传（校验失败被丢弃，或超过7天未传完已清理），请重新上传'
/** An upload left unfinished this long is given up: its partial file goes, and the station starts over. */
const STALE_UPLOAD_MS = 7 * 24 * 60 * 60 * 1000

/**
 * tus creation. The metadata names the intake and material the file belongs to. A file may
 * arrive before its record (PROTOCOL.md principle 5), so an intake the county does not hold
 * yet is fine: the file is bound to the uploading device's station, and the record links to
 * it by hash once it arrives. Only an intake the county already holds for another station is
 * refused (403, logged).
 */
export async function createUpload(
  deps: UploadDeps,
  device: DeviceIdentity,
  request: { length: number; metadata: Record<string, string> },
  now: Date = new Date(),
): Promise<UploadState> {
  if (request.length < 1) throw new AppError('bad_request', '文件为空，无法上传', { path: 'Upload-Length' })
  if (request.length > deps.maxBytes) throw tooLarge(deps.maxBytes)
  const parsed = uploadMetadataSchema.safeParse(request.metadata)
  if (!parsed.success) {
    const error = badRequestFromZod(parsed.error)
    throw new AppError('bad_request', error.message, { path: `Upload-Metadata${error.path ? `.${error.path}` : ''}` })
  }
  const metadata = parsed.data
  const holder = (await findIntakeStations(deps.db, [metadata.intakeId])).get(metadata.intakeId)
  if (holder !== undefined && holder !== device.stationCode) {
    deps.log.warn(
      { deviceId: device.deviceId, deviceStation: device.stationCode, intakeStation: holder, intakeId: metadata.intakeId },
      'cross-station upload refused',
    )
    throw new AppError('forbidden', `本设备属于站点 ${device.stationCode}，不能为站点 ${holder} 的办件上传附件`, { path: 'Upload-Metadata.intakeId' })
  }
  await purgeStaleUploads(deps, device.stationCode, now)
  await checkUnfinishedBytes(deps, device, request.length)
  const row = await insertUpload(deps.db, {
    id: randomUUID(),
    stationCode: device.stationCode,
    deviceId: device.deviceId,
    sha256: metadata.sha256,
    uploadLength: request.length,
    intakeId: metadata.intakeId,
    materialId: metadata.materialId,
    filename: metadata.filename,
    mime: metadata.mime,
  })
  return stateOf(row)
}

/**
 * Abandoned uploads (a PC replaced, an attachment deleted before it was sent) would fill the
 * disk: each new upload of a station clears that station's uploads unfinished for a week.
 */
async function purgeStaleUploads(deps: UploadDeps, stationCode: string, now: Date): Promise<void> {
  const stale = await deleteStaleUploads(deps.db, stationCode, new Date(now.getTime() - STALE_UPLOAD_MS))
  for (const id of stale) await deps.store.discardPartial(id)
}

/** tus HEAD: where to resume. */
export async function getUpload(deps: UploadDeps, device: DeviceIdentity, id: string): Promise<UploadState> {
  return stateOf(await ownUpload(deps, device, id))
}

/**
 * tus PATCH. The body goes to a chunk file first; it is appended under the upload's row
 * lock, and only at the offset the client named, so a duplicated or late request can never
 * write the same bytes twice. With `Upload-Checksum` a chunk is kept only whole and
 * matching (460 otherwise); without one, the bytes of a cut connection are kept, so the
 * client resumes after them. The last chunk triggers the check of the whole file against
 * the declared SHA-256: a mismatch discards the upload and is 460.
 */
export async function appendToUpload(
  deps: UploadDeps,
  device: DeviceIdentity,
  id: string,
  request: { offset: number; checksum: string | undefined; contentLength: number | undefined; body: Readable },
): Promise<UploadState> {
  const upload = await ownUpload(deps, device, id)
  if (request.offset !== upload.uploadOffset) throw offsetConflict(upload.uploadOffset)
  await checkUnfinishedBytes(deps, device, upload.uploadLength, id)
  const remaining = upload.uploadLength - upload.uploadOffset
  if (request.contentLength !== undefined && request.contentLength > remaining) {
    throw new AppError('too_large', `本次上传的内容超出文件剩余的 ${remaining} 字节`, { path: 'Content-Length' })
  }

  const chunk = await deps.store.receiveChunk(request.body, remaining)
  try {
    if (chunk.overflow) throw new AppError('too_large', `本次上传的内容超出文件剩余的 ${remaining} 字节`)
    if (request.checksum !== undefined && chunk.cut) return stateOf(upload)
    if (request.checksum !== undefined && request.checksum !== chunk.sha256Base64) {
      throw new AppError('bad_request', '本段数据的 SHA-256 校验失败，未保存，请从原位置重新上传', {
        statusCode: CHECKSUM_MISMATCH_STATUS,
        path: 'Upload-Checksum',
      })
    }
    if (chunk.bytes === 0) return stateOf(upload)
    const outcome = await commitChunk(deps, id, request.offset, chunk)
    if (outcome === 'mismatch') {
      throw new AppError('bad_request', '文件传完后的 SHA-256 与申报的不一致，已丢弃，请重新上传', {
        statusCode: CHECKSUM_MISMATCH_STATUS,
        path: 'Upload-Metadata.sha256',
      })
    }
    return outcome
  } finally {
    await deps.store.discardChunk(chunk)
  }
}

async function commitChunk(deps: UploadDeps, id: string, offset: number, chunk: ReceivedChunk): Promise<UploadState | 'mismatch'> {
  return deps.db.transaction(async (tx) => {
    const locked = await findUpload(tx, id, { forUpdate: true })
    if (!locked) throw new AppError('not_found', NOT_FOUND)
    // Another request appended meanwhile (a duplicate of this one, or a resume after a cut).
    if (locked.uploadOffset !== offset) throw offsetConflict(locked.uploadOffset)
    await deps.store.appendChunk(id, chunk, offset)
    const newOffset = offset + chunk.bytes
    if (newOffset < locked.uploadLength) {
      await setUploadOffset(tx, id, newOffset)
      return { id, offset: newOffset, length: locked.uploadLength, sha256: locked.sha256 }
    }
    const actual = await deps.store.hashPartial(id)
    if (actual !== locked.sha256) {
      // Nothing of a file that is not what the record names is kept.
      await deps.store.discardPartial(id)
      await deleteUpload(tx, id)
      return 'mismatch'
    }
    await deps.store.promote(id, locked.sha256)
    await insertBlobIfAbsent(tx, {
      stationCode: locked.stationCode,
      sha256: locked.sha256,
      size: locked.uploadLength,
      filename: locked.filename,
      mime: locked.mime,
      intakeId: locked.intakeId,
      materialId: locked.materialId,
      deviceId: locked.deviceId,
    })
    await setUploadOffset(tx, id, newOffset, new Date())
    return { id, offset: newOffset, length: locked.uploadLength, sha256: locked.sha256 }
  })
}

/**
 * A device may not fill the county's disk with uploads it never finishes: what its other
 * unfinished uploads hold, plus the whole of this file, must fit under the cap. Checked
 * before a body is read. Uploads whose creation answer was lost hold nothing (offset 0),
 * so a flaky line does not use the cap up; finishing or the 7-day purge frees it.
 */
async function checkUnfinishedBytes(deps: UploadDeps, device: DeviceIdentity, length: number, uploadId?: string): Promise<void> {
  const held = await sumUnfinishedUploadBytes(deps.db, device.deviceId, uploadId)
  if (held + length <= deps.maxUnfinishedBytesPerDevice) return
  throw new AppError(
    'conflict',
    `本设备未传完的附件已占用 ${formatMiB(held)}，再传此文件将超过每台设备 ${formatMiB(deps.maxUnfinishedBytesPerDevice)} 的上限；请先传完已开始的附件（超过7天未传完的会自动清理）`,
    { path: 'Upload-Length' },
  )
}

async function ownUpload(deps: UploadDeps, device: DeviceIdentity, id: string): Promise<UploadRow> {
  const upload = await findUpload(deps.db, id)
  if (!upload) throw new AppError('not_found', NOT_FOUND)
  if (upload.stationCode !== device.stationCode) {
    deps.log.warn(
      { deviceId: device.deviceId, deviceStation: device.stationCode, uploadStation: upload.stationCode, uploadId: id },
      'cross-station upload access refused',
    )
    throw new AppError('forbidden', `本设备属于站点 ${device.stationCode}，不能访问其他站点的上传`)
  }
  return upload
}

function stateOf(upload: UploadRow): UploadState {
  return { id: upload.id, offset: upload.uploadOffset, length: upload.uploadLength, sha256: upload.sha256 }
}

function offsetConflict(current: number): AppError {
  return new AppError('conflict', `上传位置不符：服务器已收到 ${current} 字节，请从该位置继续`, { path: 'Upload-Offset' })
}

function tooLarge(maxBytes: number): AppError {
  return new AppError('too_large', `文件超过 ${formatMiB(maxBytes)} 的上限，请压缩或拆分后再上传`, { path: 'Upload-Length' })
}

function formatMiB(bytes: number): string {
  const mib = bytes / (1024 * 1024)
  return Number.isInteger(mib) ? `${mib} MiB` : `${mib.toFixed(1)} MiB`
}
