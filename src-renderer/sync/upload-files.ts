import { liveQuery } from 'dexie'
import { DetailedError, Upload, type HttpStack } from 'tus-js-client'
import { FILE_SHA256_HEADER } from '../../shared/files'
import { errorBodySchema, API_PREFIX } from '../../shared/protocol'
import type { StationAttachment } from '../../shared/station-attachment'
import type { RecordError } from '../../shared/station-records'
import type { StationDb } from '../db/station-db'
import { sha256Hex } from '../../shared/sha256'
import { CountyError, normaliseCountyUrl, UNREACHABLE_MESSAGE, type FetchLike } from './county-client'

/** The files step's figures, for the sync status (files waiting, bytes of this batch sent/total). */
export type FileProgress = {
  /** Attachments the county has not confirmed yet. */
  waiting: number
  /** Of the files this round is sending: bytes the county holds or has been sent, and their total. */
  bytesSent: number
  bytesTotal: number
  /** The file being sent now, if any. */
  current: string | null
}

export const NO_FILES: FileProgress = { waiting: 0, bytesSent: 0, bytesTotal: 0, current: null }

type FileRoundSummary = { uploaded: number; skipped: number; failed: number }

/** The files step of a sync round: sends every attachment the county lacks. */
export type FileUploader = {
  uploadPending(db: StationDb, onProgress: (progress: FileProgress) => void): Promise<FileRoundSummary>
}

type FileUploaderOptions = {
  baseUrl: string
  token: string
  /** 256 KiB: small enough that a cut costs little, large enough to keep requests few. */
  chunkSize?: number
  fetch?: FetchLike
  /**
   * What tus-js-client reads the file from. The browser build reads the Blob itself; its
   * Node build (tests, simulation) only reads Buffers or streams, so Node passes a converter.
   */
  toUploadInput?: (blob: Blob) => Promise<Blob | Uint8Array>
  httpStack?: HttpStack
  /** A transfer that makes no progress this long is abandoned (a hung extranet link); default 60 s. */
  stallTimeoutMs?: number
  blobTimeoutMs?: number
}

export const DEFAULT_CHUNK_SIZE = 256 * 1024
const DEFAULT_STALL_TIMEOUT_MS = 60_000
const DEFAULT_BLOB_TIMEOUT_MS = 15_000
/** A file whose own bytes no longer match its hash: sending it again cannot help. */
const CORRUPT_LOCAL_CODE = 'corrupt_local'

/** Attachments still to send, oldest first; a file found corrupt on this device is left for the clerk. */
export async function pendingAttachments(db: StationDb): Promise<StationAttachment[]> {
  const rows = await db.attachments.where('state').anyOf('pending', 'uploading').toArray()
  return rows.filter((row) => row.lastError?.code !== CORRUPT_LOCAL_CODE).sort((a, b) => a.createdAt.localeCompare(b.createdAt))
}

/** Keeps "files waiting" current between rounds (a clerk adds an intake with photos). */
export function watchFileBacklog(db: StationDb, listener: (waiting: number) => void): () => void {
  const subscription = liveQuery(() => db.attachments.where('state').anyOf('pending', 'uploading').count()).subscribe({
    next: listener,
    error: () => undefined,
  })
  return () => subscription.unsubscribe()
}

/**
 * A 2xx answer that names another file than the one asked about: a stale copy, a repeat, or
 * an answer that reached the wrong request on a connection out of step. It proves nothing
 * about this file, and the upload address it may carry belongs to another file.
 */
class UnboundAnswerError extends Error {
  constructor() {
    super('县级服务器的应答与本附件不符（可能是网络重复或错位的应答），将重新核对后上传')
    this.name = 'UnboundAnswerError'
  }
}

/**
 * For each attachment the county has not confirmed: `HEAD /blobs/:sha256` first (the county
 * may hold it already, from another device or an earlier try), else a tus upload that
 * resumes the stored upload address from the server's offset. A file is marked uploaded only
 * when the county confirmed the whole of it (its hash checked on the last chunk), and only on
 * answers bound to it: each one must name the file's SHA-256 in `File-Sha256`.
 * A fault that a retry may cure (network, 5xx, 429, a conflicting offset) ends the step with
 * a CountyError, so the engine backs off; a file the county refuses keeps its reason and
 * the others go on.
 */
