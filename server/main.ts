import { maskedConfig, resolveConfig } from './config'
import { consoleIsBuilt } from './routes/console-routes'
import { demoStaffLine } from './services/seed/demo-staff-seed'
import { startCountyServer } from './start-county-server'

// `npm run server`: the county server as its own process.
const config = resolveConfig()
const server = await startCountyServer(config)
server.app.log.info({ config: maskedConfig(config) }, 'resolved config')

console.log(`county server listening on ${server.url}`)
if (server.dataKeyWarning) console.warn(`WARNING: ${server.dataKeyWarning}`)
for (const { stationCode, code } of server.enrollmentCodes) console.log(`enrollment code ${stationCode} ${code}`)
if (server.adminPasswordHint) console.log(`operator login admin (${server.adminPasswordHint})`)
if (server.reviewerLoginHint) console.log(`operator login ${server.reviewerLoginHint}`)
for (const login of server.staffLogins) console.log(demoStaffLine(login))
console.log(consoleIsBuilt() ? `county console: ${server.url}/console/` : 'county console: not built, run `npm run build:console` to serve it at /console/')

// PGlite keeps its data folder locked until closed, so a signal must close it before exit.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.app.log.info({ signal }, 'shutting down')
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.app.log.error({ err: error }, 'shutdown failed')
        process.exit(1)
      },
    )
  })
}
