import type { InjectOptions } from 'fastify'
import { randomInt, seededRandom } from './prng'

/**
 * Malformed requests made from the county's own OpenAPI document: for a seeded draw of
 * operations, a request built like a real one (its path, query and a body shaped by the
 * schema) with one or more parts spoiled: wrong types, missing or unknown fields, huge,
 * deep or empty values, NUL, lone surrogates, control characters, bad JSON, odd content
 * types, bad path parameters and tus headers, under each kind of credential. The same
 * seed gives the same requests. Used by tests/integration/fuzz-openapi.test.ts (npm test)
 * and `npm run fuzz`.
 */

type JsonSchema = {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  enum?: unknown[]
  const?: unknown
  format?: string
  minimum?: number
  maximum?: number
}
type Parameter = { name: string; in: string; schema?: JsonSchema }
type Operation = {
  operationId: string
  security?: Record<string, unknown>[]
  parameters?: Parameter[]
  requestBody?: { content: Record<string, { schema?: JsonSchema }> }
}
export type OpenApiDocument = { paths: Record<string, Record<string, Operation>> }

/** The credentials a request may carry: valid ones of each kind, and none. */
export type FuzzCredentials = { device: string; admin: string; reviewer: string }
type FuzzRequest = { label: string; options: InjectOptions }

const STRINGS = [
  '',
  ' ',
  '办',
  'a\u0000b',
  '\ud83d',
  'x\ude00y',
  '😀'.repeat(300),
  '\u202e反向',
  '\r\n\t',
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '=HYPERLINK("http://x")',
  '%00',
  '0'.repeat(64),
  '00000000-0000-0000-0000-000000000000',
  '2026-02-30T25:61:00Z',
  '11010519491231002X',
  '1e309',
  '-1',
  'NaN',
  '__proto__',
  'x'.repeat(70_000),
]
const NUMBERS = [0, -1, 1.5, -0, 2 ** 53 + 2, 1e308, -1e308, 4_294_967_296, 99999]
const PATH_VALUES = [
  'x',
  '%00',
  '%ED%A0%80',
  '%F0%9F%98',
  '..%2F..%2Fetc',
  'a'.repeat(2000),
  '%20',
  '-',
  '0',
  '%E5%8A%9E',
  '00000000-0000-0000-0000-00000000000g',
]
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=gbk',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/offset+octet-stream',
  '',
]
const RAW_BODIES = [
  '{',
  '{"a":1,}',
  '[]',
  'null',
  '"text"',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  `{"a":${'['.repeat(5000)}`,
  `${'['.repeat(100)}${']'.repeat(100)}`,
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '\u0000',
  '{"a":1e999999}',
  '\uFEFF{}',
]

