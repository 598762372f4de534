import { index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import type { ServiceItem } from '../../shared/catalog'
import { createdAt, timestamptz } from './columns'
import { operators } from './schema'

// Mirrors server/migrations/0004_catalog_versions.sql, kept apart from schema.ts
// because only the catalog publishing code queries these tables.

export const catalogVersions = pgTable('catalog_versions', {
  version: integer('version').primaryKey(),
  publishedBy: text('published_by')
    .notNull()
    .references(() => operators.username),
  publishedAt: timestamptz('published_at').notNull().defaultNow(),
  fileName: text('file_name').notNull(),
  added: integer('added').notNull(),
  changed: integer('changed').notNull(),
  suspended: integer('suspended').notNull(),
  withdrawn: integer('withdrawn').notNull(),
  unchanged: integer('unchanged').notNull(),
  notInFile: integer('not_in_file').notNull(),
})

export const catalogDrafts = pgTable(
  'catalog_drafts',
  {
    id: uuid('id').primaryKey(),
    createdBy: text('created_by')
      .notNull()
      .references(() => operators.username),
    createdAt: createdAt(),
    fileName: text('file_name').notNull(),
    baseVersion: integer('base_version').notNull(),
    items: jsonb('items').$type<ServiceItem[]>().notNull(),
  },
  (table) => [index('catalog_drafts_created_idx').on(table.createdAt)],
)

export type CatalogVersionRow = typeof catalogVersions.$inferSelect
export type CatalogDraftRow = typeof catalogDrafts.$inferSelect
