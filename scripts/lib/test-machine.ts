import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'

/**
 * What `npm test` needs from the machine beyond node_modules: Chromium for the end-to-end
 * tests, and PostgreSQL when the machine has one. Doing it here, not in .ci/run, keeps the
 * README's `npm ci && npm test` enough on a fresh machine.
 */
const DEBIAN_PACKAGES = ['chromium', 'fonts-wqy-microhei']
const INSTALL_CHROMIUM = `sudo apt-get update && sudo apt-get install -y ${DEBIAN_PACKAGES.join(' ')}`

function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
}

type ChromiumReady = { ok: true } | { ok: false; message: string }

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0
}

/**
 * Starts installing Chromium from Debian when it is missing and we are root, so it runs
 * beside the steps before the end-to-end tests; undefined when there is nothing to start.
 */
export function startChromiumInstall(): Promise<ChromiumReady> | undefined {
  if (existsSync(chromiumPath()) || !isRoot() || !existsSync('/usr/bin/apt-get')) return undefined
  console.log('installing Chromium from Debian in the background (about a minute)')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const run = (args: string[]) =>
    new Promise<string | undefined>((done) => {
      const child = spawn('apt-get', args, { stdio: ['ignore', 'ignore', 'pipe'], env })
      let errors = ''
      child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
      child.once('error', (error) => done(error.message))
      child.once('close', (code) => done(code === 0 ? undefined : errors || `apt-get ${args[0]} exited with ${code}`))
    })
  return (async (): Promise<ChromiumReady> => {
    const failure = (await run(['update', '-qq'])) ?? (await run(['install', '-y', '-qq', ...DEBIAN_PACKAGES]))
    if (failure || !existsSync(chromiumPath()))
      return { ok: false, message: `apt-get could not install Chromium (${failure ?? 'no binary'}); run:\n  ${INSTALL_CHROMIUM}` }
    return { ok: true }
  })()
}

/** Chromium is there, or the install started earlier finished; otherwise says the one command to run. */
export async function ensureChromium(installing?: Promise<ChromiumReady>): Promise<ChromiumReady> {
  if (installing) return await installing
  if (existsSync(chromiumPath())) return { ok: true }
  return { ok: false, message: `Chromium is missing at ${chromiumPath()}. Install it with:\n  ${INSTALL_CHROMIUM}\n(or set CHROMIUM_PATH)` }
}

/** Starts this machine's PostgreSQL cluster if it has one that is stopped; integration tests fall back to PGlite alone. */
export function startLocalPostgres(): void {
  if (process.env.DATABASE_URL || !existsSync('/etc/postgresql')) return
  if (spawnSync('pg_isready', ['-q', '-h', '127.0.0.1', '-p', '5432']).status === 0) return
  const version = readdirSync('/etc/postgresql')[0]
  if (!version) return
  const started = spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' })
  if (started.status !== 0) console.log('PostgreSQL could not be started; integration tests run on PGlite only')
}
