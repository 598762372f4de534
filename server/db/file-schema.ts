import { bigint, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'

// Mirrors server/migrations/0005_files.sql, kept apart from schema.ts because only the
// file code (tus uploads, blobs, missing attachments) queries these tables.

export const uploads = pgTable(
  'uploads',
  {
    id: uuid('id').primaryKey(),
    stationCode: text('station_code').notNull(),
    deviceId: uuid('device_id').notNull(),
    sha256: text('sha256').notNull(),
    uploadLength: bigint('upload_length', { mode: 'number' }).notNull(),
    uploadOffset: bigint('upload_offset', { mode: 'number' }).notNull().default(0),
    intakeId: uuid('intake_id').notNull(),
    materialId: text('material_id').notNull(),
    filename: text('filename').notNull(),
    mime: text('mime').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (table) => [index('uploads_station_idx').on(table.stationCode, table.createdAt)],
)

export const blobs = pgTable(
  'blobs',
  {
    stationCode: text('station_code').notNull(),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    filename: text('filename').notNull(),
    mime: text('mime').notNull(),
    intakeId: uuid('intake_id').notNull(),
    materialId: text('material_id').notNull(),
    deviceId: uuid('device_id').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.stationCode, table.sha256] }), index('blobs_sha256_idx').on(table.sha256)],
)

export type UploadRow = typeof uploads.$inferSelect
export type BlobRow = typeof blobs.$inferSelect
