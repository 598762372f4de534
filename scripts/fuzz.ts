import { parseArgs } from 'node:util'
import { resolveConfig } from '../server/config'
import { startCountyServer } from '../server/start-county-server'
import { fuzzRequests, runFuzz, type OpenApiDocument } from './lib/openapi-fuzz'

/**
 * `npm run fuzz -- --requests N --seed S`
 *
 * Starts a fresh county server (in-memory PGlite, demo data), enrolls a device, signs in as
 * the administrator and as the demo reviewer, and sends N malformed requests generated
 * from its GET /api/v1/openapi.json (scripts/lib/openapi-fuzz.ts) under those credentials
 * and none. Prints one JSON line `{"sent","failures","byStatus"}` and exits 0 only when no
 * answer was a 5xx or took longer than 5 s; each failure is listed on stderr.
 */
const { values } = parseArgs({ options: { requests: { type: 'string', default: '10000' }, seed: { type: 'string', default: '1' } } })
const count = Number(values.requests)
const seed = Number(values.seed)
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- --requests N (a positive integer) --seed S (an integer)')
  process.exit(2)
}

const server = await startCountyServer(
  resolveConfig({
    env: {},
    overrides: {
      port: 0,
      logLevel: 'silent',
      dataDir: 'memory://',
      loginFailuresPerIp: 100_000,
      loginFailuresPerUser: 100_000,
      enrollFailuresPerIp: 100_000,
      deviceRequestsPerMinute: 1_000_000,
    },
  }),
)
try {
  const inject = server.app.inject.bind(server.app)
  const code = server.enrollmentCodes[0]!.code
  const device = (await inject({ method: 'POST', url: '/api/v1/enroll', payload: { code, deviceName: '模糊测试' } })).json() as { token: string }
  const login = async (username: string, password: string) =>
    ((await inject({ method: 'POST', url: '/api/v1/admin/login', payload: { username, password } })).json() as { token: string }).token
  const credentials = { device: device.token, admin: await login('admin', 'menghai2026'), reviewer: await login('minzheng', 'minzheng2026') }
  const document = (await inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as OpenApiDocument
  const result = await runFuzz(inject, fuzzRequests(document, credentials, { seed, count }), 5000)
  for (const failure of result.failures) console.error(`${failure.label}: ${failure.statusCode} in ${failure.milliseconds} ms ${failure.body}`)
  console.log(JSON.stringify({ sent: result.sent, failures: result.failures.length, byStatus: result.byStatus }))
  process.exitCode = result.failures.length === 0 ? 0 : 1
} finally {
  await server.close()
}
