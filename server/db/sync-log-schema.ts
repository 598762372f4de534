import { sql } from 'drizzle-orm'
import { bigserial, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core'
import type { SyncLogSummary } from '../../shared/admin'
import { timestamptz } from './columns'
import { deviceId } from './schema'

// Mirrors server/migrations/0010_device_sync_log.sql, kept apart from schema.ts because only
// the sync log code queries it.

export const deviceSyncLog = pgTable(
  'device_sync_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deviceId: deviceId(),
    stationCode: text('station_code').notNull(),
    kind: text('kind').notNull(),
    statusCode: integer('status_code').notNull(),
    // The SQL default is an empty object, which is no SyncLogSummary: every write gives one.
    summary: jsonb('summary')
      .$type<SyncLogSummary>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    at: timestamptz('at').notNull().defaultNow(),
  },
  (table) => [index('device_sync_log_device_idx').on(table.deviceId, table.id)],
)
export type DeviceSyncLogRow = typeof deviceSyncLog.$inferSelect
