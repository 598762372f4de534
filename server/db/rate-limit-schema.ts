import { index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { timestamptz } from './columns'

// Mirrors rate_limit_windows of server/migrations/0008_operator_roles.sql; only the
// rate limiter queries it.

export const rateLimitWindows = pgTable(
  'rate_limit_windows',
  {
    bucket: text('bucket').notNull(),
    windowStart: timestamptz('window_start').notNull(),
    count: integer('count').notNull(),
  },
  (table) => [primaryKey({ columns: [table.bucket, table.windowStart] }), index('rate_limit_windows_start_idx').on(table.windowStart)],
)
