import { createServer } from 'node:net'
import { resolveConfig } from '../../../server/config'
import { startCountyServer, type CountyServer } from '../../../server/start-county-server'

export type EnrollmentCode = { stationCode: string; code: string }

/** How many of the county's last log lines a test keeps, for the report of a failure. */
const KEPT_LOG_LINES = 200

/**
 * The real county server (the same `startCountyServer` as `npm run server`) on its own port and
 * PGlite folder, run inside the Playwright worker. A test can stop it to cut the network and start
 * it again on the same port and folder: stop closes the listener and the database as a SIGTERM
 * does. In the worker rather than as a child process, because a child pays Node's start, the
 * TypeScript loader and the module graph on every test (about 3 s of CPU each), and the worker
 * loads them once; PostgreSQL's WebAssembly is compiled once per worker too.
 */
export class TestCounty {
  private server: CountyServer | undefined
  enrollmentCodes: EnrollmentCode[] = []
  /** The county's warnings and errors (log level warn), newest last. */
  readonly log: string[] = []

  constructor(
    readonly port: number,
    readonly dataDir: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  async start(): Promise<void> {
    if (this.server) return
    const env = { ...process.env, PORT: String(this.port), HOST: '127.0.0.1', COUNTY_DATA_DIR: this.dataDir, COUNTY_LOG_LEVEL: 'warn', DATABASE_URL: '' }
    const logStream = {
      write: (line: string) => {
        this.log.push(line.trimEnd())
        if (this.log.length > KEPT_LOG_LINES) this.log.shift()
      },
    }
    this.server = await startCountyServer(resolveConfig({ env }), { logStream })
    this.enrollmentCodes = this.server.enrollmentCodes.map(({ stationCode, code }) => ({ stationCode, code }))
  }

  async stop(): Promise<void> {
    const server = this.server
    this.server = undefined
    await server?.close()
  }
}

export async function freePort(): Promise<number> {
  return await new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => done(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** The county operator's side of the API, as a county console would use it. */
export async function operatorLogin(countyUrl: string): Promise<string> {
  const response = await fetch(`${countyUrl}/api/v1/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'menghai2026' }),
  })
  if (!response.ok) throw new Error(`operator login failed: ${response.status}`)
  return ((await response.json()) as { token: string }).token
}
