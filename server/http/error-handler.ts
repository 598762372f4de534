import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ErrorBody, ErrorCode } from '../../shared/protocol'
import { isAppError } from '../app-error'

type Mapped = { statusCode: number; code: ErrorCode; message: string; path?: string }

const FASTIFY_ERRORS: Record<string, Omit<Mapped, 'statusCode'> & { statusCode?: number }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'too_large', message: '请求内容超过 8 MiB 上限，请分批提交' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'bad_request', message: '请求内容不是有效的 JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'bad_request', message: '请求内容为空，应为 JSON 对象' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'bad_request', message: '仅支持 application/json 格式的请求内容' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'bad_request', message: '请求长度与内容不符' },
  // Answered by the router before any route runs; see frameworkErrors below.
  FST_ERR_BAD_URL: { code: 'bad_request', statusCode: 400, message: '请求地址无效（含有无法解析的字符）' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'bad_request', statusCode: 414, message: '请求地址中的参数过长' },
  FST_ERR_ASYNC_CONSTRAINT: { code: 'bad_request', statusCode: 400, message: '请求无效，请检查后重试' },
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'too_large',
  429: 'rate_limited',
}

/**
 * Every error leaves as `{error:{code, message, path?}}`. User-reason errors and
 * the framework's own 4xx (bad JSON, too large) keep their status; only a real
 * fault becomes a 500, and its details go to the log, never to the client.
 */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const mapped = mapError(error)
    if (mapped.statusCode >= 500) request.log.error({ err: error }, 'request failed')
    // Our own messages name the field, not its value; a parser's may quote the body, so only its code is kept.
    else request.log.info({ code: mapped.code, path: mapped.path, reason: isAppError(error) ? error.message : (error.code ?? error.name) }, 'request refused')
    // Refused before its body was read (too large, bad token, wrong offset): close the connection
    // rather than let Node read the rest of the body, which may be endless, to keep it alive.
    if (request.raw.complete === false) reply.header('Connection', 'close')
    const body: ErrorBody = { error: { code: mapped.code, message: mapped.message, ...(mapped.path ? { path: mapped.path } : {}) } }
    if (isAppError(error)) reply.headers(error.headers)
    await reply.code(mapped.statusCode).type('application/json; charset=utf-8').send(body)
  })

  app.setNotFoundHandler(async (request, reply) => {
    const body: ErrorBody = { error: { code: 'not_found', message: `接口不存在：${request.method} ${request.url.split('?')[0]}` } }
    await reply.code(404).send(body)
  })
}

/**
 * Fastify's `frameworkErrors` option: the router's own refusals (a malformed URL, a path
 * parameter past maxParamLength) in our error body rather than Fastify's, which echoes the path.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const mapped = mapError(error)
  request.log.info({ code: error.code }, 'request refused by the router')
  const body: ErrorBody = { error: { code: mapped.code, message: mapped.message } }
  void reply.code(mapped.statusCode).type('application/json; charset=utf-8').send(body)
}

function mapError(error: FastifyError): Mapped {
  if (isAppError(error)) return { statusCode: error.statusCode, code: error.code, message: error.message, path: error.path }
  const known = error.code ? FASTIFY_ERRORS[error.code] : undefined
  if (known) return { statusCode: known.statusCode ?? error.statusCode ?? 400, code: known.code, message: known.message }
  // The JSON parser throws a SyntaxError carrying status 400.
  if (error instanceof SyntaxError) return { statusCode: 400, code: 'bad_request', message: '请求内容不是有效的 JSON' }
  const status = error.statusCode
  if (status !== undefined && status >= 400 && status < 500) {
    return { statusCode: status, code: CODE_BY_STATUS[status] ?? 'bad_request', message: '请求无效，请检查后重试' }
  }
  return { statusCode: 500, code: 'internal', message: '服务器内部错误，请稍后重试' }
}
