import { dashboardSchema, type Dashboard } from '../../shared/dashboard'
import type { EvaluationFollowUpStatus } from '../../shared/evaluation'
import {
  evaluationFollowUpRequestSchema,
  reportFollowUpRequestSchema,
  type EvaluationFollowUpRequest,
  type ReportFollowUpRequest,
} from '../../shared/follow-up'
import {
  adminEvaluationListResponseSchema,
  adminEvaluationSchema,
  adminReportListResponseSchema,
  adminReportSchema,
  type AdminEvaluation,
  type AdminReport,
} from '../../shared/follow-up-admin'
import { API_PREFIX } from '../../shared/protocol'
import type { ReportStatus } from '../../shared/report'
import type { z } from '../../shared/zod'
import { ConsoleApiError, currentSession, signOut } from './api'

/**
 * The 好差评, 办不成事 and dashboard screens' calls to the county server. Like api.ts, each
 * validates what it sends and what comes back with the shared schemas.
 */

async function call<S extends z.ZodType>(schema: S, method: 'GET' | 'POST', path: string, body?: unknown): Promise<z.output<S>> {
  const token = currentSession()?.token
  const headers: Record<string, string> = {}
  if (token) headers.authorization = `Bearer ${token}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(`${API_PREFIX}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  } catch {
    throw new ConsoleApiError('无法连接县级服务器，请检查网络后重试', 0)
  }
  const json: unknown = await response.json().catch(() => undefined)
  if (!response.ok) {
    const message = (json as { error?: { message?: string } } | undefined)?.error?.message ?? `服务器返回错误（${response.status}），请稍后重试`
    if (response.status === 401 && token) signOut()
    throw new ConsoleApiError(message, response.status)
  }
  return schema.parse(json)
}

/** Checked before sending, so the operator reads the same Chinese message the server would give. */
function checked<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value)
  if (!result.success) throw new ConsoleApiError(result.error.issues[0]?.message ?? '内容不完整', 400)
  return result.data
}

export type EvaluationFilter = { stationCode?: string; rating?: number; followUpStatus?: EvaluationFollowUpStatus; overdue?: boolean }

export async function listEvaluations(filter: EvaluationFilter): Promise<AdminEvaluation[]> {
  const query = new URLSearchParams({ limit: '1000' })
  if (filter.stationCode) query.set('stationCode', filter.stationCode)
  if (filter.rating !== undefined) query.set('rating', String(filter.rating))
  if (filter.followUpStatus) query.set('followUpStatus', filter.followUpStatus)
  if (filter.overdue !== undefined) query.set('overdue', String(filter.overdue))
  return (await call(adminEvaluationListResponseSchema, 'GET', `/admin/evaluations?${query.toString()}`)).evaluations
}

export async function followUpEvaluation(id: string, request: EvaluationFollowUpRequest): Promise<AdminEvaluation> {
  return call(adminEvaluationSchema, 'POST', `/admin/evaluations/${encodeURIComponent(id)}/follow-up`, checked(evaluationFollowUpRequestSchema, request))
}

export async function listReports(filter: { stationCode?: string; status?: ReportStatus }): Promise<AdminReport[]> {
  const query = new URLSearchParams({ limit: '1000' })
  if (filter.stationCode) query.set('stationCode', filter.stationCode)
  if (filter.status) query.set('status', filter.status)
  return (await call(adminReportListResponseSchema, 'GET', `/admin/reports?${query.toString()}`)).reports
}

export async function followUpReport(id: string, request: ReportFollowUpRequest): Promise<AdminReport> {
  return call(adminReportSchema, 'POST', `/admin/reports/${encodeURIComponent(id)}/follow-up`, checked(reportFollowUpRequestSchema, request))
}

export async function getDashboard(): Promise<Dashboard> {
  return call(dashboardSchema, 'GET', '/admin/dashboard')
}