/** `count` requests spread over every operation (OPTIONS aside), the same for the same seed. */
export function fuzzRequests(document: OpenApiDocument, credentials: FuzzCredentials, options: { seed: number; count: number }): FuzzRequest[] {
  const random = seededRandom(options.seed)
  const pick = <T>(list: readonly T[]): T => list[randomInt(random, 0, list.length - 1)]!
  const chance = (share: number) => random() < share
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => method !== 'options')
      .map(([method, operation]) => ({ path, method: method.toUpperCase() as InjectOptions['method'], operation })),
  )

  const validish = (schema: JsonSchema | undefined, depth: number): unknown => {
    if (!schema || depth > 6) return pick(STRINGS.slice(0, 3))
    if (schema.const !== undefined) return schema.const
    if (schema.enum) return pick(schema.enum)
    const options = schema.anyOf ?? schema.oneOf
    if (options) return validish(pick(options), depth + 1)
    const type = [schema.type ?? 'string'].flat().filter((kind) => kind !== 'null')[0] ?? 'null'
    switch (type) {
      case 'object':
        return Object.fromEntries(
          Object.entries(schema.properties ?? {})
            .filter(([name]) => (schema.required ?? []).includes(name) || chance(0.5))
            .map(([name, property]) => [name, validish(property, depth + 1)]),
        )
      case 'array':
        return Array.from({ length: randomInt(random, 0, 3) }, () => validish(schema.items, depth + 1))
      case 'integer':
        return randomInt(random, schema.minimum ?? 0, Math.min(schema.maximum ?? 1000, 1000))
      case 'number':
        return random() * 100
      case 'boolean':
        return chance(0.5)
      case 'null':
        return null
      default:
        return schema.format === 'uuid'
          ? '6f0c3f0e-8a4b-4c2e-9d1a-1b2c3d4e5f60'
          : schema.format === 'date-time'
            ? '2026-11-28T02:00:00.000Z'
            : pick(['办理', 'M01', 'MHZ01', '2026-11-28'])
    }
  }

  /** Replaces one value somewhere in the tree with a hostile one. */
  const spoil = (value: unknown, depth = 0): unknown => {
    if (value !== null && typeof value === 'object' && depth < 8 && chance(0.7)) {
      if (Array.isArray(value)) {
        if (value.length === 0) return [hostileValue()]
        const copy = [...value]
        const index = randomInt(random, 0, copy.length - 1)
        copy[index] = spoil(copy[index], depth + 1)
        return copy
      }
      const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) }
      const keys = Object.keys(copy)
      if (keys.length === 0 || chance(0.15)) {
        copy[pick(['zz', '\u0000', '\ud800', '__proto__', 'constructor', 'x'.repeat(300)])] = hostileValue()
        return copy
      }
      const key = pick(keys)
      if (chance(0.2)) delete copy[key]
      else copy[key] = spoil(copy[key], depth + 1)
      return copy
    }
    return hostileValue()
  }

  const hostileValue = (): unknown => {
    switch (randomInt(random, 0, 6)) {
      case 0:
        return pick(STRINGS)
      case 1:
        return pick(NUMBERS)
      case 2:
        return pick([true, false, null, {}, []])
      case 3:
        return Array.from({ length: pick([1, 100, 5000]) }, () => pick(STRINGS.slice(0, 10)))
      case 4:
        return pick(['\u0007', 'tab\tin', '\u001b[2J', '\u0085', '\ufffe', '\udbff\udfff'])
      case 5:
        return nested(pick([10, 63, 65, 500]))
      default:
        return { [pick(STRINGS.slice(0, 8))]: pick(STRINGS) }
    }
  }

  const nested = (levels: number): unknown => {
    let value: unknown = 'leaf'
    for (let level = 0; level < levels; level++) value = chance(0.5) ? [value] : { a: value }
    return value
  }

  /**
   * Mostly the kind the operation takes, so most requests get past authentication to the
   * parts that parse input; otherwise any kind. Logout never gets a live session: it
   * would end it and turn the rest of the run into 401s.
   */
  const credentialFor = (operation: Operation): keyof FuzzCredentials | 'none' => {
    const scheme = Object.keys(operation.security?.[0] ?? {})[0]
    if (operation.operationId === 'adminLogout') return pick(['device', 'none'] as const)
    if (chance(0.25)) return pick(['device', 'admin', 'reviewer', 'none'] as const)
    if (scheme === 'deviceToken') return 'device'
    if (scheme === 'operatorToken') return pick(['admin', 'reviewer'] as const)
    return 'none'
  }

  const requests: FuzzRequest[] = []
  for (let index = 0; index < options.count; index++) {
    const { path, method, operation } = operations[index % operations.length]!
    const credential = credentialFor(operation)
    const headers: Record<string, string> = credential === 'none' ? {} : { authorization: `Bearer ${credentials[credential]}` }
    const parameters = operation.parameters ?? []
    let url = path.replace(/\{(\w+)\}/g, (_, name: string) =>
      chance(0.5) ? percentEncode(String(validish(parameters.find((parameter) => parameter.name === name)?.schema, 0))) : pick(PATH_VALUES),
    )
    const query = parameters.filter((parameter) => parameter.in === 'query')
    if (query.length > 0 || chance(0.2)) {
      const pairs = query
        .filter(() => chance(0.6))
        .map((parameter) => [parameter.name, String(chance(0.5) ? validish(parameter.schema, 0) : pick(STRINGS.slice(0, 20)))])
      if (chance(0.3)) pairs.push(['zz', pick(STRINGS.slice(0, 10))])
      // A lone surrogate has no UTF-8: it is sent as the bytes of one (or of other broken UTF-8).
      if (pairs.length > 0)
        url += `?${pairs.map(([name, value]) => `${name}=${percentEncode(value!).replaceAll('%EF%BF%BD', pick(['%ED%A0%80', '%FF', '%00']))}`).join('&')}`
    }
    for (const parameter of parameters.filter((candidate) => candidate.in === 'header')) {
      if (chance(0.8))
        headers[parameter.name.toLowerCase()] = chance(0.5)
          ? String(validish(parameter.schema, 0))
          : pick(['-1', 'abc', '1.0.0', '99999999999999999999', 'sha256 !!!', 'x y z'])
    }
    if (path.startsWith('/api/v1/files')) {
      headers['upload-metadata'] = pick([
        'sha256 YQ==,intakeId eA==',
        `filename ${Buffer.from('a\u0000b').toString('base64')}`,
        `filename ${Buffer.from('x\ny').toString('base64')}`,
        'sha256 !!!',
        'a b c',
        ',,,',
        'x'.repeat(9000),
      ])
    }
    const jsonBody = operation.requestBody?.content['application/json']
    let payload: string | Buffer | undefined
    if (jsonBody || chance(0.1)) {
      const form = randomInt(random, 0, 9)
      if (form === 0) payload = pick(RAW_BODIES)
      else if (form === 1) payload = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3])
      else payload = JSON.stringify(spoil(validish(jsonBody?.schema, 0)))
      headers['content-type'] = chance(0.85) ? 'application/json' : pick(CONTENT_TYPES)
    } else if (method === 'PATCH') {
      payload = Buffer.alloc(randomInt(random, 0, 4096), 0x61)
      headers['content-type'] = pick(CONTENT_TYPES)
    }
    requests.push({ label: `#${index} ${method} ${path} (${credential})`, options: { method, url, headers, ...(payload === undefined ? {} : { payload }) } })
  }
  return requests
}

