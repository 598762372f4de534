import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import type { SyncLogSummary } from '../../shared/admin'

// Mirrors server/migrations/0010_device_sync_log.sql, kept apart from schema.ts because only
// the sync log code queries it.

export const deviceSyncLog = pgTable(
  'device_sync_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deviceId: uuid('device_id').notNull(),
    stationCode: text('station_code').notNull(),
    kind: text('kind').notNull(),
    statusCode: integer('status_code').notNull(),
    summary: jsonb('summary').$type<SyncLogSummary>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('device_sync_log_device_idx').on(table.deviceId, table.id)],
)
export type DeviceSyncLogRow = typeof deviceSyncLog.$inferSelect
