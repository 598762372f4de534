import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'

// Mirrors rate_limit_windows of server/migrations/0008_operator_roles.sql; only the
// rate limiter queries it.

export const rateLimitWindows = pgTable(
  'rate_limit_windows',
  {
    bucket: text('bucket').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull(),
  },
  (table) => [primaryKey({ columns: [table.bucket, table.windowStart] })],
)
