import type { FastifyInstance } from 'fastify'
import { blobParamsSchema, FILE_SHA256_HEADER, TUS_VERSION, uploadIdParamsSchema } from '../../shared/files'
import { API_PREFIX } from '../../shared/protocol'
import { AppError } from '../app-error'
import type { Database } from '../db/database'
import { contentDisposition } from '../files/content-disposition'
import type { FileStore } from '../files/file-store'
import { checkTusResumable, parseCountHeader, parseUploadChecksum, parseUploadMetadata, TUS_CONTENT_TYPE, tusDiscoveryHeaders } from '../files/tus-headers'
import { errorResponses } from '../http/openapi'
import type { Router } from '../http/router'
import { adminFile, stationHoldsBlob } from '../services/files/blob-service'
import { recordSync } from '../services/sync/sync-log-service'
import { appendToUpload, createUpload, getUpload, type UploadDeps } from '../services/files/upload-service'

type FileRouteDeps = { db: Database; store: FileStore; maxUploadBytes: number; maxUnfinishedBytesPerDevice: number }

const FILES_PREFIX = `${API_PREFIX}/files`
const TUS_HEADER = { name: 'Tus-Resumable', in: 'header', required: true, schema: { type: 'string', const: TUS_VERSION } }
/** The station takes an answer as proof for a file only when it names that file (shared/files.ts). */
const FILE_HASH_DOC = { [FILE_SHA256_HEADER]: '本应答所指文件的 SHA-256（站点据此核对应答属于哪个文件）' }
const NO_CONTENT = (description: string, headers: Record<string, string> = {}) => ({
  description,
  headers: Object.fromEntries(Object.entries(headers).map(([name, text]) => [name, { description: text, schema: { type: 'string' } }])),
})

/**
 * tus 1.0 (core, creation, checksum) at /files/, the blob probe and the console's file
 * download. The tus subset is our own rather than @tus/server: that package has no checksum
 * extension, keeps its upload locks in process memory (several instances share one
 * database here) and answers outside Fastify's auth and error handling.
 */
