import type { FastifyInstance } from 'fastify'
import { FILE_SHA256_HEADER } from '../../shared/files'

const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Tus-Resumable', 'Upload-Length', 'Upload-Offset', 'Upload-Metadata', 'Upload-Checksum'].join(', ')
// tus clients in a browser read these from answers to HEAD, POST and OPTIONS.
const EXPOSED_HEADERS = [
  'Upload-Offset',
  'Upload-Length',
  'Location',
  'Retry-After',
  'Tus-Resumable',
  'Tus-Version',
  'Tus-Extension',
  'Tus-Max-Size',
  'Tus-Checksum-Algorithm',
  'Content-Disposition',
  FILE_SHA256_HEADER,
].join(', ')
const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE', 'OPTIONS'].join(', ')

/**
 * The station in browser mode is served from another origin and authenticates
 * with a bearer header, never cookies, so any origin may call. Preflights are
 * answered here, before routing, so every path (including tus) gets them.
 */
export function registerCors(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('Access-Control-Allow-Origin', '*')
    reply.header('Access-Control-Expose-Headers', EXPOSED_HEADERS)
    if (request.method !== 'OPTIONS') return
    reply.header('Access-Control-Allow-Methods', ALLOWED_METHODS)
    reply.header('Access-Control-Allow-Headers', ALLOWED_HEADERS)
    reply.header('Access-Control-Max-Age', '600')
    await reply.code(204).send()
  })
}
