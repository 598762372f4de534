import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Operator } from '../../shared/admin'
import { API_PREFIX } from '../../shared/protocol'
import type { z } from '../../shared/zod'
import type { DeviceIdentity } from '../services/stations/device-auth-service'
import { bearerToken } from './bearer-token'
import { AppError } from '../app-error'
import { findBadText } from './text-guard'
import { badRequestFromZod } from './zod-error'

type AuthKind = 'none' | 'device' | 'operator'
type Schema = z.ZodType
type Output<S> = S extends Schema ? z.output<S> : undefined
type AuthOf<A extends AuthKind> = A extends 'device' ? DeviceIdentity : A extends 'operator' ? Operator : undefined

/** One endpoint: what it takes and answers. The same object registers the route and documents it. */
export type RouteSpec<
  A extends AuthKind = AuthKind,
  Q extends Schema | undefined = Schema | undefined,
  P extends Schema | undefined = Schema | undefined,
  B extends Schema | undefined = Schema | undefined,
  R extends Schema = Schema,
> = {
  method: 'GET' | 'POST' | 'PATCH'
  /** Under API_PREFIX, in Fastify syntax (`/admin/intakes/:id`). */
  url: string
  operationId: string
  summary: string
  auth: A
  query?: Q
  params?: P
  body?: B
  response: R
  /** Error statuses this endpoint may answer; their body is always errorBodySchema. */
  errors: number[]
}

export type RouteInput<A extends AuthKind, Q, P, B> = {
  query: Output<Q>
  params: Output<P>
  body: Output<B>
  /** The body as it arrived, before zod normalised it (hashes are taken over this). */
  rawBody: unknown
  auth: AuthOf<A>
  request: FastifyRequest
  reply: FastifyReply
}

/**
 * An answer already written as JSON text, sent as it is. For a handler that copies stored JSON
 * into its answer rather than parse it and have it written again (pull); the text must still
 * be what the spec's response schema describes.
 */
export class JsonText {
  constructor(readonly text: string) {}
}

type Authenticators = {
  device(token: string | undefined): Promise<DeviceIdentity>
  operator(token: string | undefined): Promise<Operator>
}

/**
 * An endpoint that does not speak JSON (tus uploads, file downloads, HEAD probes): the
 * router still authenticates it and validates its path parameters, the handler answers
 * through `reply` itself, and its OpenAPI operation is written by hand.
 */
export type RawRouteSpec<A extends AuthKind = AuthKind, P extends Schema | undefined = Schema | undefined> = {
  method: 'GET' | 'HEAD' | 'POST' | 'PATCH'
  url: string
  auth: A
  params?: P
  openapi: RawOperation
}

/** An OpenAPI operation object; `responses` and `parameters` as OpenAPI writes them. */
type RawOperation = { operationId: string; summary: string; responses: Record<string, unknown> } & Record<string, unknown>

/** Documented only: answered before routing (the CORS hook answers every OPTIONS). */
export type DocumentedOperation = { method: 'OPTIONS'; url: string; auth: AuthKind; openapi: RawOperation }

type RawRouteInput<A extends AuthKind, P> = { params: Output<P>; auth: AuthOf<A>; request: FastifyRequest; reply: FastifyReply }

export type Router = {
  readonly routes: readonly RouteSpec[]
  readonly rawRoutes: readonly (RawRouteSpec | DocumentedOperation)[]
  defineRaw<A extends AuthKind, P extends Schema | undefined = undefined>(
    spec: RawRouteSpec<A, P>,
    handler: (input: RawRouteInput<A, P>) => Promise<void>,
  ): void
  /** Adds an operation to the OpenAPI document that no route of ours answers (OPTIONS). */
  document(operation: DocumentedOperation): void
  define<
    A extends AuthKind,
    Q extends Schema | undefined = undefined,
    P extends Schema | undefined = undefined,
    B extends Schema | undefined = undefined,
    R extends Schema = Schema,
  >(
    spec: RouteSpec<A, Q, P, B, R>,
    handler: (input: RouteInput<A, Q, P, B>) => Promise<z.input<R> | JsonText>,
  ): void
}

/**
 * Routes only parse and answer: the router authenticates, validates params,
 * query and body with the shared zod schemas (a failure is a 400 naming the
 * field), then hands typed input to the handler, which calls one service.
 */
export function createRouter(app: FastifyInstance, authenticators: Authenticators): Router {
  const routes: RouteSpec[] = []
  const rawRoutes: (RawRouteSpec | DocumentedOperation)[] = []
  return {
    routes,
    rawRoutes,
    defineRaw(spec, handler) {
      rawRoutes.push(spec as RawRouteSpec)
      app.route({
        method: spec.method,
        url: `${API_PREFIX}${spec.url}`,
        // A GET here answers HEAD itself when it wants to (the file download does not).
        exposeHeadRoute: false,
        handler: async (request, reply) => {
          const auth = await authenticate(authenticators, spec.auth, request)
          const input = { params: parse(spec.params, request.params), auth, request, reply } as RawRouteInput<typeof spec.auth, typeof spec.params>
          await handler(input)
          return reply
        },
      })
    },
    document(operation) {
      rawRoutes.push(operation)
    },
    define(spec, handler) {
      routes.push(spec as RouteSpec)
      app.route({
        method: spec.method,
        url: `${API_PREFIX}${spec.url}`,
        handler: async (request, reply) => {
          const auth = await authenticate(authenticators, spec.auth, request)
          const input = {
            params: parse(spec.params, request.params),
            query: parse(spec.query, request.query),
            body: parse(spec.body, request.body),
            rawBody: request.body,
            auth,
            request,
            reply,
          } as RouteInput<typeof spec.auth, typeof spec.query, typeof spec.params, typeof spec.body>
          const answer = await handler(input)
          if (!(answer instanceof JsonText)) return answer
          // A string with a JSON content type is sent as it is, not serialized again.
          return reply.type('application/json; charset=utf-8').send(answer.text)
        },
      })
    },
  }
}

async function authenticate(authenticators: Authenticators, kind: AuthKind, request: FastifyRequest): Promise<unknown> {
  const token = bearerToken(request.headers.authorization)
  if (kind === 'device') return authenticators.device(token)
  if (kind === 'operator') return authenticators.operator(token)
  return undefined
}

const BAD_TEXT_MESSAGES = {
  nul: '内容中含有空字符（\\u0000），请删除后重试',
  loneSurrogate: '内容中含有无效的 Unicode 字符（不成对的代理项，常见于被截断的表情符号），请删除后重试',
} as const

/** Text PostgreSQL cannot hold is refused before the schema, with the path of the field that holds it. */
function parse(schema: Schema | undefined, value: unknown): unknown {
  if (!schema) return undefined
  const bad = findBadText(value)
  if (bad) throw new AppError('bad_request', BAD_TEXT_MESSAGES[bad.problem], bad.path ? { path: bad.path } : {})
  const result = schema.safeParse(value)
  if (!result.success) throw badRequestFromZod(result.error)
  return result.data
}
