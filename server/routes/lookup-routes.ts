import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Database } from '../db/database'
import { LOOKUP_PAGE_CSP, renderLookupPage } from '../http/lookup-page'
import { lookUpIntakeProgress } from '../services/intake/intake-lookup-service'

/**
 * 进度查询 at `/q/<key>` (the URL in the QR code of the station's documents): HTML for a
 * phone, outside the JSON API. No key, or a key the county does not know, gets the same
 * neutral page with status 200, so the answer tells nothing about which keys exist.
 */
export function registerLookupRoutes(app: FastifyInstance, deps: { db: Database }): void {
  const answer = async (reply: FastifyReply, key: string | undefined, ip: string) => {
    const html = renderLookupPage(await lookUpIntakeProgress(deps.db, key, ip))
    reply.header('Content-Security-Policy', LOOKUP_PAGE_CSP)
    reply.header('X-Content-Type-Options', 'nosniff')
    // The key is in the URL: never send it on, never keep the page.
    reply.header('Referrer-Policy', 'no-referrer')
    reply.header('Cache-Control', 'no-store')
    reply.header('X-Robots-Tag', 'noindex')
    return reply.type('text/html; charset=utf-8').send(html)
  }
  app.get('/q', async (request, reply) => answer(reply, undefined, request.ip))
  app.get<{ Params: { key: string } }>('/q/:key', async (request, reply) => answer(reply, request.params.key, request.ip))
}
