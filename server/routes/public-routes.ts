import { enrollRequestSchema, enrollResponseSchema, healthResponseSchema, PROTOCOL_VERSION } from '../../shared/protocol'
import { z } from '../../shared/zod'
import type { CountyConfig } from '../config'
import type { Database } from '../db/database'
import { buildOpenApiDocument, type OpenApiDocument } from '../http/openapi'
import type { Router } from '../http/router'
import { enrollDevice } from '../services/stations/enrollment-service'
import { limitFailedAttempts } from '../services/rate-limits/rate-limit-service'
import { enrollRules } from '../services/rate-limits/rate-rules'

export function registerPublicRoutes(router: Router, deps: { db: Database; config: CountyConfig }): void {
  router.define(
    {
      method: 'GET',
      url: '/health',
      operationId: 'health',
      summary: '连通性探测：站点据此判断能否连上县级服务器',
      auth: 'none',
      response: healthResponseSchema,
      errors: [],
    },
    async () => ({
      status: 'ok' as const,
      county: deps.config.county,
      serverTime: new Date().toISOString(),
      protocolVersion: PROTOCOL_VERSION,
    }),
  )

  // Built on first request, when every route (this one included) is registered.
  let document: OpenApiDocument | undefined
  router.define(
    {
      method: 'GET',
      url: '/openapi.json',
      operationId: 'openapi',
      summary: '本接口的 OpenAPI 3.1 文档，由 zod 模式生成',
      auth: 'none',
      response: z.record(z.string(), z.unknown()),
      errors: [],
    },
    async () => (document ??= buildOpenApiDocument(router.routes, deps.config.county, router.rawRoutes)),
  )

  router.define(
    {
      method: 'POST',
      url: '/enroll',
      operationId: 'enroll',
      summary: '用一次性注册码为某站点注册设备，返回设备令牌',
      auth: 'none',
      body: enrollRequestSchema,
      response: enrollResponseSchema,
      errors: [400, 401, 413, 429],
    },
    async ({ body, request }) => limitFailedAttempts(deps.db, enrollRules(deps.config, request.ip), '注册码错误次数过多', () => enrollDevice(deps.db, body)),
  )
}
