import {
  API_PREFIX,
  enrollResponseSchema,
  errorBodySchema,
  healthResponseSchema,
  pullResponseSchema,
  pushResponseSchema,
  reconcileResponseSchema,
  type EnrollRequest,
  type EnrollResponse,
  type ErrorCode,
  type HealthResponse,
  type Mutation,
  type PullResponse,
  type PushResponse,
  type ReconcileRequest,
  type ReconcileResponse,
} from '../../shared/protocol'
import type { z } from '../../shared/zod'

/**
 * How a call to the county failed, which decides what the station does next:
 * - network, server (5xx), rateLimited (429): a passing fault; keep everything and retry later.
 * - unauthorized / forbidden: the device must be re-enrolled; retrying will not help.
 * - rejected (other 4xx), tooLarge (413): this request is refused; it needs attention.
 * - protocol: the answer did not match the contract (wrong server or version).
 */
type CountyErrorKind = 'network' | 'server' | 'rateLimited' | 'unauthorized' | 'forbidden' | 'tooLarge' | 'rejected' | 'protocol'

export class CountyError extends Error {
  readonly kind: CountyErrorKind
  readonly status: number | undefined
  readonly code: ErrorCode | undefined
  /** Dotted path of the offending field when the county named one, e.g. "mutations.3.payload.applicant.idNumber". */
  readonly path: string | undefined
  /** For 429: how long the county asked us to wait. */
  readonly retryAfterMs: number | undefined

  constructor(kind: CountyErrorKind, message: string, details: { status?: number; code?: ErrorCode; path?: string; retryAfterMs?: number } = {}) {
    super(message)
    this.name = 'CountyError'
    this.kind = kind
    this.status = details.status
    this.code = details.code
    this.path = details.path
    this.retryAfterMs = details.retryAfterMs
  }

  /** A passing fault: the same request may succeed later. */
  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'server' || this.kind === 'rateLimited'
  }
}

export const UNREACHABLE_MESSAGE = '无法连接县级服务器，请检查地址和网络'

/** The calls the sync engine makes; tests substitute their own implementation of this type. */
export type CountyClient = {
  health(): Promise<HealthResponse>
  push(mutations: readonly Mutation[]): Promise<PushResponse>
  pull(cursor: string, limit?: number): Promise<PullResponse>
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>

type CountyClientOptions = {
  /** The county server's address as the clerk typed it, e.g. "http://10.53.1.2:8080". */
  baseUrl: string
  token: string
  /** Defaults to the global fetch (browsers, Electron and Node 20 all have one). */
  fetch?: FetchLike
  timeoutMs?: number
  /** The reachability probe must answer fast; a hung extranet should not stall the round. */
  healthTimeoutMs?: number
}

const DEFAULT_TIMEOUT_MS = 30_000
const DEFAULT_HEALTH_TIMEOUT_MS = 5_000
const ENROLL_TIMEOUT_MS = 15_000

/**
 * Turns what the clerk typed into a base URL: trims it, adds http:// when no scheme was
 * given, drops a trailing slash. Returns null when it cannot be an http(s) address.
 */
export function normaliseCountyUrl(input: string): string | null {
  const trimmed = input.trim()
  if (trimmed === '') return null
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  if (url.search || url.hash || url.username || url.password) return null
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

const globalFetch: FetchLike = (input, init) => globalThis.fetch(input, init)

type RequestOptions = {
  method: 'GET' | 'POST'
  path: string
  token?: string
  body?: unknown
  timeoutMs: number
  fetch: FetchLike
}

/**
 * One JSON request with a timeout. The timer also covers reading the body: a county
 * that sends headers and then stalls must not hang the sync round.
 */
async function requestJson<S extends z.ZodType>(baseUrl: string, options: RequestOptions, schema: S): Promise<z.infer<S>> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), options.timeoutMs)
  const headers: Record<string, string> = { accept: 'application/json' }
  if (options.token) headers.authorization = `Bearer ${options.token}`
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  try {
    let response: Response
    let text: string
    try {
      response = await options.fetch(`${baseUrl}${API_PREFIX}${options.path}`, {
        method: options.method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: controller.signal,
      })
      text = await response.text()
    } catch {
      const message = controller.signal.aborted ? `${UNREACHABLE_MESSAGE}（连接超时）` : UNREACHABLE_MESSAGE
      throw new CountyError('network', message)
    }
    if (!response.ok) throw errorFromResponse(response, text)
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      throw new CountyError('protocol', '县级服务器的应答不是有效数据，请核对服务器地址', { status: response.status })
    }
    const parsed = schema.safeParse(json)
    if (!parsed.success) {
      throw new CountyError('protocol', '县级服务器的应答格式与本机版本不一致，请联系县政务服务管理局', { status: response.status })
    }
    return parsed.data
  } finally {
    clearTimeout(timer)
  }
}

