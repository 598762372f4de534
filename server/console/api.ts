import {
  adminEnrollmentCodeSchema,
  revokeEnrollmentCodesResponseSchema,
  type RevokeEnrollmentCodesResponse,
  adminIntakeListResponseSchema,
  adminIntakeResponseSchema,
  adminStationListResponseSchema,
  loginResponseSchema,
  revokeDeviceResponseSchema,
  deviceSyncLogResponseSchema,
  type DeviceSyncLogResponse,
  type AdminEnrollmentCode,
  type AdminIntake,
  type AdminIntakeResponse,
  type AdminStation,
  type Operator,
  type RevokeDeviceResponse,
} from '../../shared/admin'
import { decisionRequestSchema, intakeDecisionSchema, type DecisionRequest, type IntakeDecision } from '../../shared/decision'
import type { IntakeStatus } from '../../shared/intake-status'
import { API_PREFIX } from '../../shared/protocol'
import { z } from '../../shared/zod'

/**
 * The console's only way to the county server: one named function per request,
 * each validating what it sends and what comes back with the shared schemas.
 * The operator token lives in sessionStorage, so it ends with the browser tab.
 */

const SESSION_KEY = 'bianmin.console.session'

export type Session = { token: string; operator: Operator; expiresAt: string }

/** A refusal from the server (or a request the console refused to send), with its Chinese message. */
export class ConsoleApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message)
    this.name = 'ConsoleApiError'
  }
}

const sessionListeners = new Set<(session: Session | undefined) => void>()

export function currentSession(): Session | undefined {
  const stored = sessionStorage.getItem(SESSION_KEY)
  if (!stored) return undefined
  try {
    const session = JSON.parse(stored) as Session
    return Date.parse(session.expiresAt) > Date.now() ? session : undefined
  } catch {
    return undefined
  }
}

export function onSessionChange(listener: (session: Session | undefined) => void): () => void {
  sessionListeners.add(listener)
  return () => sessionListeners.delete(listener)
}

function setSession(session: Session | undefined): void {
  if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session))
  else sessionStorage.removeItem(SESSION_KEY)
  for (const listener of sessionListeners) listener(session)
}

/** 退出登录: forgets the session here and deletes it on the server, so a copied token is dead too. */
export function signOut(): void {
  const token = currentSession()?.token
  setSession(undefined)
  if (!token) return
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
  // Already signed out here; an unreachable server only leaves the session to expire.
  void fetch(`${API_PREFIX}/admin/logout`, { method: 'POST', headers, body: '{}' }).catch(() => undefined)
}

/** A sent request, with whether it carried the operator's token. */
type Sent = { response: Response; signedIn: boolean }

/** Sends with the operator's token; an unreachable server becomes one ConsoleApiError. */
async function send(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<Sent> {
  const token = currentSession()?.token
  const headers: Record<string, string> = {}
  if (token) headers.authorization = `Bearer ${token}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  try {
    const response = await fetch(`${API_PREFIX}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    return { response, signedIn: Boolean(token) }
  } catch {
    throw new ConsoleApiError('无法连接县级服务器，请检查网络后重试', 0)
  }
}

/** Only the message is read from an error body: the operator sees the server's words even for a code this console does not know. */
const refusalBodySchema = z.object({ error: z.object({ message: z.string() }) })

/** The error for a refusal, with the server's Chinese message or `fallback`. */
function refusal({ response, signedIn }: Sent, json: unknown, fallback: string): ConsoleApiError {
  // An expired or revoked session: back to the login screen (the login call itself keeps its message).
  if (response.status === 401 && signedIn) setSession(undefined)
  const body = refusalBodySchema.safeParse(json)
  return new ConsoleApiError(body.success ? body.data.error.message : fallback, response.status)
}

/**
 * One JSON call to the county server with the operator's token: the answer is validated with
 * the shared schema, a refusal becomes a ConsoleApiError carrying the server's Chinese message.
 * `answerStatuses` are refusals that carry an answer (an import's row errors, 422).
 * Every console screen's API module goes through here.
 */
export async function consoleRequest<S extends z.ZodType>(
  schema: S,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  body?: unknown,
  options: { answerStatuses?: readonly number[] } = {},
): Promise<z.output<S>> {
  const sent = await send(method, path, body)
  const json: unknown = await sent.response.json().catch(() => undefined)
  if (!sent.response.ok && !options.answerStatuses?.includes(sent.response.status)) {
    throw refusal(sent, json, `服务器返回错误（${sent.response.status}），请稍后重试`)
  }
  return schema.parse(json)
}

export async function login(username: string, password: string): Promise<Session> {
  const answer = await consoleRequest(loginResponseSchema, 'POST', '/admin/login', { username, password })
  const session: Session = { token: answer.token, operator: answer.operator, expiresAt: answer.expiresAt }
  setSession(session)
  return session
}

