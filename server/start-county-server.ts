import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { buildApp, type BuildAppOptions } from './app'
import { resolveDataKey } from './at-rest/county-data-key'
import { prepareCountyAtRest } from './at-rest/county-at-rest'
import { registerCountyKeys } from './at-rest/key-registry'
import type { CountyConfig } from './config'
import type { Database } from './db/database'
import { openDatabase } from './db/open-database'
import { createFileStore } from './files/file-store'
import { resolveFilesDir } from './files/files-dir'
import type { DemoStaffLogin } from './services/seed/demo-staff-seed'
import { seedCounty, type StationEnrollmentCode } from './services/seed/seed-service'

export type CountyServer = {
  /** Base URL, e.g. http://127.0.0.1:8787 (the real port when config.port is 0). */
  url: string
  close(): Promise<void>
  /** One unused, unexpired code per demo station. */
  enrollmentCodes: StationEnrollmentCode[]
  /** How to log in as `admin`, for the start output. */
  adminPasswordHint: string
  /** `minzheng (password …)`: how to log in as the demo department reviewer; '' when not seeded. */
  reviewerLoginHint: string
  /** The demo stations' staff accounts, for the start output. */
  staffLogins: DemoStaffLogin[]
  app: FastifyInstance
  /** The open database, for scripts and tests that look behind the API. */
  db: Database
  /** Set when no COUNTY_DATA_KEY was given: the demo key's warning, for the start output. */
  dataKeyWarning?: string
}

/**
 * Opens the database (migrating it), seeds, and listens. Used by server/main.ts,
 * in-process by scripts/start.ts, and by the integration tests.
 */
export async function startCountyServer(config: CountyConfig, options: Pick<BuildAppOptions, 'logStream'> = {}): Promise<CountyServer> {
  // The key first: a malformed COUNTY_DATA_KEY or a damaged demo key file stops the start before anything opens.
  const dataKey = resolveDataKey(config)
  const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, poolSize: config.databasePoolSize })
  registerCountyKeys(database.db, dataKey.keys)
  const app = buildApp({ db: database.db, config, logStream: options.logStream })
  app.log.info({ engine: database.engine }, 'database opened and migrated')
  if (dataKey.warning) app.log.warn({ dataKey: dataKey.source }, dataKey.warning)
  try {
    // A folder of our own (in-memory database) holds nothing from before encryption.
    const filesDir = config.filesDir || !config.dataDir.includes('://') ? resolveFilesDir(config).dir : undefined
    await prepareCountyAtRest(database.db, dataKey.keys, { store: filesDir ? createFileStore(filesDir, dataKey.keys.file) : undefined, log: app.log })
    const seeded = await seedCounty(database.db, config, app.log)
    await app.listen({ port: config.port, host: config.host })
    const address = app.server.address() as AddressInfo
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
    let closing: Promise<void> | undefined
    return {
      url: `http://${host}:${address.port}`,
      enrollmentCodes: seeded.enrollmentCodes,
      adminPasswordHint: seeded.adminPasswordHint,
      reviewerLoginHint: seeded.reviewerLoginHint,
      staffLogins: seeded.staffLogins,
      app,
      db: database.db,
      dataKeyWarning: dataKey.warning,
      // Idempotent: a signal handler and a test teardown may both call it.
      close: () =>
        (closing ??= (async () => {
          // Closing stops new connections and closes the idle ones once; a connection still
          // answering at that moment turns idle afterwards and would hold the close open for
          // the whole keep-alive timeout (72 s). Keep closing idle ones until the server is shut.
          const sweep = setInterval(() => app.server.closeIdleConnections(), 50)
          try {
            await app.close()
          } finally {
            clearInterval(sweep)
          }
          await database.close()
        })()),
    }
  } catch (error) {
    await app.close()
    await database.close()
    throw error
  }
}
