import {
  adminEnrollmentCodeSchema,
  adminIntakeListQuerySchema,
  adminIntakeListResponseSchema,
  adminIntakeResponseSchema,
  adminStationListResponseSchema,
  adminStationSchema,
  deviceIdParamsSchema,
  deviceSyncLogResponseSchema,
  intakeIdParamsSchema,
  issueEnrollmentCodeRequestSchema,
  revokeEnrollmentCodesRequestSchema,
  revokeEnrollmentCodesResponseSchema,
  loginRequestSchema,
  loginResponseSchema,
  revokeDeviceRequestSchema,
  revokeDeviceResponseSchema,
  stationCodeParamsSchema,
} from '../../shared/admin'
import { decisionRequestSchema, intakeDecisionSchema } from '../../shared/decision'
import { catalogImportRequestSchema } from '../../shared/catalog-admin'
import { setStationItemsRequestSchema, stationItemsSchema } from '../../shared/station'
import {
  assignStationItemsRequestSchema,
  assignStationItemsResponseSchema,
  createStationRequestSchema,
  stationImportResponseSchema,
  updateStationRequestSchema,
} from '../../shared/station-admin'
import type { CountyConfig } from '../config'
import type { Database } from '../db/database'
import type { Router } from '../http/router'
import { getAdminIntakeBundle } from '../services/intake/intake-bundle-service'
import { decideIntake, getAdminIntake, listAdminIntakes } from '../services/intake/intake-decision-service'
import { loginOperator } from '../services/operators/operator-auth-service'
import {
  getAdminStation,
  issueStationEnrollmentCode,
  listAdminStations,
  revokeStationDevice,
  revokeStationEnrollmentCodes,
} from '../services/stations/station-admin-service'
import { assignStationItems, getStationItems, setStationItems } from '../services/catalog/station-items-service'
import { createStation, importStations, updateStationDetails } from '../services/stations/station-registry-service'
import { getDeviceSyncLog } from '../services/sync/sync-log-service'

