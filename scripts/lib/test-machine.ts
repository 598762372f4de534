import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'

/**
 * What `npm test` needs from the machine beyond node_modules: Chromium for the end-to-end
 * tests, and PostgreSQL when the machine has one. Doing it here, not in .ci/run, keeps the
 * README's `npm ci && npm test` enough on a fresh machine.
 */
const DEBIAN_PACKAGES = ['chromium', 'fonts-wqy-microhei']
export const INSTALL_CHROMIUM = `sudo apt-get update && sudo apt-get install -y ${DEBIAN_PACKAGES.join(' ')}`

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
}

/** Installs Chromium from Debian when missing and we are root; otherwise says the one command to run. */
export function ensureChromium(): { ok: true } | { ok: false; message: string } {
  if (existsSync(chromiumPath())) return { ok: true }
  const root = typeof process.getuid === 'function' && process.getuid() === 0
  if (!root || !existsSync('/usr/bin/apt-get')) {
    return { ok: false, message: `Chromium is missing at ${chromiumPath()}. Install it with:\n  ${INSTALL_CHROMIUM}\n(or set CHROMIUM_PATH)` }
  }
  console.log('installing Chromium from Debian (about a minute)')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', ...DEBIAN_PACKAGES], { stdio: ['ignore', 'ignore', 'inherit'], env }) : update
  if (install.status !== 0 || !existsSync(chromiumPath())) return { ok: false, message: `apt-get could not install Chromium; run:\n  ${INSTALL_CHROMIUM}` }
  return { ok: true }
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