export function registerFileRoutes(app: FastifyInstance, router: Router, deps: FileRouteDeps): void {
  // The PATCH body is streamed to disk by the service, never parsed.
  app.addContentTypeParser(TUS_CONTENT_TYPE, (_request, _payload, done) => done(null, undefined))
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith(FILES_PREFIX)) return payload
    reply.header('Tus-Resumable', TUS_VERSION)
    if (request.method === 'OPTIONS' || reply.statusCode === 412) reply.headers(tusDiscoveryHeaders(deps.maxUploadBytes))
    return payload
  })

  const uploadDeps = (log: UploadDeps['log']): UploadDeps => ({
    db: deps.db,
    store: deps.store,
    maxBytes: deps.maxUploadBytes,
    maxUnfinishedBytesPerDevice: deps.maxUnfinishedBytesPerDevice,
    log,
  })

  router.document({
    method: 'OPTIONS',
    url: '/files/',
    auth: 'none',
    openapi: {
      operationId: 'tusOptions',
      summary: '断点续传（tus 1.0）能力：支持的版本、扩展（creation、checksum）、单个文件上限与校验算法',
      responses: {
        204: NO_CONTENT('tus 能力', {
          'Tus-Version': '1.0.0',
          'Tus-Extension': 'creation,checksum',
          'Tus-Max-Size': '单个文件上限（字节）',
          'Tus-Checksum-Algorithm': 'sha256',
        }),
      },
    },
  })

  router.defineRaw(
    {
      method: 'POST',
      url: '/files/',
      auth: 'device',
      openapi: {
        operationId: 'tusCreateUpload',
        summary:
          '创建附件上传（tus creation）：Upload-Length 为文件字节数，Upload-Metadata 含 sha256、intakeId、materialId、filename、mime（值为 base64）；办件可晚于附件到达',
        parameters: [
          TUS_HEADER,
          { name: 'Upload-Length', in: 'header', required: true, schema: { type: 'integer', minimum: 1 } },
          { name: 'Upload-Metadata', in: 'header', required: true, schema: { type: 'string' } },
        ],
        responses: {
          201: NO_CONTENT('已创建', { Location: '上传地址 /api/v1/files/{id}', ...FILE_HASH_DOC }),
          ...errorResponses([400, 401, 403, 409, 412, 413]),
        },
      },
    },
    async ({ auth, request, reply }) => {
      checkTusResumable(request.headers['tus-resumable'])
      if (request.headers['upload-defer-length'] !== undefined) {
        throw new AppError('bad_request', '不支持延后申报文件大小，请提供 Upload-Length', { path: 'Upload-Defer-Length' })
      }
      const length = parseCountHeader(request.headers['upload-length'], 'Upload-Length')
      const metadata = parseUploadMetadata(request.headers['upload-metadata'])
      const upload = await createUpload(uploadDeps(request.log), auth, { length, metadata })
      await reply
        .code(201)
        .header('Location', `${FILES_PREFIX}/${upload.id}`)
        .header('Upload-Offset', String(upload.offset))
        .header(FILE_SHA256_HEADER, upload.sha256)
        .send()
    },
  )

  router.defineRaw(
    {
      method: 'HEAD',
      url: '/files/:id',
      auth: 'device',
      params: uploadIdParamsSchema,
      openapi: {
        operationId: 'tusUploadOffset',
        summary: '查询上传进度（续传起点）：Upload-Offset 为服务器已保存的字节数',
        parameters: [TUS_HEADER],
        responses: {
          200: NO_CONTENT('进度', { 'Upload-Offset': '已保存的字节数', 'Upload-Length': '文件字节数', ...FILE_HASH_DOC }),
          ...errorResponses([400, 401, 403, 404, 412]),
        },
      },
    },
    async ({ params, auth, request, reply }) => {
      checkTusResumable(request.headers['tus-resumable'])
      const upload = await getUpload(uploadDeps(request.log), auth, params.id)
      await reply
        .code(200)
        .header('Upload-Offset', String(upload.offset))
        .header('Upload-Length', String(upload.length))
        .header(FILE_SHA256_HEADER, upload.sha256)
        .header('Cache-Control', 'no-store')
        .send()
    },
  )

  router.defineRaw(
    {
      method: 'PATCH',
      url: '/files/:id',
      auth: 'device',
      params: uploadIdParamsSchema,
      openapi: {
        operationId: 'tusAppend',
        summary: '从 Upload-Offset 处续传一段数据；可带 Upload-Checksum（sha256 base64）校验本段；传完后服务器核对整个文件的 SHA-256，不符则丢弃并返回 460',
        parameters: [
          TUS_HEADER,
          { name: 'Upload-Offset', in: 'header', required: true, schema: { type: 'integer', minimum: 0 } },
          {
            name: 'Upload-Checksum',
            in: 'header',
            required: false,
            schema: { type: 'string', examples: ['sha256 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='] },
          },
        ],
        requestBody: { required: true, content: { [TUS_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } } } },
        responses: {
          204: NO_CONTENT('已保存', { 'Upload-Offset': '保存后的字节数', ...FILE_HASH_DOC }),
          ...errorResponses([400, 401, 403, 404, 409, 412, 413, 415, 460]),
        },
      },
    },
    async ({ params, auth, request, reply }) => {
      checkTusResumable(request.headers['tus-resumable'])
      if (request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() !== TUS_CONTENT_TYPE) {
        throw new AppError('bad_request', `续传内容的类型应为 ${TUS_CONTENT_TYPE}`, { statusCode: 415, path: 'Content-Type' })
      }
      const offset = parseCountHeader(request.headers['upload-offset'], 'Upload-Offset')
      const checksum = parseUploadChecksum(request.headers['upload-checksum'])
      const declared = request.headers['content-length']
      const contentLength = declared === undefined ? undefined : parseCountHeader(declared, 'Content-Length')
      const upload = await appendToUpload(uploadDeps(request.log), auth, params.id, { offset, checksum, contentLength, body: request.raw })
      // Only the last chunk is worth a line in the device's sync log: the file is complete.
      if (upload.offset === upload.length) await recordSync(deps.db, auth, { kind: 'upload', statusCode: 204, summary: { bytes: upload.length } }, request.log)
      await reply.code(204).header('Upload-Offset', String(upload.offset)).header(FILE_SHA256_HEADER, upload.sha256).send()
    },
  )

  router.defineRaw(
    {
      method: 'HEAD',
      url: '/blobs/:sha256',
      auth: 'device',
      params: blobParamsSchema,
      openapi: {
        operationId: 'blobExists',
        summary: '县级服务器是否已有本站点的这个文件（按 SHA-256）：200 已有，无需再传；404 没有',
        responses: { 200: NO_CONTENT('已有', FILE_HASH_DOC), ...errorResponses([400, 401, 404]) },
      },
    },
    async ({ params, auth, reply }) => {
      const held = await stationHoldsBlob(deps.db, deps.store, auth, params.sha256)
      await reply
        .code(held ? 200 : 404)
        .header(FILE_SHA256_HEADER, params.sha256)
        .header('Cache-Control', 'no-store')
        .send()
    },
  )

  router.defineRaw(
    {
      method: 'GET',
      url: '/admin/files/:sha256',
      auth: 'operator',
      params: blobParamsSchema,
      openapi: {
        operationId: 'adminDownloadFile',
        summary: '下载或预览站点上传的附件（按 SHA-256），图片与 PDF 可直接预览',
        responses: {
          200: { description: '文件内容', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
          ...errorResponses([400, 401, 403, 404]),
        },
      },
    },
    async ({ params, auth, reply }) => {
      const file = await adminFile(deps.db, deps.store, auth, params.sha256)
      await reply
        .code(200)
        .type(file.mime)
        .header('Content-Length', String(file.size))
        .header('Content-Disposition', contentDisposition(file.filename, file.mime))
        // Whatever a station uploaded must not run as a page of the console's origin.
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'")
        .header('Cache-Control', 'private, max-age=86400, immutable')
        .send(file.open())
    },
  )
}
