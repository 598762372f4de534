import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Operator } from '../../shared/admin'
import { API_PREFIX } from '../../shared/protocol'
import type { z } from '../../shared/zod'
import type { DeviceIdentity } from '../services/device-auth-service'
import { bearerToken } from './bearer-token'
import { AppError } from '../app-error'
import { findNulCharacter } from './text-guard'
import { badRequestFromZod } from './zod-error'

export type AuthKind = 'none' | 'device' | 'operator'
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
  method: 'GET' | 'POST'
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

export type Authenticators = {
  device(token: string | undefined): Promise<DeviceIdentity>
  operator(token: string | undefined): Promise<Operator>
}

export type Router = {
  readonly routes: readonly RouteSpec[]
  define<A extends AuthKind, Q extends Schema | undefined = undefined, P extends Schema | undefined = undefined, B extends Schema | undefined = undefined, R extends Schema = Schema>(
    spec: RouteSpec<A, Q, P, B, R>,
    handler: (input: RouteInput<A, Q, P, B>) => Promise<z.input<R>>,
  ): void
}

/**
 * Routes only parse and answer: the router authenticates, validates params,
 * query and body with the shared zod schemas (a failure is a 400 naming the
 * field), then hands typed input to the handler, which calls one service.
 */
export function createRouter(app: FastifyInstance, authenticators: Authenticators): Router {
  const routes: RouteSpec[] = []
  return {
    routes,
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
          return handler(input)
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

function parse(schema: Schema | undefined, value: unknown): unknown {
  if (!schema) return undefined
  const nulPath = findNulCharacter(value)
  if (nulPath !== undefined) {
    throw new AppError('bad_request', '内容中含有空字符（\\u0000），请删除后重试', nulPath ? { path: nulPath } : {})
  }
  const result = schema.safeParse(value)
  if (!result.success) throw badRequestFromZod(result.error)
  return result.data
}