export function createFileUploader(options: FileUploaderOptions): FileUploader {
  const baseUrl = normaliseCountyUrl(options.baseUrl)
  if (baseUrl === null) throw new Error(`不是有效的县级服务器地址: ${options.baseUrl}`)
  const fetch = options.fetch ?? ((input: string, init: RequestInit) => globalThis.fetch(input, init))
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE
  const toInput = options.toUploadInput ?? (async (blob: Blob) => blob)
  const stallTimeoutMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS
  const blobTimeoutMs = options.blobTimeoutMs ?? DEFAULT_BLOB_TIMEOUT_MS
  const authorization = `Bearer ${options.token}`

  async function countyHolds(sha256: string): Promise<boolean> {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), blobTimeoutMs)
    let response: Response
    try {
      response = await fetch(`${baseUrl}${API_PREFIX}/blobs/${sha256}`, { method: 'HEAD', headers: { authorization }, signal: controller.signal })
    } catch {
      throw new CountyError('network', UNREACHABLE_MESSAGE)
    } finally {
      clearTimeout(timer)
    }
    // A "held" about another file is no proof for this one; the tus upload then checks again.
    if (response.status === 200) return response.headers.get(FILE_SHA256_HEADER) === sha256
    if (response.status === 404) return false
    throw countyErrorFor(response.status, undefined)
  }

  function send(db: StationDb, row: StationAttachment, input: Blob | Uint8Array, onSent: (bytes: number) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      let stallTimer: ReturnType<typeof setTimeout> | undefined
      let finished = false
      // Dexie writes of the upload's progress, in order; the outcome waits for them.
      let writes: Promise<unknown> = Promise.resolve()
      const write = (changes: Partial<StationAttachment>) => {
        writes = writes.then(() => db.attachments.update(row.id, changes)).catch(() => undefined)
      }
      const finish = (error?: unknown) => {
        if (finished) return
        finished = true
        clearTimeout(stallTimer)
        void writes.then(() => (error === undefined ? resolve() : reject(error)))
      }
      const watchdog = () => {
        clearTimeout(stallTimer)
        stallTimer = setTimeout(() => {
          void upload.abort(false)
          finish(new CountyError('network', `${UNREACHABLE_MESSAGE}（附件上传长时间无进展）`))
        }, stallTimeoutMs)
      }
      const upload = new Upload(input as Blob, {
        endpoint: `${baseUrl}${API_PREFIX}/files/`,
        uploadUrl: row.uploadUrl ?? null,
        uploadSize: row.size,
        chunkSize,
        metadata: { sha256: row.sha256, intakeId: row.intakeId, materialId: row.materialId, filename: row.filename, mime: row.mime },
        headers: { Authorization: authorization },
        // Retries belong to the engine (its backoff, its status); the resume point to our table.
        retryDelays: null,
        storeFingerprintForResuming: false,
        removeFingerprintOnSuccess: false,
        ...(options.httpStack ? { httpStack: options.httpStack } : {}),
        // Runs before tus-js-client reads the answer: an address, an offset or "complete" about
        // another file must never be stored or taken as this file's progress.
        onAfterResponse: (_request, response) => {
          const status = response.getStatus()
          if (status >= 200 && status < 300 && response.getHeader(FILE_SHA256_HEADER) !== row.sha256) throw new UnboundAnswerError()
        },
        onUploadUrlAvailable: () => {
          watchdog()
          if (upload.url && upload.url !== row.uploadUrl) write({ uploadUrl: upload.url, state: 'uploading' })
        },
        onProgress: (bytesSent) => {
          watchdog()
          onSent(bytesSent)
        },
        onChunkComplete: (_chunk, bytesAccepted) => {
          watchdog()
          write({ bytesConfirmed: bytesAccepted, state: 'uploading' })
        },
        onSuccess: () => finish(),
        onError: (error) => finish(error),
      })
      watchdog()
      upload.start()
    })
  }

  return {
    async uploadPending(db, onProgress) {
      const rows = await pendingAttachments(db)
      const summary: FileRoundSummary = { uploaded: 0, skipped: 0, failed: 0 }
      const bytesTotal = rows.reduce((sum, row) => sum + row.size, 0)
      let doneBytes = 0
      let waiting = rows.length
      const report = (current: string | null, inFlight: number) =>
        onProgress({ waiting, bytesSent: Math.min(bytesTotal, doneBytes + inFlight), bytesTotal, current })
      try {
        for (const row of rows) {
          report(row.filename, row.bytesConfirmed)
          if (await countyHolds(row.sha256)) {
            await markUploaded(db, row)
            summary.skipped++
          } else {
            try {
              await send(db, row, await toInput(row.blob), (bytes) => report(row.filename, bytes))
              await markUploaded(db, row)
              summary.uploaded++
            } catch (error) {
              const refusal = await handleFailure(db, row, error)
              // A passing fault: the round stops here and the engine retries after its backoff.
              if (refusal === null) throw countyErrorOf(error)
              summary.failed++
            }
          }
          doneBytes += row.size
          waiting--
        }
        return summary
      } finally {
        report(null, 0)
      }
    },
  }
}

