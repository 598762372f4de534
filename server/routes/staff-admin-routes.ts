import { stationCodeParamsSchema } from '../../shared/admin'
import {
  adminStaffListResponseSchema,
  adminStaffSchema,
  createStaffRequestSchema,
  resetStaffPasswordRequestSchema,
  staffParamsSchema,
  updateStaffRequestSchema,
} from '../../shared/staff'
import type { Database } from '../db/database'
import type { Router } from '../http/router'
import { createStationStaff, listStationStaff, resetStationStaffPassword, updateStationStaff } from '../services/stations/station-staff-service'

/** 站点人员: the county administrator keeps each station's staff accounts; the station pulls them. */
export function registerStaffAdminRoutes(router: Router, deps: { db: Database }): void {
  router.define(
    {
      method: 'GET',
      url: '/admin/stations/:code/staff',
      operationId: 'adminListStationStaff',
      summary: '站点人员账号列表（含已停用的；不含密码摘要）',
      auth: 'operator',
      params: stationCodeParamsSchema,
      response: adminStaffListResponseSchema,
      errors: [400, 401, 404],
    },
    async ({ params }) => ({ staff: await listStationStaff(deps.db, params.code) }),
  )

  router.define(
    {
      method: 'POST',
      url: '/admin/stations/:code/staff',
      operationId: 'adminCreateStationStaff',
      summary: '新增站点人员账号（代办员、综合窗口、站点负责人），该站点下次拉取时收到；仅县级管理员',
      auth: 'operator',
      params: stationCodeParamsSchema,
      body: createStaffRequestSchema,
      response: adminStaffSchema,
      errors: [400, 401, 403, 404, 409],
    },
    async ({ params, body, auth, request }) => createStationStaff(deps.db, auth, params.code, body, request.log),
  )

  router.define(
    {
      method: 'POST',
      url: '/admin/stations/:code/staff/:id',
      operationId: 'adminUpdateStationStaff',
      summary: '修改站点人员的姓名、角色，或停用（active=false）、恢复账号；仅县级管理员',
      auth: 'operator',
      params: staffParamsSchema,
      body: updateStaffRequestSchema,
      response: adminStaffSchema,
      errors: [400, 401, 403, 404],
    },
    async ({ params, body, auth, request }) => updateStationStaff(deps.db, auth, params.code, params.id, body, request.log),
  )

  router.define(
    {
      method: 'POST',
      url: '/admin/stations/:code/staff/:id/password',
      operationId: 'adminResetStationStaffPassword',
      summary: '重置站点人员密码；新密码在站点下次同步后生效；仅县级管理员',
      auth: 'operator',
      params: staffParamsSchema,
      body: resetStaffPasswordRequestSchema,
      response: adminStaffSchema,
      errors: [400, 401, 403, 404],
    },
    async ({ params, body, auth, request }) => resetStationStaffPassword(deps.db, auth, params.code, params.id, body, request.log),
  )
}
