import { API_PREFIX, errorBodySchema, PROTOCOL_VERSION } from '../../shared/protocol'
import { z } from '../../shared/zod'
import type { DocumentedOperation, RawRouteSpec, RouteSpec } from './router'

type JsonSchema = Record<string, unknown>
export type OpenApiDocument = Record<string, unknown> & { paths: Record<string, Record<string, Record<string, unknown>>> }

const STATUS_TEXT: Record<number, string> = {
  400: '请求内容或参数无效',
  401: '未登录、令牌无效或注册码无效',
  403: '无权访问其他站点的数据',
  404: '未找到',
  409: '与当前状态冲突',
  412: '协议版本不受支持（Tus-Resumable）',
  413: '请求内容过大',
  415: '内容类型不正确',
  460: 'SHA-256 校验不一致，未保存',
}

/** The error answer of a raw route, for hand-written operations. */
export function errorResponses(statuses: readonly number[]): Record<string, unknown> {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: STATUS_TEXT[status] ?? '错误', content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } },
    ]),
  )
}

const SECURITY_BY_AUTH = { none: [], device: [{ deviceToken: [] }], operator: [{ operatorToken: [] }] }

/** OpenAPI 3.1 from the same route specs that register the routes, schemas from zod 4's toJSONSchema. */
export function buildOpenApiDocument(
  routes: readonly RouteSpec[],
  county: { code: string; name: string },
  rawRoutes: readonly (RawRouteSpec | DocumentedOperation)[] = [],
): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {}
  const pathOf = (url: string) => `${API_PREFIX}${url.replace(/:([A-Za-z_]\w*)/g, '{$1}')}`
  for (const route of routes) {
    const path = pathOf(route.url)
    paths[path] ??= {}
    paths[path][route.method.toLowerCase()] = operationOf(route)
  }
  // Routes that do not speak JSON carry their operation as written, errors as ErrorBody.
  for (const route of rawRoutes) {
    const path = pathOf(route.url)
    paths[path] ??= {}
    paths[path][route.method.toLowerCase()] = {
      security: SECURITY_BY_AUTH[route.auth],
      parameters: 'params' in route ? parametersOf(route.params, 'path') : [],
      ...route.openapi,
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `便民服务站 县级服务器 API（${county.name}）`,
      version: String(PROTOCOL_VERSION),
      description: '乡镇、村(社区)便民服务站与县级服务器之间的同步接口，以及县级管理后台接口。',
    },
    paths,
    components: {
      schemas: { ErrorBody: jsonSchema(errorBodySchema, 'output') },
      securitySchemes: {
        deviceToken: { type: 'http', scheme: 'bearer', description: '设备注册后获得的令牌' },
        operatorToken: { type: 'http', scheme: 'bearer', description: '县级操作员登录后获得的令牌' },
      },
    },
  }
}

function operationOf(route: RouteSpec): Record<string, unknown> {
  const operation: Record<string, unknown> = {
    operationId: route.operationId,
    summary: route.summary,
    security: SECURITY_BY_AUTH[route.auth],
    parameters: [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')],
    responses: {
      200: { description: '成功', content: { 'application/json': { schema: jsonSchema(route.response, 'output') } } },
      // Every device request is counted (server/services/rate-limits/rate-rules.ts): past the limit, 429 with Retry-After.
      ...errorResponses(route.auth === 'device' && !route.errors.includes(429) ? [...route.errors, 429] : route.errors),
    },
  }
  if (route.body) {
    operation.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } }
  }
  return operation
}

function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query'): Record<string, unknown>[] {
  if (!schema) return []
  const objectSchema = jsonSchema(schema, 'input')
  const properties = (objectSchema.properties ?? {}) as Record<string, JsonSchema>
  const required = new Set((objectSchema.required ?? []) as string[])
  return Object.entries(properties).map(([name, propertySchema]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    schema: propertySchema,
  }))
}

/**
 * Requests are documented as the client writes them (`input`: before defaults and
 * transforms), responses as the server sends them (`output`). Transforms have no
 * JSON Schema; `unrepresentable: 'any'` documents them as their input type.
 */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema
  return rest
}