export function registerAdminRoutes(router: Router, deps: { db: Database; config: CountyConfig }): void {
  router.define(
    {
      method: 'POST',
      url: '/admin/login',
      operationId: 'adminLogin',
      summary: '县级操作员登录',
      auth: 'none',
      body: loginRequestSchema,
      response: loginResponseSchema,
      errors: [400, 401, 429],
    },
    async ({ body, request }) => loginOperator(deps.db, body, { ip: request.ip, config: deps.config }),
  )

  router.define(
    {
      method: 'GET',
      url: '/admin/intakes',
      operationId: 'adminListIntakes',
      summary:
        '办件列表（可按站点、状态、事项名称、缺少附件、超期筛选；q 按办件编号、申请人姓名、手机号或身份证号搜索，号码经密钥散列精确匹配），最新的在前；部门审核人员只看到本部门实施的事项的办件',
      auth: 'operator',
      query: adminIntakeListQuerySchema,
      response: adminIntakeListResponseSchema,
      errors: [400, 401],
    },
    async ({ query, auth }) => listAdminIntakes(deps.db, auth, query, new Date()),
  )

  router.define(
    {
      method: 'GET',
      url: '/admin/intakes/:id',
      operationId: 'adminGetIntake',
      summary: '单个办件：站点提交的内容与县级决定；一件事一次办的办件另附同批办件（bundle）',
      auth: 'operator',
      params: intakeIdParamsSchema,
      response: adminIntakeResponseSchema,
      errors: [400, 401, 403, 404],
    },
    async ({ params, auth, request }) => {
      const intake = await getAdminIntake(deps.db, auth, params.id, request.log)
      return { intake, bundle: await getAdminIntakeBundle(deps.db, auth, intake) }
    },
  )

  router.define(
    {
      method: 'POST',
      url: '/admin/intakes/:id/decision',
      operationId: 'adminDecideIntake',
      summary: '对办件作出决定（受理、补正、不予受理、办结、送达），并下发给提交站点',
      auth: 'operator',
      params: intakeIdParamsSchema,
      body: decisionRequestSchema,
      response: intakeDecisionSchema,
      errors: [400, 401, 403, 404, 409],
    },
    async ({ params, body, auth, request }) => decideIntake(deps.db, auth, params.id, body, new Date(), request.log),
  )

  router.define(
    {
      method: 'GET',
      url: '/admin/stations',
      operationId: 'adminListStations',
      summary: '站点列表：每个站点当前可用的注册码及已注册的设备（含最近连接时间）',
      auth: 'operator',
      response: adminStationListResponseSchema,
      errors: [401],
    },
    async () => listAdminStations(deps.db),
  )

  router.define(
    {
      method: 'POST',
      url: '/admin/stations',
      operationId: 'adminCreateStation',
      summary: '新建站点（乡镇便民服务中心或村(社区)便民服务站）：编码不能与已有站点重复；新站点尚无进驻事项和设备；仅县级管理员',
      auth: 'operator',
      body: createStationRequestSchema,
      response: adminStationSchema,
      errors: [400, 401, 403, 409],
    },
    async ({ body, auth, request }) => {
      await createStation(deps.db, auth, body, deps.config.county, request.log)
      return getAdminStation(deps.db, body.code)
    },
  )

  router.define(
    {
      method: 'PATCH',
      url: '/admin/stations/:code',
      operationId: 'adminUpdateStation',
      summary:
        '编辑站点（名称、类型、所属乡镇、地址、联系电话），或停用（active: false）、启用（active: true）。停用后该站点的设备不能再同步（403），未使用的注册码作废，也不能签发新注册码；仅县级管理员',
      auth: 'operator',
      params: stationCodeParamsSchema,
      body: updateStationRequestSchema,
      response: adminStationSchema,
      errors: [400, 401, 403, 404],
    },
    async ({ params, body, auth, request }) => {
      await updateStationDetails(deps.db, auth, params.code, body, request.log)
      return getAdminStation(deps.db, params.code)
    },
  )

  router.define(
    {
      method: 'POST',
      url: '/admin/stations/import',
      operationId: 'adminImportStations',
      summary:
        '导入站点清单（CSV 或 XLSX，base64；列：站点编码、站点名称、类型、所属乡镇、地址、联系电话）。有错误时答 422 并列出每个错误的行号和列名，不做任何改动；全部正确时在一个事务中新建或更新站点；仅县级管理员',
      auth: 'operator',
      body: catalogImportRequestSchema,
      response: stationImportResponseSchema,
      errors: [400, 401, 403, 413, 422],
    },
    async ({ body, auth, reply, request }) => {
      const answer = await importStations(deps.db, auth, body, deps.config.county, request.log)
      if (!answer.ok) reply.code(422)
      return answer
    },
  )

  router.define(
    {
      method: 'POST',
      url: '/admin/station-items/assign',
      operationId: 'adminAssignStationItems',
      summary: '批量设置进驻事项：所选站点按模板（行使层级、按站点类型的标准清单、复制另一站点）替换或追加进驻事项，并在各站点下次拉取时下发；仅县级管理员',
      auth: 'operator',
      body: assignStationItemsRequestSchema,
      response: assignStationItemsResponseSchema,
      errors: [400, 401, 403, 404],
    },
    async ({ body, auth, request }) => assignStationItems(deps.db, auth, body, request.log),
  )

  router.define(
    {
      method: 'POST',
      url: '/admin/stations/:code/enrollment-codes',
      operationId: 'adminIssueEnrollmentCode',
      summary: '为站点签发新的一次性注册码；该站点此前未使用的注册码随即作废；仅县级管理员',
      auth: 'operator',
      params: stationCodeParamsSchema,
      body: issueEnrollmentCodeRequestSchema,
      response: adminEnrollmentCodeSchema,
      errors: [400, 401, 403, 404],
    },
    async ({ params, body, auth }) => issueStationEnrollmentCode(deps.db, auth, params.code, body.validDays ?? deps.config.enrollmentCodeDays),
  )

  router.define(
    {
      method: 'POST',
      url: '/admin/stations/:code/enrollment-codes/revoke',
      operationId: 'adminRevokeEnrollmentCodes',
      summary: '作废站点所有未使用的注册码（已注册的设备不受影响）；仅县级管理员',
      auth: 'operator',
      params: stationCodeParamsSchema,
      body: revokeEnrollmentCodesRequestSchema,
      response: revokeEnrollmentCodesResponseSchema,
      errors: [400, 401, 403, 404],
    },
    async ({ params, auth, request }) => revokeStationEnrollmentCodes(deps.db, auth, params.code, request.log),
  )

  router.define(
    {
      method: 'POST',
      url: '/admin/devices/:id/revoke',
      operationId: 'adminRevokeDevice',
      summary: '停用设备：其令牌随即失效，拉取和上传均返回 401；已停用的设备保持原停用时间',
      auth: 'operator',
      params: deviceIdParamsSchema,
      body: revokeDeviceRequestSchema,
      response: revokeDeviceResponseSchema,
      errors: [400, 401, 403, 404],
    },
    async ({ params, body, auth, request }) => revokeStationDevice(deps.db, auth, { deviceId: params.id, reason: body.reason }, request.log),
  )

  router.define(
    {
      method: 'GET',
      url: '/admin/devices/:id/sync-log',
      operationId: 'adminDeviceSyncLog',
      summary: '设备的同步记录：最近一次同步及其拉取、上传变更、附件上传、日终对账的记录（含条数与状态码），最新的在前',
      auth: 'operator',
      params: deviceIdParamsSchema,
      response: deviceSyncLogResponseSchema,
      errors: [400, 401, 404],
    },
    async ({ params }) => getDeviceSyncLog(deps.db, params.id),
  )

  router.define(
    {
      method: 'GET',
      url: '/admin/stations/:code/items',
      operationId: 'adminGetStationItems',
      summary: '站点的进驻事项（事项实施编码）',
      auth: 'operator',
      params: stationCodeParamsSchema,
      response: stationItemsSchema,
      errors: [400, 401, 404],
    },
    async ({ params }) => getStationItems(deps.db, params.code),
  )

  router.define(
    {
      method: 'POST',
      url: '/admin/stations/:code/items',
      operationId: 'adminSetStationItems',
      summary: '以新清单整体替换站点的进驻事项，并在该站点下次拉取时下发；仅县级管理员',
      auth: 'operator',
      params: stationCodeParamsSchema,
      body: setStationItemsRequestSchema,
      response: stationItemsSchema,
      errors: [400, 401, 403, 404],
    },
    async ({ params, body, auth, request }) => setStationItems(deps.db, auth, params.code, body.itemIds, request.log),
  )
}
