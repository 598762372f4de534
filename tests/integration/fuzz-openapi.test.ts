import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fuzzRequests, runFuzz, type FuzzCredentials, type OpenApiDocument } from '../../scripts/lib/openapi-fuzz'
import { enroll, operatorToken, startTestCounty, type TestCounty } from './county-fixture'
import { databaseTargets } from './databases'

/**
 * The hostile-input suite: 2,000 malformed requests generated from GET /api/v1/openapi.json
 * (scripts/lib/openapi-fuzz.ts, a fixed seed) over every operation, with a device token, an
 * administrator's session, a reviewer's session or nothing. Not one may be answered with a
 * 5xx or take longer than 5 s. PGlite only, to keep `npm test` short; `npm run fuzz` sends more.
 */

const [pglite] = await databaseTargets()
const REQUESTS = 2000
const SLOW_MS = 5000
const SEED = 20261206

describe('malformed requests from the OpenAPI document', () => {
  let county: TestCounty
  let document: OpenApiDocument
  let credentials: FuzzCredentials

  beforeAll(async () => {
    county = await startTestCounty(pglite!, {
      loginFailuresPerIp: 100_000,
      loginFailuresPerUser: 100_000,
      enrollFailuresPerIp: 100_000,
      deviceRequestsPerMinute: 1_000_000,
    })
    const reviewer = await county.server.app.inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username: 'minzheng', password: 'minzheng2026' } })
    credentials = {
      device: (await enroll(county.server, 'MHZ01')).token,
      admin: await operatorToken(county.server),
      reviewer: (reviewer.json() as { token: string }).token,
    }
    document = (await county.server.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json()
  })
  afterAll(async () => {
    await county?.close()
  })

  it(`answers ${REQUESTS} of them, over every operation, with no 5xx and none slower than 5 s`, { timeout: 300_000 }, async () => {
    const requests = fuzzRequests(document, credentials, { seed: SEED, count: REQUESTS })
    const operations = new Set(requests.map((request) => request.label.replace(/^#\d+ | \(\w+\)$/g, '')))
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((method) => method !== 'options')
        .map((method) => `${method.toUpperCase()} ${path}`),
    )
    expect([...operations].sort()).toEqual(documented.sort())
    const result = await runFuzz((options) => county.server.app.inject(options), requests, SLOW_MS)
    expect(result.failures).toEqual([])
    expect(result.sent).toBe(REQUESTS)
    // The requests must reach past authentication and validation, not only bounce off them.
    expect(
      Object.keys(result.byStatus)
        .map(Number)
        .filter((status) => status >= 400),
    ).toEqual(expect.arrayContaining([400, 401, 403, 404]))
  })
})