/** Every byte of the UTF-8 (a lone surrogate becomes U+FFFD), percent-encoded; unlike encodeURIComponent it never throws. */
function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('')
}

type FuzzFailure = { label: string; statusCode: number; milliseconds: number; body: string }

/**
 * Sends each request and keeps those answered with a 5xx or after more than `slowMs`.
 * A request that throws in the harness (never reaching an answer) counts as a failure too.
 */
export async function runFuzz(
  send: (options: InjectOptions) => Promise<{ statusCode: number; body: string }>,
  requests: readonly FuzzRequest[],
  slowMs: number,
): Promise<{ sent: number; failures: FuzzFailure[]; byStatus: Record<number, number> }> {
  const failures: FuzzFailure[] = []
  const byStatus: Record<number, number> = {}
  for (const request of requests) {
    const started = performance.now()
    const response = await send(request.options).catch((error: unknown) => ({ statusCode: 599, body: String(error) }))
    const milliseconds = performance.now() - started
    byStatus[response.statusCode] = (byStatus[response.statusCode] ?? 0) + 1
    if (response.statusCode >= 500 || milliseconds > slowMs) {
      failures.push({ label: request.label, statusCode: response.statusCode, milliseconds: Math.round(milliseconds), body: response.body.slice(0, 200) })
    }
  }
  return { sent: requests.length, failures, byStatus }
}
