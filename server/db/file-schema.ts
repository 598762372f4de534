import { bigint, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { createdAt, receivedAt, timestamptz } from './columns'
import { deviceId, stationCode } from './schema'

// Mirrors server/migrations/0005_files.sql, kept apart from schema.ts because only the
// file code (tus uploads, blobs, missing attachments) queries these tables.

export const uploads = pgTable(
  'uploads',
  {
    id: uuid('id').primaryKey(),
    stationCode: stationCode(),
    deviceId: deviceId(),
    sha256: text('sha256').notNull(),
    uploadLength: bigint('upload_length', { mode: 'number' }).notNull(),
    uploadOffset: bigint('upload_offset', { mode: 'number' }).notNull().default(0),
    intakeId: uuid('intake_id').notNull(),
    materialId: text('material_id').notNull(),
    filename: text('filename').notNull(),
    mime: text('mime').notNull(),
    createdAt: createdAt(),
    completedAt: timestamptz('completed_at'),
  },
  (table) => [index('uploads_station_idx').on(table.stationCode, table.createdAt)],
)

export const blobs = pgTable(
  'blobs',
  {
    stationCode: stationCode(),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    filename: text('filename').notNull(),
    mime: text('mime').notNull(),
    intakeId: uuid('intake_id').notNull(),
    materialId: text('material_id').notNull(),
    deviceId: deviceId(),
    receivedAt: receivedAt(),
  },
  (table) => [primaryKey({ columns: [table.stationCode, table.sha256] }), index('blobs_sha256_idx').on(table.sha256)],
)

export type UploadRow = typeof uploads.$inferSelect
export type BlobRow = typeof blobs.$inferSelect
