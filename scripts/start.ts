import { spawn, spawnSync } from 'node:child_process'
import { resolveConfig } from '../server/config'
import { demoStaffLine } from '../server/services/seed/demo-staff-seed'
import { startCountyServer } from '../server/start-county-server'
import { electronExecutablePath } from './electron-runtime'
import { serveStationWeb } from './station-web-server'

/**
 * `npm start`: the county server (embedded, seeded) and the station app pointed at it:
 * the desktop app where the Electron runtime is installed, browser mode elsewhere.
 */
function build(args: string[]): void {
  const run = spawnSync('npx', args, { stdio: 'inherit' })
  if (run.status !== 0) {
    console.error(`build failed: npx ${args.join(' ')}`)
    process.exit(1)
  }
}

const electron = electronExecutablePath()
build(electron ? ['electron-vite', 'build', '--logLevel', 'warn'] : ['vite', 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn'])
build(['vite', 'build', '--config', 'vite.console.config.ts', '--logLevel', 'warn'])

// Keep the console to the addresses and codes; `npm run server` logs every request.
const county = await startCountyServer(resolveConfig({ env: { COUNTY_LOG_LEVEL: 'warn', ...process.env } }))
console.log(`county server listening on ${county.url}`)
if (county.dataKeyWarning) console.warn(`WARNING: ${county.dataKeyWarning}`)
for (const entry of county.enrollmentCodes) console.log(`enrollment code ${entry.stationCode} ${entry.code}`)
if (county.adminPasswordHint) console.log(`operator login admin (${county.adminPasswordHint})`)
if (county.reviewerLoginHint) console.log(`operator login ${county.reviewerLoginHint}`)
for (const login of county.staffLogins) console.log(demoStaffLine(login))
console.log(`county console: ${county.url}/console/`)

const closers: (() => Promise<void>)[] = [() => county.close()]
const shutdown = () => {
  void Promise.allSettled(closers.reverse().map((close) => close())).then(() => process.exit(0))
}
process.once('SIGINT', shutdown)
process.once('SIGTERM', shutdown)

if (electron) {
  console.log(`starting the desktop app; enter ${county.url} as 县级服务器地址 at first run`)
  const app = spawn(electron, ['.'], { stdio: 'inherit', env: { ...process.env, BIANMIN_COUNTY_URL: county.url } })
  app.on('exit', shutdown)
} else {
  console.log('Electron runtime not found: serving the station app in browser mode')
  const port = Number(process.env.STATION_PORT ?? 5174)
  const web = await serveStationWeb({ root: 'out/web', host: '127.0.0.1', port })
  closers.push(() => web.close())
  console.log(`station app (browser mode): ${web.url}?county=${encodeURIComponent(county.url)}`)
}
