import type { FastifyInstance } from 'fastify'

type RegisteredRoute = { method: string; url: string }

const registered = new WeakMap<FastifyInstance, RegisteredRoute[]>()

/** Records every route Fastify registers, so a test can hold the OpenAPI document against the real table. */
export function trackRoutes(app: FastifyInstance): void {
  const list: RegisteredRoute[] = []
  registered.set(app, list)
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) list.push({ method: String(method), url: route.url })
  })
}

export function registeredRoutes(app: FastifyInstance): RegisteredRoute[] {
  return [...(registered.get(app) ?? [])]
}