export async function listIntakes(filter: {
  stationCode?: string
  status?: IntakeStatus
  itemName?: string
  /** 办件编号、申请人姓名、手机号或身份证号 (the server's `q`). */
  search?: string
  missingFiles?: boolean
  overdue?: boolean
}): Promise<AdminIntake[]> {
  const query = new URLSearchParams({ limit: '1000' })
  if (filter.stationCode) query.set('stationCode', filter.stationCode)
  if (filter.status) query.set('status', filter.status)
  if (filter.itemName) query.set('itemName', filter.itemName)
  if (filter.search) query.set('q', filter.search)
  if (filter.missingFiles !== undefined) query.set('missingFiles', String(filter.missingFiles))
  if (filter.overdue) query.set('overdue', 'true')
  return (await consoleRequest(adminIntakeListResponseSchema, 'GET', `/admin/intakes?${query.toString()}`)).intakes
}

type Attachment = { blob: Blob; filename: string }

/** An attachment's bytes for preview: a file, not JSON, but behind the same operator token. */
export async function fetchAttachment(sha256: string): Promise<Attachment> {
  const { blob, filename } = await fetchBytes(`/admin/files/${encodeURIComponent(sha256)}`, '读取附件失败')
  return { blob, filename: filename ?? `附件-${sha256.slice(0, 8)}` }
}

/** A file the server answers at `path` (not JSON), fetched with the operator's token; `failure` starts the error text. */
export async function fetchBytes(path: string, failure: string): Promise<{ blob: Blob; filename: string | undefined }> {
  const sent = await send('GET', path)
  const { response } = sent
  if (!response.ok) throw refusal(sent, await response.json().catch(() => undefined), `${failure}（${response.status}）`)
  return { blob: await response.blob(), filename: filenameOf(response.headers.get('content-disposition')) }
}

/** The UTF-8 name of `Content-Disposition` (filename*=UTF-8''…), as the server writes it. */
function filenameOf(header: string | null): string | undefined {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header ?? '')?.[1]
  if (!encoded) return undefined
  try {
    return decodeURIComponent(encoded)
  } catch {
    return undefined
  }
}

/** One intake and, for a 一件事一次办 intake, its sitting's other intakes. */
export async function getIntakeDetail(id: string): Promise<AdminIntakeResponse> {
  return consoleRequest(adminIntakeResponseSchema, 'GET', `/admin/intakes/${encodeURIComponent(id)}`)
}

export async function decideIntake(id: string, decision: DecisionRequest): Promise<IntakeDecision> {
  const checked = decisionRequestSchema.safeParse(decision)
  if (!checked.success) throw new ConsoleApiError(checked.error.issues[0]?.message ?? '决定内容不完整', 400)
  return consoleRequest(intakeDecisionSchema, 'POST', `/admin/intakes/${encodeURIComponent(id)}/decision`, checked.data)
}

export async function listStations(): Promise<AdminStation[]> {
  return (await consoleRequest(adminStationListResponseSchema, 'GET', '/admin/stations')).stations
}

export async function issueEnrollmentCode(stationCode: string): Promise<AdminEnrollmentCode> {
  return consoleRequest(adminEnrollmentCodeSchema, 'POST', `/admin/stations/${encodeURIComponent(stationCode)}/enrollment-codes`, {})
}

/** 作废注册码: the station's unused codes stop working; enrolled devices carry on. */
export async function revokeEnrollmentCodes(stationCode: string): Promise<RevokeEnrollmentCodesResponse> {
  return consoleRequest(revokeEnrollmentCodesResponseSchema, 'POST', `/admin/stations/${encodeURIComponent(stationCode)}/enrollment-codes/revoke`, {})
}

/** 停用设备: the device's token stops working at once (its pull and push answer 401). */
export async function revokeDevice(deviceId: string): Promise<RevokeDeviceResponse> {
  return consoleRequest(revokeDeviceResponseSchema, 'POST', `/admin/devices/${encodeURIComponent(deviceId)}/revoke`, {})
}

/** 同步记录: the device's last sync and its logged pulls, pushes, uploads and reconciles, newest first. */
export async function getDeviceSyncLog(deviceId: string): Promise<DeviceSyncLogResponse> {
  return consoleRequest(deviceSyncLogResponseSchema, 'GET', `/admin/devices/${encodeURIComponent(deviceId)}/sync-log`)
}

/** Checks what a form is about to send, so the operator reads the same Chinese message the server would give. */
export function checkedInput<S extends z.ZodType>(schema: S, value: unknown, fallback = '填写的内容不完整'): z.output<S> {
  const result = schema.safeParse(value)
  if (!result.success) throw new ConsoleApiError(result.error.issues[0]?.message ?? fallback, 400)
  return result.data
}
