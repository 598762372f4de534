import {
  adminOperatorListResponseSchema,
  adminOperatorResponseSchema,
  createOperatorRequestSchema,
  disableOperatorRequestSchema,
  logoutRequestSchema,
  logoutResponseSchema,
  operatorUsernameParamsSchema,
  resetOperatorPasswordRequestSchema,
  unlockOperatorRequestSchema,
  unlockOperatorResponseSchema,
} from '../../shared/operator-admin'
import type { Database } from '../db/database'
import { bearerToken } from '../http/bearer-token'
import type { Router } from '../http/router'
import { createOperator, disableOperatorAccount, listAdminOperators, resetOperatorPassword } from '../services/operators/operator-admin-service'
import { logoutOperator } from '../services/operators/operator-auth-service'
import { unlockOperatorLogin } from '../services/operators/operator-lockout-service'

/** 退出登录 and the administrator's 账号管理. */
export function registerOperatorAdminRoutes(router: Router, deps: { db: Database }): void {
  router.define(
    {
      method: 'POST',
      url: '/admin/logout',
      operationId: 'adminLogout',
      summary: '退出登录：删除本次登录的会话，令牌随即失效',
      auth: 'operator',
      body: logoutRequestSchema,
      response: logoutResponseSchema,
      errors: [401],
    },
    async ({ request }) => {
      await logoutOperator(deps.db, bearerToken(request.headers.authorization))
      return { loggedOut: true as const }
    },
  )

  router.define(
    {
      method: 'GET',
      url: '/admin/operators',
      operationId: 'adminListOperators',
      summary: '管理后台账号列表及事项目录中的实施部门；仅县级管理员',
      auth: 'operator',
      response: adminOperatorListResponseSchema,
      errors: [401, 403],
    },
    async ({ auth }) => listAdminOperators(deps.db, auth),
  )

  router.define(
    {
      method: 'POST',
      url: '/admin/operators',
      operationId: 'adminCreateOperator',
      summary: '新建账号（县级管理员，或属于某实施部门的部门审核人员）并设置初始密码；仅县级管理员',
      auth: 'operator',
      body: createOperatorRequestSchema,
      response: adminOperatorResponseSchema,
      errors: [400, 401, 403, 409],
    },
    async ({ auth, body, request }) => ({ operator: await createOperator(deps.db, auth, body, request.log) }),
  )

  router.define(
    {
      method: 'POST',
      url: '/admin/operators/:username/password',
      operationId: 'adminResetOperatorPassword',
      summary: '重置账号密码，该账号已登录的会话全部失效；仅县级管理员',
      auth: 'operator',
      params: operatorUsernameParamsSchema,
      body: resetOperatorPasswordRequestSchema,
      response: adminOperatorResponseSchema,
      errors: [400, 401, 403, 404, 409],
    },
    async ({ auth, params, body, request }) => ({ operator: await resetOperatorPassword(deps.db, auth, params.username, body.password, request.log) }),
  )

  router.define(
    {
      method: 'POST',
      url: '/admin/operators/:username/disable',
      operationId: 'adminDisableOperator',
      summary: '停用账号：不能再登录，已登录的会话随即失效；不能停用自己；仅县级管理员',
      auth: 'operator',
      params: operatorUsernameParamsSchema,
      body: disableOperatorRequestSchema,
      response: adminOperatorResponseSchema,
      errors: [400, 401, 403, 404, 409],
    },
    async ({ auth, params, body, request }) => ({ operator: await disableOperatorAccount(deps.db, auth, params.username, body.reason, request.log) }),
  )

  router.define(
    {
      method: 'POST',
      url: '/admin/operators/:username/unlock',
      operationId: 'adminUnlockOperator',
      summary: '解除锁定：清除该账号在各地址的登录失败次数，使其可立即重新登录；仅县级管理员',
      auth: 'operator',
      params: operatorUsernameParamsSchema,
      body: unlockOperatorRequestSchema,
      response: unlockOperatorResponseSchema,
      errors: [400, 401, 403, 404],
    },
    async ({ auth, params, request }) => unlockOperatorLogin(deps.db, auth, params.username, request.log),
  )
}
