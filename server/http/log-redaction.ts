import type { FastifyRequest } from 'fastify'

/**
 * What the county's log may hold of a request and of an error. Bodies are never logged;
 * query strings and database error parameters may carry a resident's name, ID number or
 * phone, so they are left out, and error texts are masked where data is quoted in them.
 * Passed to Fastify as the logger's serializers, so every `req` and `err` goes through it.
 */
export const logSerializers = {
  req: (request: FastifyRequest) => ({
    method: request.method,
    url: pathOf(request.url),
    ...(request.url.includes('?') ? { query: '[redacted]' } : {}),
    host: request.host,
    remoteAddress: request.ip,
  }),
  err: redactedError,
}

/** Fields of an error (or of its cause, a pg or PGlite error) that name code, not data. */
const SAFE_FIELDS = ['code', 'statusCode', 'severity', 'routine', 'table', 'column', 'constraint', 'schema', 'dataType'] as const
const MAX_CAUSES = 5

type RedactedError = { type: string; message: string; stack: string; query?: string; cause?: RedactedError } & Partial<
  Record<(typeof SAFE_FIELDS)[number], unknown>
>

/**
 * An error as the log keeps it: its type, masked message and stack, the SQL text of a
 * failed query (placeholders only) and the code fields of its causes; never `params`,
 * `parameters`, `detail`, `where` or any other field, which carry the row's values.
 */
export function redactedError(error: unknown, depth = 0): RedactedError {
  if (!(error instanceof Error)) return { type: typeof error, message: '[non-error value thrown]', stack: '' }
  const source = error as Error & Record<string, unknown>
  const message = redactText(dropParams(error.message))
  // The stack's first line repeats the message; only the frames are taken from it.
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line))
  const result: RedactedError = { type: error.constructor.name || error.name, message, stack: [`${error.name}: ${message}`, ...frames].join('\n') }
  if (typeof source.query === 'string') result.query = source.query
  for (const field of SAFE_FIELDS) {
    const value = source[field]
    if (typeof value === 'string' || typeof value === 'number') result[field] = typeof value === 'string' ? redactText(value) : value
  }
  if (source.cause !== undefined && depth < MAX_CAUSES) result.cause = redactedError(source.cause, depth + 1)
  return result
}

/** Drizzle's "Failed query: …\nparams: …" keeps the SQL and loses the values. */
function dropParams(message: string): string {
  const at = message.indexOf('\nparams:')
  return at < 0 ? message : message.slice(0, at)
}

/**
 * Masks what a database or parser message quotes from the data: quoted text
 * (`invalid input syntax for type uuid: "…"`, `Unexpected token, "{"name":…" is not
 * valid JSON`), parenthesised key values (`Key (id)=(…)`) and any long run of digits.
 */
export function redactText(text: string): string {
  return (
    text
      // From the first quote to the last: a quoted excerpt may hold quotes of its own (a JSON body).
      .replace(/"[\s\S]*"/, '"[redacted]"')
      .replace(/'[\s\S]*'/, "'[redacted]'")
      .replace(/=\([^)]*\)/g, '=([redacted])')
      .replace(/\d{6,}[\dXx]*/g, '[redacted]')
  )
}

function pathOf(url: string): string {
  const at = url.indexOf('?')
  return at < 0 ? url : url.slice(0, at)
}
