import {
  adminEvaluationListQuerySchema,
  adminEvaluationListResponseSchema,
  adminFollowUpListQuerySchema,
  adminReportListResponseSchema,
} from '../../shared/follow-up-admin'
import type { Database } from '../db/database'
import type { Router } from '../http/router'
import { listAdminEvaluations, listAdminReports } from '../services/follow-up-admin-service'

/** The console's read-only view of 好差评 and 办不成事 reports sent up by stations. */
export function registerFollowUpAdminRoutes(router: Router, deps: { db: Database }): void {
  router.define(
    {
      method: 'GET',
      url: '/admin/evaluations',
      operationId: 'adminListEvaluations',
      summary: '好差评列表（可按站点、办件筛选），最新收到的在前；差评附整改状态和期限',
      auth: 'operator',
      query: adminEvaluationListQuerySchema,
      response: adminEvaluationListResponseSchema,
      errors: [400, 401],
    },
    async ({ query }) => listAdminEvaluations(deps.db, query),
  )

  router.define(
    {
      method: 'GET',
      url: '/admin/reports',
      operationId: 'adminListReports',
      summary: '办不成事反映列表（可按站点筛选），最新收到的在前',
      auth: 'operator',
      query: adminFollowUpListQuerySchema,
      response: adminReportListResponseSchema,
      errors: [400, 401],
    },
    async ({ query }) => listAdminReports(deps.db, query),
  )
}
