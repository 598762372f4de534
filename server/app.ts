import { rm } from 'node:fs/promises'
import Fastify, { type FastifyInstance } from 'fastify'
import { PUSH_MAX_BYTES } from '../shared/protocol'
import type { CountyConfig } from './config'
import type { Database } from './db/database'
import { registerCors } from './http/cors'
import { countyKeysOf } from './at-rest/key-registry'
import { createFileStore } from './files/file-store'
import { resolveFilesDir } from './files/files-dir'
import { frameworkErrors, registerErrorHandlers } from './http/error-handler'
import { registerJsonBodyParser } from './http/json-body'
import { logSerializers } from './http/log-redaction'
import { trackRoutes } from './http/route-list'
import { createRouter } from './http/router'
import { registerAdminRoutes } from './routes/admin-routes'
import { registerCalendarAdminRoutes } from './routes/calendar-admin-routes'
import { registerCatalogAdminRoutes } from './routes/catalog-admin-routes'
import { registerConsoleRoutes } from './routes/console-routes'
import { registerDepartmentContactRoutes } from './routes/department-contact-routes'
import { registerFollowUpAdminRoutes } from './routes/follow-up-admin-routes'
import { registerStatisticsAdminRoutes } from './routes/statistics-admin-routes'
import { registerLookupRoutes } from './routes/lookup-routes'
import { registerFileRoutes } from './routes/file-routes'
import { registerOperatorAdminRoutes } from './routes/operator-admin-routes'
import { registerPublicRoutes } from './routes/public-routes'
import { registerStaffAdminRoutes } from './routes/staff-admin-routes'
import { registerSyncRoutes } from './routes/sync-routes'
import { authenticateDevice } from './services/stations/device-auth-service'
import { authenticateOperator } from './services/operators/operator-auth-service'
import { consumeRate } from './services/rate-limits/rate-limit-service'
import { deviceRule } from './services/rate-limits/rate-rules'

export type BuildAppOptions = {
  db: Database
  config: CountyConfig
  /** Where log lines go instead of stdout (a test reading what was logged). */
  logStream?: { write(line: string): void }
}

/** The county server's HTTP app, ready for `listen` or `inject`; it does not listen itself. */
export function buildApp({ db, config, logStream }: BuildAppOptions): FastifyInstance {
  const app = Fastify({
    logger: { level: config.logLevel, serializers: logSerializers, ...(logStream ? { stream: logStream } : {}) },
    // Fastify answers 413 itself past this, before the body is parsed.
    bodyLimit: PUSH_MAX_BYTES,
    // Behind a reverse proxy the client's address (per-IP login limits) is in X-Forwarded-For.
    trustProxy: config.trustProxy,
    frameworkErrors,
  })
  trackRoutes(app)
  registerJsonBodyParser(app)
  registerCors(app)
  registerErrorHandlers(app)
  const router = createRouter(app, {
    device: async (token) => {
      const device = await authenticateDevice(db, token)
      await consumeRate(db, deviceRule(config, device.deviceId), '本设备请求过于频繁')
      return device
    },
    operator: (token) => authenticateOperator(db, token),
  })
  registerPublicRoutes(router, { db, config })
  registerSyncRoutes(router, { db })
  registerAdminRoutes(router, { db, config })
  registerFollowUpAdminRoutes(router, { db })
  registerStatisticsAdminRoutes(router, { db })
  registerStaffAdminRoutes(router, { db })
  registerOperatorAdminRoutes(router, { db })
  registerFileRoutes(app, router, {
    db,
    store: openFileStore(app, config, db),
    maxUploadBytes: config.maxUploadBytes,
    maxUnfinishedBytesPerDevice: config.deviceUnfinishedUploadBytes,
  })
  registerCatalogAdminRoutes(router, { db, config })
  registerCalendarAdminRoutes(router, { db })
  registerDepartmentContactRoutes(router, { db })
  registerConsoleRoutes(app)
  registerLookupRoutes(app, { db })
  return app
}

function openFileStore(app: FastifyInstance, config: CountyConfig, db: Database) {
  const filesDir = resolveFilesDir(config)
  // A temporary folder (in-memory database) belongs to this run only.
  if (filesDir.temporary) app.addHook('onClose', async () => rm(filesDir.dir, { recursive: true, force: true }))
  // Attachments are sealed under the same county data key as the database's personal fields.
  return createFileStore(filesDir.dir, countyKeysOf(db).file)
}