/** Classifies a non-2xx answer, keeping the county's own (Chinese) message when it sent one. */
function errorFromResponse(response: Response, text: string): CountyError {
  const status = response.status
  let body: z.infer<typeof errorBodySchema>['error'] | undefined
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(text))
    if (parsed.success) body = parsed.data.error
  } catch {
    body = undefined
  }
  const details = { status, code: body?.code, path: body?.path }
  if (status >= 500) return new CountyError('server', `县级服务器暂时故障（${status}），稍后将自动重试`, details)
  if (status === 429) {
    const seconds = Number(response.headers.get('retry-after'))
    const retryAfterMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined
    return new CountyError('rateLimited', '请求过于频繁，稍后将自动重试', { ...details, retryAfterMs })
  }
  if (status === 401) return new CountyError('unauthorized', body?.message ?? '本设备未获授权，请重新注册本设备', details)
  if (status === 403) return new CountyError('forbidden', body?.message ?? '本设备无权访问该数据', details)
  if (status === 413) return new CountyError('tooLarge', body?.message ?? '一次发送的数据过大', details)
  if (status === 404 && body === undefined) {
    return new CountyError('protocol', '该地址不是县级服务器（找不到接口），请核对地址', details)
  }
  return new CountyError('rejected', body?.message ?? `县级服务器拒绝了请求（${status}）`, details)
}

/**
 * The pull pages this client parsed with pullResponseSchema itself. applyPullPage takes a page
 * from any CountyClient and parses what it cannot vouch for; a page from here it need not parse
 * again (a new device's first sync is some 15,000 changes, tens of megabytes).
 */
const parsedPullPages = new WeakSet<PullResponse>()

export function isParsedPullPage(page: PullResponse): boolean {
  return parsedPullPages.has(page)
}

/** The authenticated client the sync engine uses; works in the renderer and in Node. */
export function createCountyClient(options: CountyClientOptions): CountyClient {
  const baseUrl = normaliseCountyUrl(options.baseUrl)
  if (baseUrl === null) throw new Error(`不是有效的县级服务器地址: ${options.baseUrl}`)
  const fetch = options.fetch ?? globalFetch
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const healthTimeoutMs = options.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS
  const token = options.token
  return {
    health: () => requestJson(baseUrl, { method: 'GET', path: '/health', timeoutMs: healthTimeoutMs, fetch }, healthResponseSchema),
    push: (mutations) => requestJson(baseUrl, { method: 'POST', path: '/push', token, body: { mutations }, timeoutMs, fetch }, pushResponseSchema),
    pull: (cursor, limit) => {
      const query = new URLSearchParams({ cursor })
      if (limit !== undefined) query.set('limit', String(limit))
      return requestJson(baseUrl, { method: 'GET', path: `/pull?${query}`, token, timeoutMs, fetch }, pullResponseSchema).then((page) => {
        parsedPullPages.add(page)
        return page
      })
    },
  }
}

/** POST /enroll with a one-time code; no token yet. */
export function enrollAtCounty(baseUrl: string, request: EnrollRequest, options: { fetch?: FetchLike; timeoutMs?: number } = {}): Promise<EnrollResponse> {
  return requestJson(
    baseUrl,
    { method: 'POST', path: '/enroll', body: request, timeoutMs: options.timeoutMs ?? ENROLL_TIMEOUT_MS, fetch: options.fetch ?? globalFetch },
    enrollResponseSchema,
  )
}

/** POST /reconcile for one day (日终对账); kept apart from CountyClient, which the sync rounds use. */
export type ReconcileCall = (request: ReconcileRequest) => Promise<ReconcileResponse>

export function createReconcileCall(options: CountyClientOptions): ReconcileCall {
  const baseUrl = normaliseCountyUrl(options.baseUrl)
  if (baseUrl === null) throw new Error(`不是有效的县级服务器地址: ${options.baseUrl}`)
  const fetch = options.fetch ?? globalFetch
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  return (request) =>
    requestJson(baseUrl, { method: 'POST', path: '/reconcile', token: options.token, body: request, timeoutMs, fetch }, reconcileResponseSchema)
}
