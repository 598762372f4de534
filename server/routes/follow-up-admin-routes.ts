import { dashboardSchema } from '../../shared/dashboard'
import { evaluationFollowUpRequestSchema, reportFollowUpRequestSchema } from '../../shared/follow-up'
import {
  adminEvaluationListQuerySchema,
  adminEvaluationListResponseSchema,
  adminEvaluationSchema,
  adminReportListQuerySchema,
  adminReportListResponseSchema,
  adminReportSchema,
  followUpIdParamsSchema,
} from '../../shared/follow-up-admin'
import type { z } from '../../shared/zod'
import type { Database } from '../db/database'
import type { RouteInput, RouteSpec, Router } from '../http/router'
import { readDashboard } from '../services/statistics/dashboard-service'
import { followUpEvaluation, followUpReport, listAdminEvaluations, listAdminReports } from '../services/feedback/follow-up-admin-service'

/** The console's 好差评 and 办不成事 follow-up, and the dashboard that sums them up. */
export function registerFollowUpAdminRoutes(router: Router, deps: { db: Database }): void {
  defineFollowUp(router, {
    list: {
      url: '/admin/evaluations',
      operationId: 'adminListEvaluations',
      summary: '好差评列表（可按站点、办件、评价等级、整改状态、是否逾期筛选），最新收到的在前；差评附整改状态、期限和整改记录；部门审核人员只见本部门事项的',
      query: adminEvaluationListQuerySchema,
      response: adminEvaluationListResponseSchema,
    },
    listed: async ({ query, auth }) => listAdminEvaluations(deps.db, auth, query),
    step: {
      url: '/admin/evaluations/:id/follow-up',
      operationId: 'adminFollowUpEvaluation',
      summary: '差评整改的一步（开始整改、登记回访、整改完成、无法整改）；已整改须先有群众满意的回访',
      body: evaluationFollowUpRequestSchema,
      response: adminEvaluationSchema,
    },
    stepped: async ({ params, body, auth }) => followUpEvaluation(deps.db, auth, params.id, body),
  })

  defineFollowUp(router, {
    list: {
      url: '/admin/reports',
      operationId: 'adminListReports',
      summary: '办不成事反映列表（可按站点、办理状态筛选），最新收到的在前；部门审核人员只见涉及本部门事项的',
      query: adminReportListQuerySchema,
      response: adminReportListResponseSchema,
    },
    listed: async ({ query, auth }) => listAdminReports(deps.db, auth, query),
    step: {
      url: '/admin/reports/:id/follow-up',
      operationId: 'adminFollowUpReport',
      summary: '办不成事反映办理的一步（受理、开始办理、已解决、无法解决），并下发给上报站点；办结须答复群众',
      body: reportFollowUpRequestSchema,
      response: adminReportSchema,
    },
    stepped: async ({ params, body, auth }) => followUpReport(deps.db, auth, params.id, body),
  })

  router.define(
    {
      method: 'GET',
      url: '/admin/dashboard',
      operationId: 'adminDashboard',
      summary: '首页统计：近14天各站点收件量、逾期办件、评价分布与未整改差评、未办结反映、各设备同步情况',
      auth: 'operator',
      response: dashboardSchema,
      errors: [401],
    },
    async () => readDashboard(deps.db),
  )
}

type Described = Pick<RouteSpec, 'url' | 'operationId' | 'summary'>

/**
 * The two routes of one kind of follow-up, the same for 差评 and for reports: the operator's
 * filtered list, and one step on one record by id (403 outside the reviewer's department,
 * 409 when the follow-up machine refuses the step).
 */
function defineFollowUp<Q extends z.ZodType, L extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  router: Router,
  kind: {
    list: Described & { query: Q; response: L }
    listed: (input: RouteInput<'operator', Q, undefined, undefined>) => Promise<z.input<L>>
    step: Described & { body: B; response: R }
    stepped: (input: RouteInput<'operator', undefined, typeof followUpIdParamsSchema, B>) => Promise<z.input<R>>
  },
): void {
  router.define({ ...kind.list, method: 'GET', auth: 'operator', errors: [400, 401] }, kind.listed)
  router.define({ ...kind.step, method: 'POST', auth: 'operator', params: followUpIdParamsSchema, errors: [400, 401, 403, 404, 409] }, kind.stepped)
}
