import type { SyncLogSummary } from '../../shared/admin'
import {
  pullQuerySchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
  type PushResponse,
  reconcileRequestSchema,
  reconcileResponseSchema,
} from '../../shared/protocol'
import type { Database } from '../db/database'
import { JsonText, type Router } from '../http/router'
import { pullChanges } from '../services/sync/pull-service'
import { pushMutations } from '../services/sync/push-service'
import { reconcileDay } from '../services/sync/reconcile-service'
import { withSyncLog } from '../services/sync/sync-log-service'

export function registerSyncRoutes(router: Router, deps: { db: Database }): void {
  router.define(
    {
      method: 'GET',
      url: '/pull',
      operationId: 'pull',
      summary: '拉取游标之后本站可见的全部变更（事项、站点、本站各设备的办件与评价、办件决定、工作日历、一件事一次办、本站进驻事项），按县级序号从旧到新',
      auth: 'device',
      query: pullQuerySchema,
      response: pullResponseSchema,
      errors: [400, 401],
    },
    async ({ query, auth, request }) => {
      const page = await withSyncLog(
        deps.db,
        auth,
        'pull',
        request.log,
        () => pullChanges(deps.db, auth.stationCode, query),
        ({ changes, more }) => ({ changes, more }),
      )
      return new JsonText(page.json)
    },
  )

  router.define(
    {
      method: 'POST',
      url: '/push',
      operationId: 'push',
      summary: '上传本站的变更（一次上传一个事务，每条一个保存点），按原顺序返回每条的结果',
      auth: 'device',
      body: pushRequestSchema,
      response: pushResponseSchema,
      errors: [400, 401, 403, 413],
    },
    async ({ body, rawBody, auth, request }) => {
      // The body passed the schema, so its raw form has the same array of mutations.
      const rawMutations = (rawBody as { mutations: { payload: unknown }[] }).mutations
      const received = body.mutations.map((mutation, index) => ({ mutation, rawPayload: rawMutations[index]?.payload }))
      return withSyncLog(deps.db, auth, 'push', request.log, () => pushMutations(deps.db, auth, received, request.log), summarizePush)
    },
  )

  router.define(
    {
      method: 'POST',
      url: '/reconcile',
      operationId: 'reconcile',
      summary: '日终对账：站点列出某日的全部变更（id 与载荷摘要），返回县级缺少的、摘要不同的，以及县级所存该站该日变更的摘要',
      auth: 'device',
      body: reconcileRequestSchema,
      response: reconcileResponseSchema,
      errors: [400, 401, 413],
    },
    async ({ body, auth, request }) =>
      withSyncLog(
        deps.db,
        auth,
        'reconcile',
        request.log,
        () => reconcileDay(deps.db, auth, body),
        (answer) => ({
          day: answer.day,
          lacking: answer.lacking.length,
          differing: answer.differing.length,
        }),
      ),
  )
}

function summarizePush(response: PushResponse): SyncLogSummary {
  const count = (status: string) => response.results.filter((result) => result.status === status).length
  return { mutations: response.results.length, applied: count('applied'), duplicate: count('duplicate'), rejected: count('rejected') }
}
