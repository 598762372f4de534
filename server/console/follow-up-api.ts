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
import type { ReportStatus } from '../../shared/report'
import { checkedInput, consoleRequest } from './api'

/**
 * The 好差评, 办不成事 and dashboard screens' calls to the county server. Like api.ts, each
 * validates what it sends and what comes back with the shared schemas.
 */

type EvaluationFilter = { stationCode?: string; rating?: number; followUpStatus?: EvaluationFollowUpStatus; overdue?: boolean }

export async function listEvaluations(filter: EvaluationFilter): Promise<AdminEvaluation[]> {
  const query = new URLSearchParams({ limit: '1000' })
  if (filter.stationCode) query.set('stationCode', filter.stationCode)
  if (filter.rating !== undefined) query.set('rating', String(filter.rating))
  if (filter.followUpStatus) query.set('followUpStatus', filter.followUpStatus)
  if (filter.overdue !== undefined) query.set('overdue', String(filter.overdue))
  return (await consoleRequest(adminEvaluationListResponseSchema, 'GET', `/admin/evaluations?${query.toString()}`)).evaluations
}

export async function followUpEvaluation(id: string, request: EvaluationFollowUpRequest): Promise<AdminEvaluation> {
  return consoleRequest(
    adminEvaluationSchema,
    'POST',
    `/admin/evaluations/${encodeURIComponent(id)}/follow-up`,
    checkedInput(evaluationFollowUpRequestSchema, request),
  )
}

export async function listReports(filter: { stationCode?: string; status?: ReportStatus }): Promise<AdminReport[]> {
  const query = new URLSearchParams({ limit: '1000' })
  if (filter.stationCode) query.set('stationCode', filter.stationCode)
  if (filter.status) query.set('status', filter.status)
  return (await consoleRequest(adminReportListResponseSchema, 'GET', `/admin/reports?${query.toString()}`)).reports
}

export async function followUpReport(id: string, request: ReportFollowUpRequest): Promise<AdminReport> {
  return consoleRequest(adminReportSchema, 'POST', `/admin/reports/${encodeURIComponent(id)}/follow-up`, checkedInput(reportFollowUpRequestSchema, request))
}

export async function getDashboard(): Promise<Dashboard> {
  return consoleRequest(dashboardSchema, 'GET', '/admin/dashboard')
}
