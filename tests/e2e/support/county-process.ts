import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'

export type EnrollmentCode = { stationCode: string; code: string }

/**
 * The real county server as a child process (`npm run server`'s entry), so a test can
 * stop it to cut the network and start it again on the same port and data folder.
 */
export class CountyProcess {
  private child: ChildProcess | undefined
  enrollmentCodes: EnrollmentCode[] = []

  constructor(
    readonly port: number,
    readonly dataDir: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: String(this.port), HOST: '127.0.0.1', COUNTY_DATA_DIR: this.dataDir, COUNTY_LOG_LEVEL: 'warn', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.child = child
    const codes: EnrollmentCode[] = []
    let output = ''
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(() => fail(new Error(`county server did not start:\n${output}`)), 90_000)
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk
        for (const match of chunk.matchAll(/^enrollment code (\S+) (\S+)$/gm)) codes.push({ stationCode: match[1]!, code: match[2]! })
        if (/^county server listening on /m.test(output) && codes.length >= 3) {
          clearTimeout(timer)
          ready()
        }
      })
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
      child.once('exit', (code) => {
        clearTimeout(timer)
        fail(new Error(`county server exited with ${code}:\n${output}`))
      })
    })
    this.enrollmentCodes = codes
  }

  async stop(): Promise<void> {
    const child = this.child
    if (!child || child.exitCode !== null) return
    this.child = undefined
    await new Promise<void>((done) => {
      child.once('exit', () => done())
      child.kill('SIGTERM')
    })
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