async function markUploaded(db: StationDb, row: StationAttachment): Promise<void> {
  await db.attachments.update(row.id, { state: 'uploaded', bytesConfirmed: row.size, uploadedAt: new Date().toISOString(), lastError: undefined })
}

/**
 * Records why a file failed. Answers null for a passing fault (the engine retries the
 * round), or the error kept on the file when the county refused it for good.
 */
async function handleFailure(db: StationDb, row: StationAttachment, error: unknown): Promise<RecordError | null> {
  if (error instanceof DetailedError && error.causingError instanceof UnboundAnswerError) {
    // The stored address may be what the stray answer was about: start the upload afresh.
    await db.attachments.update(row.id, {
      lastError: { code: 'network', message: error.causingError.message },
      state: 'pending',
      bytesConfirmed: 0,
      uploadUrl: undefined,
    })
    return null
  }
  const county = countyErrorOf(error)
  if (county.retryable || county.kind === 'unauthorized' || county.status === 409 || county.status === 423) {
    await db.attachments.update(row.id, { lastError: { code: county.kind, message: county.message } })
    return null
  }
  let lastError: RecordError = { code: county.kind, message: county.message }
  if (county.status === 460) {
    // The county discarded the upload: its bytes did not hash to the declared SHA-256.
    // If this device's copy no longer does either, sending it again cannot help.
    const intact = (await sha256Hex(row.blob)) === row.sha256
    lastError = intact
      ? { code: 'checksum', message: '附件在传输中损坏，已被县级服务器丢弃，将重新上传' }
      : { code: CORRUPT_LOCAL_CODE, message: '本机保存的附件已损坏（与登记的摘要不符），无法上传，请重新添加该附件' }
  }
  await db.attachments.update(row.id, { lastError, state: 'pending', bytesConfirmed: 0, uploadUrl: undefined })
  return lastError
}

/** tus-js-client's error as the engine's: no answer is the network; an answer is classified by status. */
function countyErrorOf(error: unknown): CountyError {
  if (error instanceof CountyError) return error
  if (error instanceof DetailedError && error.originalResponse) {
    const response = error.originalResponse
    return countyErrorFor(response.getStatus(), response.getBody())
  }
  return new CountyError('network', UNREACHABLE_MESSAGE)
}

function countyErrorFor(status: number, body: string | undefined): CountyError {
  let message: string | undefined
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(body ?? ''))
    if (parsed.success) message = parsed.data.error.message
  } catch {
    message = undefined
  }
  const details = { status }
  if (status >= 500) return new CountyError('server', `县级服务器暂时故障（${status}），稍后将自动重试附件上传`, details)
  if (status === 429) return new CountyError('rateLimited', '请求过于频繁，稍后将自动重试', details)
  if (status === 401) return new CountyError('unauthorized', message ?? '本设备未获授权，请重新注册本设备', details)
  if (status === 403) return new CountyError('forbidden', message ?? '本设备无权上传该附件', details)
  if (status === 413) return new CountyError('tooLarge', message ?? '附件超过县级服务器的大小上限', details)
  return new CountyError('rejected', message ?? `县级服务器拒绝了附件（${status}）`, details)
}
