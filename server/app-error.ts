import type { ErrorCode } from '../shared/protocol'

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rejected: 422,
  too_large: 413,
  rate_limited: 429,
  internal: 500,
}

/**
 * A failure with a user reason: it carries the protocol error code and a Chinese
 * message a clerk or operator can act on. Anything else thrown is a fault (5xx).
 */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly statusCode: number
  readonly path: string | undefined
  /** Response headers the answer needs (429's Retry-After). */
  readonly headers: Record<string, string>

  constructor(code: ErrorCode, message: string, options: { path?: string; statusCode?: number; headers?: Record<string, string> } = {}) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.statusCode = options.statusCode ?? STATUS_BY_CODE[code]
    this.path = options.path
    this.headers = options.headers ?? {}
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError
}
