import type { FastifyInstance } from 'fastify'
import { AppError } from '../app-error'

/** Far deeper than any request of the protocol (an intake payload nests about six levels). */
export const MAX_JSON_DEPTH = 64

/**
 * Whether the JSON text nests arrays and objects deeper than `maxDepth`. One pass over
 * the characters with a counter, no recursion and no parse: it runs before JSON.parse,
 * which itself blocks the event loop for seconds on a body of a million brackets.
 * Brackets inside strings do not count; the text need not be valid JSON.
 */
export function exceedsJsonDepth(text: string, maxDepth: number): boolean {
  let depth = 0
  let inString = false
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index)
    if (inString) {
      if (char === 0x5c)
        index++ // a backslash escapes the next character
      else if (char === 0x22) inString = false
      continue
    }
    if (char === 0x22) inString = true
    else if (char === 0x5b || char === 0x7b) {
      if (++depth > maxDepth) return true
    } else if (char === 0x5d || char === 0x7d) depth--
  }
  return false
}

/**
 * Fastify's own JSON parser (prototype poisoning refused) behind the depth check, so
 * nothing parses or walks a body nested past MAX_JSON_DEPTH.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (exceedsJsonDepth(body as string, MAX_JSON_DEPTH)) {
      done(new AppError('bad_request', `请求内容嵌套超过 ${MAX_JSON_DEPTH} 层，不是本系统的请求格式`), undefined)
      return
    }
    // Callback style: done() carries the result; the returned value is only a typing artefact.
    void parseJson(request, body as string, done)
  })
}
