import { boolean, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'

// Mirrors server/migrations/0009_station_staff.sql, kept apart from schema.ts because only
// the station staff code queries it.

export const stationStaff = pgTable(
  'station_staff',
  {
    id: uuid('id').primaryKey(),
    stationCode: text('station_code').notNull(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(),
    passwordHash: text('password_hash').notNull(),
    active: boolean('active').notNull().default(true),
    /** 首席事务代表: may complete 即办件 at the window. */
    onSiteAuthority: boolean('on_site_authority').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('station_staff_station_username_key').on(table.stationCode, table.username)],
)

export type StationStaffRow = typeof stationStaff.$inferSelect
